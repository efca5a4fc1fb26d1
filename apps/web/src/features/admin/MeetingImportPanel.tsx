// Importing a Meeting Guide feed: choose a .json file (or, for a feed served on
// this machine, its address), check it first (a dry run that writes nothing),
// read the report, then import. When some entries cannot be imported, the
// valid ones can be imported on their own.
import type { ImportReport, ImportRequest } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api/client";
import { FormAlert, TextField } from "../../components/FormField";
import { meetingApi, meetingKeys } from "../meetings/api";
import { meetingFieldError, meetingProblem } from "../meetings/errors";

type Source = { kind: "file"; name: string; feed: unknown } | { kind: "url"; url: string };

/** The longest list shown in full; the rest are counted. */
const SHOW = 100;

export function MeetingImportPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [file, setFile] = useState<{ name: string; feed: unknown } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | undefined>(undefined);
  const [checked, setChecked] = useState<{ source: Source; report: ImportReport } | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  const [error, setError] = useState<string | null>(null);

  function forget() {
    setChecked(null);
    setDone(null);
    setError(null);
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    forget();
    setFile(null);
    setFileError(null);
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const reader = new FileReader();
    reader.onload = () => {
      try {
        setFile({ name: chosen.name, feed: JSON.parse(String(reader.result)) });
      } catch {
        setFileError(t("meetings.import.notJson", { name: chosen.name }));
      }
    };
    reader.onerror = () => setFileError(t("meetings.import.unreadable", { name: chosen.name }));
    reader.readAsText(chosen);
  }

  const body = (source: Source, extra: Partial<ImportRequest>): ImportRequest =>
    source.kind === "file" ? { feed: source.feed, ...extra } : { url: source.url, ...extra };

  async function onCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    forget();
    setUrlError(undefined);
    const source: Source | null = file ? { kind: "file", ...file } : url.trim() ? { kind: "url", url: url.trim() } : null;
    if (!source) {
      setError(t("meetings.import.chooseSource"));
      return;
    }
    setBusy("check");
    try {
      setChecked({ source, report: await meetingApi.import(body(source, { dryRun: true })) });
    } catch (e) {
      setUrlError(meetingFieldError(e, "url"));
      setError(importProblem(e));
    } finally {
      setBusy(null);
    }
  }

  async function onImport(acceptValid: boolean) {
    if (!checked) return;
    setBusy("import");
    setError(null);
    try {
      const report = await meetingApi.import(body(checked.source, { dryRun: false, acceptValid }));
      setDone(report);
      setChecked(null);
      void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["groups"] });
    } catch (e) {
      setError(importProblem(e));
    } finally {
      setBusy(null);
    }
  }

  function importProblem(e: unknown): string | null {
    if (e instanceof ApiError && e.type === "validation") {
      const feedError = meetingFieldError(e, "feed");
      if (feedError) return t("meetings.import.feedRefused", { reason: feedError });
      if (e.fieldError("url")) return t("meetings.import.urlRefused");
    }
    if (e instanceof ApiError && e.status === 413) return t("meetings.import.tooLarge");
    return meetingProblem(t, e);
  }

  const report = checked?.report;
  const valid = report ? report.created.length + report.updated.length : 0;

  return (
    <div className="stack-lg meeting-import">
      <p>{t("meetings.import.lead")}</p>
      <form className="card form" onSubmit={onCheck} noValidate>
        <FormAlert message={error} />
        <div className="field">
          <label className="field-label" htmlFor={`${id}-file`}>
            {t("meetings.import.file")}
          </label>
          <p className="field-hint" id={`${id}-file-hint`}>
            {t("meetings.import.fileHint")}
          </p>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,application/json"
            className="file-input"
            aria-describedby={fileError ? `${id}-file-hint ${id}-file-error` : `${id}-file-hint`}
            aria-invalid={fileError ? true : undefined}
            onChange={onFile}
          />
          {fileError ? (
            <p className="field-error" id={`${id}-file-error`} role="alert">
              {fileError}
            </p>
          ) : null}
          {file ? <p className="small muted">{t("meetings.import.fileRead", { name: file.name })}</p> : null}
        </div>
        <TextField
          label={t("meetings.import.url")}
          hint={t("meetings.import.urlHint")}
          optional
          type="url"
          value={url}
          disabled={file !== null}
          onChange={(e) => {
            setUrl(e.target.value);
            forget();
          }}
          error={urlError}
          autoCapitalize="none"
          spellCheck={false}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy !== null || fileError !== null}>
            {busy === "check" ? t("meetings.import.checking") : t("meetings.import.check")}
          </button>
        </div>
      </form>

      {report ? (
        <section className="card stack" aria-labelledby={`${id}-report`}>
          <h3 id={`${id}-report`}>{t("meetings.import.reportTitle")}</h3>
          <ReportLists report={report} />
          {valid === 0 && report.skipped.length === 0 ? <p>{t("meetings.import.nothingToDo")}</p> : null}
          <div className="button-row">
            {report.skipped.length === 0 && valid > 0 ? (
              <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void onImport(false)}>
                {busy === "import" ? t("meetings.import.importing") : t("meetings.import.import")}
              </button>
            ) : null}
            {report.skipped.length > 0 && valid > 0 ? (
              <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void onImport(true)}>
                {busy === "import" ? t("meetings.import.importing") : t("meetings.import.importValid", { count: valid })}
              </button>
            ) : null}
          </div>
          {report.skipped.length > 0 ? <p className="muted">{t("meetings.import.fixHint")}</p> : null}
        </section>
      ) : null}

      <div role="status" className="status-slot">
        {done ? (
          <div className="notice notice-success stack-sm">
            <p>
              {t("meetings.import.done", {
                created: done.created.length,
                updated: done.updated.length,
                unchanged: done.unchanged.length,
              })}
            </p>
            {done.skipped.length > 0 ? <p>{t("meetings.import.doneSkipped", { count: done.skipped.length })}</p> : null}
            <p>
              <Link to="/meetings">{t("meetings.import.seeDirectory")}</Link>
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}

type Line = ImportReport["created"][number];

function ReportLists({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const name = (line: Line) => line.name ?? line.slug ?? t("meetings.import.entry", { n: line.index + 1 });
  return (
    <div className="stack import-report">
      <ul className="import-summary">
        <li>{t("meetings.import.createdCount", { count: report.created.length })}</li>
        <li>{t("meetings.import.updatedCount", { count: report.updated.length })}</li>
        <li>{t("meetings.import.unchangedCount", { count: report.unchanged.length })}</li>
        <li className={report.skipped.length > 0 ? "import-skipped-count" : undefined}>
          {t("meetings.import.skippedCount", { count: report.skipped.length })}
        </li>
      </ul>
      {report.skipped.length > 0 ? (
        <ReportSection title={t("meetings.import.skippedTitle")} open total={report.skipped.length}>
          {report.skipped.slice(0, SHOW).map((line) => (
            <li key={line.index}>
              <strong>{name(line)}</strong> <span className="muted small">({t("meetings.import.entry", { n: line.index + 1 })})</span>
              <ul className="import-errors">
                {line.errors.map((e, i) => (
                  <li key={i}>
                    <code>{e.field.replace(/^\[\d+\]\.?/, "") || "—"}</code>: {e.message}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ReportSection>
      ) : null}
      {report.created.length > 0 ? (
        <ReportSection title={t("meetings.import.createdTitle")} total={report.created.length}>
          {report.created.slice(0, SHOW).map((line) => (
            <li key={line.index}>{name(line)}</li>
          ))}
        </ReportSection>
      ) : null}
      {report.updated.length > 0 ? (
        <ReportSection title={t("meetings.import.updatedTitle")} total={report.updated.length}>
          {report.updated.slice(0, SHOW).map((line) => (
            <li key={line.index}>
              {name(line)}{" "}
              <span className="muted small">
                ({t("meetings.import.changedFields", { fields: line.fields.join(", ") })})
              </span>
            </li>
          ))}
        </ReportSection>
      ) : null}
      {report.unchanged.length > 0 ? (
        <ReportSection title={t("meetings.import.unchangedTitle")} total={report.unchanged.length}>
          {report.unchanged.slice(0, SHOW).map((line) => (
            <li key={line.index}>{name(line)}</li>
          ))}
        </ReportSection>
      ) : null}
    </div>
  );
}

function ReportSection({
  title,
  total,
  open = false,
  children,
}: {
  title: string;
  total: number;
  open?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <details className="disclosure import-section" open={open}>
      <summary>
        {title} ({total})
      </summary>
      <ul className="import-lines">{children}</ul>
      {total > SHOW ? <p className="muted small">{t("meetings.import.andMore", { count: total - SHOW })}</p> : null}
    </details>
  );
}
