// "How often it meets": every week or every other week on chosen days, or
// monthly on the first…last weekday; with the rule it makes, read-only.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Fieldset } from "../../components/FormField";
import { currentLocale } from "../../i18n/i18n";
import { describeRecurrence, ORDINALS, toRule, type Ordinal, type Recurrence } from "./recurrence";
import { weekdayNames } from "./time";

type Kind = "weekly" | "biweekly" | "monthly" | "custom";

const kindOf = (r: Recurrence): Kind => (r.kind === "weekly" ? (r.interval === 2 ? "biweekly" : "weekly") : r.kind);

export function RecurrenceField({
  value,
  onChange,
  firstDay,
  original,
  fallbackText,
  error,
}: {
  value: Recurrence;
  onChange: (r: Recurrence) => void;
  /** The weekday (0 = Sunday) of the first date: the day chosen when none is. */
  firstDay: number;
  /** The rule the meeting had when the form opened, kept when it is one the builder cannot express. */
  original: Recurrence | null;
  fallbackText: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const names = weekdayNames(locale);
  const order = locale === "es" ? [1, 2, 3, 4, 5, 6, 0] : [0, 1, 2, 3, 4, 5, 6];
  const kind = kindOf(value);
  const days = value.kind === "weekly" ? value.days : [firstDay];
  const kinds: Kind[] = original?.kind === "custom" ? ["weekly", "biweekly", "monthly", "custom"] : ["weekly", "biweekly", "monthly"];

  function choose(next: Kind) {
    if (next === "custom" && original?.kind === "custom") return onChange(original);
    if (next === "monthly") {
      return onChange({ kind: "monthly", ordinal: value.kind === "monthly" ? value.ordinal : 1, day: value.kind === "monthly" ? value.day : (days[0] ?? firstDay) });
    }
    onChange({ kind: "weekly", interval: next === "biweekly" ? 2 : 1, days: value.kind === "weekly" ? value.days : [value.kind === "monthly" ? value.day : firstDay] });
  }

  function toggleDay(day: number, on: boolean) {
    if (value.kind !== "weekly") return;
    onChange({ ...value, days: on ? [...value.days, day] : value.days.filter((d) => d !== day) });
  }

  const rule = toRule(value);
  const described = value.kind === "weekly" && value.days.length === 0 ? t("meetings.recurrence.chooseDays") : describeRecurrence(value, t, locale, fallbackText);

  return (
    <Fieldset legend={t("meetings.recurrence.legend")} hint={t("meetings.recurrence.hint")} error={error} className="recurrence">
      <div className="recurrence-kinds">
        {kinds.map((k) => (
          <div key={k} className="check">
            <input type="radio" id={`${id}-${k}`} name={`${id}-kind`} checked={kind === k} onChange={() => choose(k)} />
            <label htmlFor={`${id}-${k}`}>{t(`meetings.recurrence.kind.${k}`)}</label>
          </div>
        ))}
      </div>
      {value.kind === "weekly" ? (
        <fieldset className="fieldset recurrence-days">
          <legend className="field-label">{t("meetings.recurrence.days")}</legend>
          <div className="check-grid check-grid-compact">
            {order.map((d) => (
              <div key={d} className="check">
                <input
                  type="checkbox"
                  id={`${id}-day-${d}`}
                  checked={value.days.includes(d)}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => toggleDay(d, e.target.checked)}
                />
                <label htmlFor={`${id}-day-${d}`}>{names[d]}</label>
              </div>
            ))}
          </div>
          {value.interval === 2 ? <p className="field-hint">{t("meetings.recurrence.biweeklyHint")}</p> : null}
        </fieldset>
      ) : null}
      {value.kind === "monthly" ? (
        <div className="recurrence-monthly">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-ordinal`}>
              {t("meetings.recurrence.which")}
            </label>
            <select
              id={`${id}-ordinal`}
              className="input select"
              value={value.ordinal}
              onChange={(e) => onChange({ ...value, ordinal: Number(e.target.value) as Ordinal })}
            >
              {ORDINALS.map((o) => (
                <option key={o} value={o}>
                  {t(`meetings.recurrence.ordinal.${o === -1 ? "last" : (String(o) as "1" | "2" | "3" | "4")}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-weekday`}>
              {t("meetings.recurrence.weekday")}
            </label>
            <select
              id={`${id}-weekday`}
              className="input select"
              value={value.day}
              onChange={(e) => onChange({ ...value, day: Number(e.target.value) })}
            >
              {order.map((d) => (
                <option key={d} value={d}>
                  {names[d]}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      {value.kind === "custom" ? <p className="field-hint">{t("meetings.recurrence.customHint")}</p> : null}
      <div className="recurrence-preview" aria-live="polite">
        <p>
          <span className="field-label">{t("meetings.recurrence.preview")}</span> {described}
        </p>
        <p className="small muted">
          {t("meetings.recurrence.rule")} <code>{rule}</code>
        </p>
      </div>
    </Fieldset>
  );
}
