// For the people who run a meeting: call off one date, or move it to another
// day or time (in the meeting's own time zone), with a note for everyone.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, FormSuccess, SelectField, TextField } from "../../components/FormField";
import { useFormSubmit } from "../../components/useFormSubmit";
import { currentLocale } from "../../i18n/i18n";
import { meetingApi, meetingChanged, type Meeting } from "./api";
import { meetingFieldErrors, meetingProblem } from "./errors";
import { localDateTime, localDateTimeShort, zoneLabel } from "./time";

const FIELDS = ["occurrence", "movedTo", "note"] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;

export function OccurrenceTools({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const choices = m.next;
  const [occurrence, setOccurrence] = useState(choices[0]?.original ?? "");
  const [action, setAction] = useState<"cancel" | "move">("cancel");
  const [movedTo, setMovedTo] = useState("");
  const [note, setNote] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const actionName = useId();

  // The chosen date may have left the list (it was cancelled): fall back to the first.
  const chosen = choices.some((o) => o.original === occurrence) ? occurrence : (choices[0]?.original ?? "");

  if (choices.length === 0) return <p className="muted">{t("meetings.change.noDates")}</p>;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const checked: Errors = {
      occurrence: chosen ? undefined : t("meetings.change.chooseDate"),
      movedTo: action === "move" && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(movedTo) ? t("meetings.errors.movedToMissing") : undefined,
    };
    const when = localDateTime(chosen, locale);
    await submit(
      event.currentTarget,
      checked,
      async () => {
        const updated = await meetingApi.setException(m.slug, {
          occurrence: chosen,
          action,
          ...(action === "move" ? { movedTo } : {}),
          note: note.trim(),
        });
        meetingChanged(queryClient, updated);
        setNote("");
        setMovedTo("");
        setAction("cancel");
        setDone(action === "cancel" ? t("meetings.change.cancelled", { when }) : t("meetings.change.moved", { when }));
      },
      { fromServer: meetingFieldErrors(FIELDS) },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <SelectField
        label={t("meetings.change.which")}
        hint={t("meetings.change.whichHint", { zone: zoneLabel(m.timezone) })}
        value={chosen}
        onChange={(e) => {
          setOccurrence(e.target.value);
          setDone(null);
        }}
        error={errors.occurrence}
      >
        {choices.map((o) => (
          <option key={o.original} value={o.original}>
            {localDateTimeShort(o.original, locale)}
            {o.status === "moved" ? ` (${t("meetings.change.alreadyMoved")})` : ""}
          </option>
        ))}
      </SelectField>
      <fieldset className="fieldset">
        <legend className="field-label">{t("meetings.change.what")}</legend>
        <div className="check">
          <input
            type="radio"
            id={`${actionName}-cancel`}
            name={actionName}
            checked={action === "cancel"}
            onChange={() => setAction("cancel")}
          />
          <label htmlFor={`${actionName}-cancel`}>{t("meetings.change.cancel")}</label>
        </div>
        <div className="check">
          <input
            type="radio"
            id={`${actionName}-move`}
            name={actionName}
            checked={action === "move"}
            onChange={() => {
              setAction("move");
              if (!movedTo) setMovedTo(chosen);
            }}
          />
          <label htmlFor={`${actionName}-move`}>{t("meetings.change.move")}</label>
        </div>
      </fieldset>
      {action === "move" ? (
        <TextField
          type="datetime-local"
          label={t("meetings.change.newTime", { zone: zoneLabel(m.timezone) })}
          hint={t("meetings.change.newTimeHint")}
          value={movedTo}
          onChange={(e) => setMovedTo(e.target.value.slice(0, 16))}
          error={errors.movedTo}
        />
      ) : null}
      <TextField
        label={t("meetings.change.note")}
        hint={t("meetings.change.noteHint")}
        optional
        value={note}
        maxLength={300}
        onChange={(e) => setNote(e.target.value)}
        error={errors.note}
      />
      <FormSuccess message={done} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : action === "cancel" ? t("meetings.change.cancelSubmit") : t("meetings.change.moveSubmit")}
        </button>
      </div>
    </form>
  );
}

/** "Put back as planned" for one cancelled or moved date. */
export function RestoreButton({ meeting, original, label }: { meeting: Meeting; original: string; label: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <span className="toggle-wrap">
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            meetingChanged(queryClient, await meetingApi.clearException(meeting.slug, original));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t("meetings.change.restore")}
        <span className="visually-hidden">: {label}</span>
      </button>
      {error ? (
        <span className="field-error toggle-error" role="alert">
          {meetingProblem(t, error)}
        </span>
      ) : null}
    </span>
  );
}
