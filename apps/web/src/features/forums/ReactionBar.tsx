import { useTranslation } from "react-i18next";
import { REACTIONS, type Reaction } from "./constants";

/**
 * How reactions look, wherever they are (forum posts, group feeds): toggle
 * buttons with counts for other people's posts, the counts alone for one's own.
 * The caller owns the state and the request.
 */
export function ReactionBar({
  count,
  mine,
  canReact,
  busy,
  error,
  onToggle,
}: {
  count: (kind: Reaction) => number;
  mine: readonly Reaction[];
  canReact: boolean;
  busy: Reaction | null;
  error: string | null;
  onToggle: (kind: Reaction) => void;
}) {
  const { t } = useTranslation();
  if (!canReact) {
    const given = REACTIONS.filter((kind) => count(kind) > 0);
    if (given.length === 0) return null;
    return (
      <p className="reaction-summary">
        {given.map((kind) => (
          <span key={kind} className="reaction-static">
            {t(`forums.reactions.${kind}`)} <span className="reaction-count">{count(kind)}</span>
          </span>
        ))}
      </p>
    );
  }
  return (
    <div className="reactions">
      <div className="reaction-buttons" role="group" aria-label={t("forums.reactions.label")}>
        {REACTIONS.map((kind) => {
          const pressed = mine.includes(kind);
          return (
            <button
              key={kind}
              type="button"
              className={pressed ? "reaction reaction-on" : "reaction"}
              aria-pressed={pressed}
              aria-busy={busy === kind || undefined}
              onClick={() => onToggle(kind)}
            >
              <span>{t(`forums.reactions.${kind}`)}</span>
              <span className="reaction-count">{count(kind)}</span>
            </button>
          );
        })}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
