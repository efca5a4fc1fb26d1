import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { problemMessage } from "../../components/errors";
import { CheckIcon } from "../../components/icons";

/**
 * An on/off button (aria-pressed) that answers at once and undoes itself if the
 * server says no. The label stays the same in both states, as screen readers
 * expect of a toggle; the pressed look and a check mark show that it is on.
 */
export function ToggleButton({
  pressed,
  onToggle,
  icon,
  children,
  className = "",
}: {
  pressed: boolean;
  onToggle: (next: boolean) => Promise<unknown>;
  icon?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(pressed);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setShown(pressed), [pressed]);

  async function toggle() {
    if (busy) return;
    const next = !shown;
    setShown(next);
    setBusy(true);
    setError(null);
    try {
      await onToggle(next);
    } catch (err) {
      setShown(!next);
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="toggle-wrap">
      <button
        type="button"
        className={`button button-small toggle ${shown ? "toggle-on" : ""} ${className}`}
        aria-pressed={shown}
        onClick={() => void toggle()}
      >
        {shown ? <CheckIcon /> : icon}
        {children}
      </button>
      {error ? (
        <span className="field-error toggle-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
