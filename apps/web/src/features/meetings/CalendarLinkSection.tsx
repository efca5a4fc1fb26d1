// A private calendar address for "my meetings": shown once when made, to paste
// into a calendar app; a new one turns the old one off, and it can be turned off.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { currentLocale } from "../../i18n/i18n";
import { meetingApi, meetingKeys, type CalendarLink, type MyMeetings } from "./api";
import { meetingProblem } from "./errors";

export function CalendarLinkSection({ calendar }: { calendar: MyMeetings["calendar"] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [link, setLink] = useState<CalendarLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const getRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const since = calendar.createdAt
    ? new Intl.DateTimeFormat(currentLocale(), { dateStyle: "long" }).format(new Date(calendar.createdAt))
    : null;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setStatus(null);
    setCopied(false);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: meetingKeys.mine });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const make = () =>
    run(async () => {
      const made = await meetingApi.newCalendarLink();
      setLink(made);
      requestAnimationFrame(() => inputRef.current?.select());
    });

  const turnOff = async () => {
    await run(async () => {
      await meetingApi.turnOffCalendarLink();
      setLink(null);
      setStatus(t("meetings.calendar.turnedOff"));
    });
    // The button that was pressed is gone: keyboard users land on the one that replaces it.
    requestAnimationFrame(() => getRef.current?.focus());
  };

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      // No clipboard (an old browser, or permission refused): select the text to copy by hand.
      inputRef.current?.select();
      setCopied(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("meetings.calendar.title")}</h2>
      <p>{t("meetings.calendar.lead")}</p>
      <p className="muted">{t("meetings.calendar.private")}</p>
      {link ? (
        <div className="stack-sm calendar-link">
          <label className="field-label" htmlFor={`${id}-url`}>
            {t("meetings.calendar.yourLink")}
          </label>
          <p className="field-hint" id={`${id}-hint`}>
            {t("meetings.calendar.onlyOnce")}
          </p>
          <div className="calendar-link-row">
            <input
              ref={inputRef}
              id={`${id}-url`}
              className="input calendar-link-input"
              readOnly
              value={link.url}
              aria-describedby={`${id}-hint`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="button button-primary" onClick={() => void copy()}>
              {t("meetings.calendar.copy")}
            </button>
          </div>
          <p role="status" className="status-slot">
            {copied ? t("meetings.calendar.copied") : ""}
          </p>
        </div>
      ) : (
        <p className="status-line">
          <span className={calendar.active ? "dot dot-on" : "dot"} aria-hidden="true" />
          {calendar.active ? t("meetings.calendar.active", { date: since }) : t("meetings.calendar.inactive")}
        </p>
      )}
      <div className="button-row">
        {calendar.active || link ? (
          <>
            <ConfirmButton
              label={t("meetings.calendar.makeNew")}
              title={t("meetings.calendar.makeNewTitle")}
              body={<p>{t("meetings.calendar.makeNewBody")}</p>}
              confirmLabel={t("meetings.calendar.makeNewConfirm")}
              onConfirm={() => void make()}
              className="button button-secondary"
              isDisabled={busy}
            />
            <ConfirmButton
              label={t("meetings.calendar.turnOff")}
              title={t("meetings.calendar.turnOffTitle")}
              body={<p>{t("meetings.calendar.turnOffBody")}</p>}
              confirmLabel={t("meetings.calendar.turnOffConfirm")}
              onConfirm={() => void turnOff()}
              className="button button-quiet"
              isDisabled={busy}
            />
          </>
        ) : (
          <button ref={getRef} type="button" className="button button-primary" disabled={busy} onClick={() => void make()}>
            {t("meetings.calendar.get")}
          </button>
        )}
      </div>
      <div role="status" className="status-slot">
        {status ? <p className="notice notice-success">{status}</p> : null}
      </div>
      {error ? (
        <p className="notice notice-problem" role="alert">
          {meetingProblem(t, error)}
        </p>
      ) : null}
    </section>
  );
}
