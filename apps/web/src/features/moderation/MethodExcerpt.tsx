// The words under review with method details folded behind a chip until a
// moderator asks to see them: safe-messaging guidance says not to repeat such
// details, even to staff, unless they need to.
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { hasMethodDetails, MethodText } from "../safety/MethodText";

export function MethodExcerpt({
  text,
  spans,
  empty,
  children,
}: {
  text: string;
  spans: { start: number; end: number }[];
  /** Said instead of an empty excerpt (e.g. a post its author removed). */
  empty: string;
  /** Links shown beside the toggle (e.g. "Open the post"). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(false);
  const id = useId();
  const hasHidden = hasMethodDetails(text, spans);

  return (
    <div className="review-source stack-sm">
      {text ? (
        <MethodText
          text={text}
          spans={spans}
          reveal={reveal}
          id={id}
          className="review-excerpt"
          testId="review-excerpt"
        />
      ) : (
        <p className="muted review-excerpt-empty">{empty}</p>
      )}
      {hasHidden || children ? (
        <div className="review-source-links">
          {hasHidden ? (
            <button
              type="button"
              className="link-button"
              aria-controls={id}
              aria-expanded={reveal}
              onClick={() => setReveal((r) => !r)}
            >
              {reveal ? t("safety.hideDetails") : t("safety.showDetails")}
            </button>
          ) : null}
          {children}
        </div>
      ) : null}
    </div>
  );
}
