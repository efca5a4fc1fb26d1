import type { ChannelChoice, Digest, NotificationKind, UpdateNotificationPreferences } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CheckboxField, Fieldset, FormAlert, FormSuccess, TextField } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { serverFieldError } from "../components/errors";
import {
  notificationApi,
  notificationPrefsKey,
  useNotificationPreferences,
  type NotificationPreferences,
} from "../features/notifications/api";
import {
  DIGESTS,
  KIND_LIST,
  NOTIFICATION_GROUPS,
  NOTIFICATION_KINDS,
  isMandatory,
  kindsInGroup,
  type NotificationGroup,
} from "../features/notifications/kinds";
import { currentLocale } from "../i18n/i18n";
import { useFormSubmit } from "../components/useFormSubmit";

export default function NotificationSettingsPage() {
  return (
    <RequireAuth>
      <NotificationSettings />
    </RequireAuth>
  );
}

function NotificationSettings() {
  const { t } = useTranslation();
  const prefs = useNotificationPreferences();
  return (
    <div className="prefs-page stack">
      <PageHeading title={t("notificationSettings.title")} lead={t("notificationSettings.lead")}>
        <p className="page-links">
          <Link to="/notifications">{t("notificationSettings.toNotifications")}</Link>
          <Link to="/settings">{t("notificationSettings.toSettings")}</Link>
        </p>
      </PageHeading>
      {prefs.isPending || (prefs.data && !prefs.isFetchedAfterMount && prefs.isFetching) ? <Loading /> : null}
      {prefs.isError ? <QueryError error={prefs.error} /> : null}
      {/* The form starts from a fresh answer, never from a copy cached on an earlier visit. */}
      {prefs.data && prefs.isFetchedAfterMount ? <PreferencesForm prefs={prefs.data} /> : null}
    </div>
  );
}

type Draft = {
  /** Only the kinds the server says this person can receive. */
  kinds: Partial<Record<NotificationKind, ChannelChoice>>;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  digest: Digest;
};

