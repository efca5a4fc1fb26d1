// Words from someone who may be in crisis, with the method details they name
// folded behind a chip until a staff member asks to see them: safe-messaging
// guidance says not to repeat such details, even to staff, unless needed.
// Shared by the on-call alert cards and the moderators' review queue.
import { useTranslation } from "react-i18next";
import { excerptPieces } from "./api";

export function hasMethodDetails(text: string, spans: { start: number; end: number }[]) {
  return excerptPieces(text, spans).some((p) => p.method);
}

export function MethodText({
  text,
  spans,
  reveal,
  id,
  className,
  testId,
}: {
  text: string;
  spans: { start: number; end: number }[];
  reveal: boolean;
  id: string;
  className: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <blockquote className={className} id={id} data-testid={testId}>
      {excerptPieces(text, spans).map((p, i) =>
        p.method ? (
          reveal ? (
            <mark key={i} className="method-detail">
              {p.text}
            </mark>
          ) : (
            <span key={i} className="chip chip-hidden">
              {t("safety.detailsHidden")}
            </span>
          )
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </blockquote>
  );
}