function toDraft(prefs: NotificationPreferences): Draft {
  const kinds: Draft["kinds"] = {};
  for (const kind of KIND_LIST) {
    const saved = prefs.kinds[kind];
    if (!saved) continue;
    kinds[kind] = {
      inApp: isMandatory(kind) ? true : (saved?.inApp ?? true),
      email: saved?.email ?? NOTIFICATION_KINDS[kind].defaultEmail,
    };
  }
  return {
    kinds,
    quietOn: prefs.quietHours !== null,
    quietStart: prefs.quietHours?.start ?? "22:00",
    quietEnd: prefs.quietHours?.end ?? "07:00",
    digest: prefs.digest,
  };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

type Errors = { kinds?: string; quietStart?: string; quietEnd?: string; quietHours?: string; digest?: string };

/** The server names quiet hours as one object; its error goes by the field it is about, or by the pair. */
function serverErrors(err: unknown): Errors {
  const errors: Errors = {
    kinds: serverFieldError(err, "kinds"),
    quietStart: serverFieldError(err, "quietHours.start"),
    quietEnd: serverFieldError(err, "quietHours.end"),
    digest: serverFieldError(err, "digest"),
  };
  if (!errors.quietStart && !errors.quietEnd) errors.quietHours = serverFieldError(err, "quietHours");
  return errors;
}

function PreferencesForm({ prefs }: { prefs: NotificationPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(prefs));
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const [saved, setSaved] = useState<string | null>(null);
  const emailNoteId = useId();
  const mandatoryNoteId = useId();

  // The server lists only the kinds this person can receive (crisis alerts only for the people on call).
  const groups = NOTIFICATION_GROUPS.filter((g) => kindsInGroup(g).some((k) => draft.kinds[k]));
  const onCall = draft.kinds["safety.crisis_alert"] !== undefined;

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setSaved(null);
  };
  const setChannel = (kind: NotificationKind, channel: keyof ChannelChoice, value: boolean) =>
    change({ kinds: { ...draft.kinds, [kind]: { ...draft.kinds[kind]!, [channel]: value } } });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const next: Errors = {};
    if (draft.quietOn) {
      if (!HHMM.test(draft.quietStart)) next.quietStart = t("validation.time");
      if (!HHMM.test(draft.quietEnd)) next.quietEnd = t("validation.time");
      if (!next.quietStart && !next.quietEnd && draft.quietStart === draft.quietEnd) {
        next.quietEnd = t("notificationSettings.quietSame");
      }
    }
    const body: UpdateNotificationPreferences = {
      kinds: draft.kinds,
      quietHours: draft.quietOn ? { start: draft.quietStart, end: draft.quietEnd } : null,
      digest: draft.digest,
    };
    await submit(
      event.currentTarget,
      next,
      async () => {
        const result = await notificationApi.updatePreferences(body);
        queryClient.setQueryData(notificationPrefsKey, result);
        setDraft(toDraft(result));
        setSaved(t("notificationSettings.saved"));
      },
      { fromServer: serverErrors },
    );
  }

  return (
    <form className="form prefs-form" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />

      <section className="card stack" aria-labelledby="prefs-kinds-title">
        <h2 id="prefs-kinds-title">{t("notificationSettings.kindsTitle")}</h2>
        <p>{t("notificationSettings.kindsIntro")}</p>
        {!prefs.hasEmail ? (
          <Notice tone="info">
            <p id={emailNoteId}>
              {t("notificationSettings.noEmail")} <Link to="/profile">{t("notificationSettings.addEmail")}</Link>
            </p>
          </Notice>
        ) : null}
        {errors.kinds ? (
          <p className="field-error" role="alert">
            {errors.kinds}
          </p>
        ) : null}
        <div className="table-wrap">
          <table className="table prefs-table">
            <caption className="visually-hidden">{t("notificationSettings.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("notificationSettings.kindColumn")}</th>
                <th scope="col" className="prefs-channel">
                  {t("notificationSettings.inApp")}
                </th>
                <th scope="col" className="prefs-channel">
                  {t("notificationSettings.email")}
                </th>
              </tr>
            </thead>
            {groups.map((group) => (
              <KindGroup
                key={group}
                group={group}
                draft={draft}
                hasEmail={prefs.hasEmail}
                emailNoteId={emailNoteId}
                mandatoryNoteId={mandatoryNoteId}
                onChange={setChannel}
              />
            ))}
          </table>
        </div>
      </section>

      <section className="card stack" aria-labelledby="prefs-quiet-title">
        <h2 id="prefs-quiet-title">{t("notificationSettings.quietTitle")}</h2>
        <p>{t("notificationSettings.quietIntro")}</p>
        <CheckboxField
          label={t("notificationSettings.quietOn")}
          checked={draft.quietOn}
          onChange={(e) => change({ quietOn: e.target.checked })}
          error={errors.quietHours}
        />
        {draft.quietOn ? (
          <div className="quiet-times">
            <TextField
              label={t("notificationSettings.quietStart")}
              type="time"
              name="quietStart"
              value={draft.quietStart}
              onChange={(e) => change({ quietStart: e.target.value })}
              error={errors.quietStart}
            />
            <TextField
              label={t("notificationSettings.quietEnd")}
              type="time"
              name="quietEnd"
              value={draft.quietEnd}
              onChange={(e) => change({ quietEnd: e.target.value })}
              error={errors.quietEnd}
            />
          </div>
        ) : null}
        <TimeZoneNote timeZone={prefs.timeZone} />
        {onCall ? <p className="muted small">{t("notificationSettings.quietCrisis")}</p> : null}
      </section>

      <section className="card stack" aria-labelledby="prefs-digest-title">
        <h2 id="prefs-digest-title">{t("notificationSettings.digestTitle")}</h2>
        <Fieldset
          legend={t("notificationSettings.digestLegend")}
          hint={prefs.hasEmail ? t("notificationSettings.digestIntro") : t("notificationSettings.digestNoEmail")}
          error={errors.digest}
        >
          <div className="radio-list">
            {DIGESTS.map((digest) => (
              <DigestOption
                key={digest}
                digest={digest}
                checked={draft.digest === digest}
                disabled={!prefs.hasEmail}
                onChange={() => change({ digest })}
              />
            ))}
          </div>
        </Fieldset>
      </section>

      <FormSuccess message={saved} />
      <div className="button-row">
        <button type="submit" className="button button-primary button-large" disabled={busy}>
          {busy ? t("common.saving") : t("notificationSettings.save")}
        </button>
      </div>
    </form>
  );
}

function KindGroup({
  group,
  draft,
  hasEmail,
  emailNoteId,
  mandatoryNoteId,
  onChange,
}: {
  group: NotificationGroup;
  draft: Draft;
  hasEmail: boolean;
  emailNoteId: string;
  mandatoryNoteId: string;
  onChange: (kind: NotificationKind, channel: keyof ChannelChoice, value: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <tbody>
      <tr className="prefs-group">
        <th scope="rowgroup" colSpan={3}>
          {t(`notificationGroups.${group}`)}
        </th>
      </tr>
      {kindsInGroup(group)
        .filter((kind) => draft.kinds[kind])
        .map((kind) => {
          const label = t(`notificationKinds.${kind}.label`);
          const mandatory = isMandatory(kind);
          const noteId = `${mandatoryNoteId}-${kind.replace(/\W/g, "-")}`;
          return (
            <tr key={kind}>
              <th scope="row" className="prefs-kind">
                <span className="prefs-kind-label">{label}</span>
                <span className="prefs-kind-description">{t(`notificationKinds.${kind}.description`)}</span>
                {mandatory ? (
                  <span className="prefs-kind-note" id={noteId}>
                    {kind === "safety.escalation"
                      ? t("notificationSettings.mandatoryNoteEscalation")
                      : t("notificationSettings.mandatoryNote")}
                  </span>
                ) : null}
              </th>
              <td className="prefs-channel">
                <label className="check-cell">
                  <input
                    type="checkbox"
                    checked={mandatory ? true : draft.kinds[kind]!.inApp}
                    disabled={mandatory}
                    aria-describedby={mandatory ? noteId : undefined}
                    onChange={(e) => onChange(kind, "inApp", e.target.checked)}
                  />
                  <span className="visually-hidden">{t("notificationSettings.inAppFor", { kind: label })}</span>
                </label>
              </td>
              <td className="prefs-channel">
                <label className="check-cell">
                  <input
                    type="checkbox"
                    checked={hasEmail && draft.kinds[kind]!.email}
                    disabled={!hasEmail}
                    aria-describedby={hasEmail ? undefined : emailNoteId}
                    onChange={(e) => onChange(kind, "email", e.target.checked)}
                  />
                  <span className="visually-hidden">{t("notificationSettings.emailFor", { kind: label })}</span>
                </label>
              </td>
            </tr>
          );
        })}
    </tbody>
  );
}

function DigestOption({
  digest,
  checked,
  disabled,
  onChange,
}: {
  digest: Digest;
  checked: boolean;
  disabled: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="check radio">
      <input
        type="radio"
        id={id}
        name="digest"
        value={digest}
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={onChange}
      />
      <div>
        <label htmlFor={id}>{t(`notificationSettings.digest.${digest}`)}</label>
        <p className="field-hint" id={`${id}-hint`}>
          {t(`notificationSettings.digestHint.${digest}`)}
        </p>
      </div>
    </div>
  );
}

/** Which clock quiet hours and summaries follow, with the time there now, so there is no doubt. */
function TimeZoneNote({ timeZone }: { timeZone: string | null }) {
  const { t } = useTranslation();
  let now = "";
  try {
    now = new Intl.DateTimeFormat(currentLocale(), {
      timeZone: timeZone ?? "UTC",
      hour: "numeric",
      minute: "2-digit",
    }).format(new Date());
  } catch {
    // An unknown zone name: show it without the time.
  }
  const zone = (timeZone ?? "UTC").replace(/_/g, " ");
  return (
    <p className="time-zone-note">
      {timeZone === null ? t("notificationSettings.timeZoneUnset") : t("notificationSettings.timeZone", { zone })}
      {now ? ` ${t("notificationSettings.timeZoneNow", { time: now })}` : null}{" "}
      <Link to="/profile">{t("notificationSettings.changeTimeZone")}</Link>
    </p>
  );
}
