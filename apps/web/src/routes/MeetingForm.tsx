// Adding a meeting (/meetings/new, ?group=<slug> chooses its group) and
// changing one (/meetings/:slug/edit): what it is, how people take part, when
// it meets (a recurrence in its own time zone) and who runs it. The server's
// objections appear by the fields they concern.
import type { Me, PublicConfig } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { CheckboxField, FormAlert, SelectField, TextAreaField, TextField } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { languageName } from "../components/regions";
import { useFormSubmit } from "../components/useFormSubmit";
import { useConfig, useMe } from "../features/accounts/api";
import {
  meetingApi,
  meetingChanged,
  useGroupsForNewMeeting,
  useMeeting,
  type Meeting,
} from "../features/meetings/api";
import { isInPersonMode, isOnlineMode, MEETING_LANGUAGES, MEETING_MODES, type MeetingMode } from "../features/meetings/constants";
import { meetingFieldErrors } from "../features/meetings/errors";
import {
  checkForm,
  emptyForm,
  FORM_FIELDS,
  formFromMeeting,
  toBody,
  toCreateBody,
  type FormErrors,
  type FormState,
} from "../features/meetings/meetingFormModel";
import { parseRule } from "../features/meetings/recurrence";
import { RecurrenceField } from "../features/meetings/RecurrenceField";
import { allTimeZones, viewerTimeZone, weekdayOf, zoneLabel } from "../features/meetings/time";
import { TypePicker } from "../features/meetings/TypePicker";
import { currentLocale } from "../i18n/i18n";

export default function MeetingFormPage() {
  return (
    <RequireAuth>
      <MeetingFormRoute />
    </RequireAuth>
  );
}

function MeetingFormRoute() {
  const { slug } = useParams();
  return slug ? <EditMeeting slug={slug} /> : <NewMeeting />;
}

function EditMeeting({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const meeting = useMeeting(slug);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <QueryError error={meeting.error} />;
  const m = meeting.data;
  if (!m.can.edit) {
    return (
      <div className="narrow stack">
        <PageHeading title={t("meetings.form.editTitle")} />
        <Notice tone="info">{t("meetings.form.notAllowedEdit")}</Notice>
        <p>
          <Link to={`/meetings/${encodeURIComponent(m.slug)}`}>{t("meetings.form.backToMeeting")}</Link>
        </p>
      </div>
    );
  }
  return <MeetingFormView initial={formFromMeeting(m)} meeting={m} groups={[]} orgAllowed={false} />;
}

const mayRunOrgMeetings = (me: Me) => me.roles.includes("facilitator") || me.roles.includes("admin");

function NewMeeting() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const config = useConfig();
  const [params] = useSearchParams();
  const active = me.status === "active";
  const groups = useGroupsForNewMeeting(active);
  if (!active) {
    return (
      <div className="narrow stack">
        <PageHeading title={t("meetings.form.newTitle")} />
        <Notice tone="info">{t("meetings.form.notActive")}</Notice>
      </div>
    );
  }
  if (groups.isPending || config.isPending) return <Loading />;
  if (groups.isError) return <QueryError error={groups.error} />;
  const orgAllowed = mayRunOrgMeetings(me);
  if (groups.data.length === 0 && !orgAllowed) {
    return (
      <div className="narrow stack">
        <PageHeading title={t("meetings.form.newTitle")} />
        <Notice tone="info">{t("meetings.form.notAllowedNew")}</Notice>
        <p>
          <Link to="/meetings">{t("meetings.backToDirectory")}</Link>
        </p>
      </div>
    );
  }
  const wanted = groups.data.find((g) => g.slug === params.get("group"));
  const groupId = wanted?.id ?? (orgAllowed ? "" : (groups.data[0]?.id ?? ""));
  const initial = emptyForm(defaultZone(config.data), wanted?.language.slice(0, 2) ?? currentLocale(), groupId);
  return <MeetingFormView initial={initial} meeting={null} groups={groups.data} orgAllowed={orgAllowed} />;
}

/** The organization's zone, else the browser's. */
function defaultZone(config: PublicConfig | undefined): string {
  const zones = allTimeZones();
  if (config?.timeZone && zones.includes(config.timeZone)) return config.timeZone;
  return viewerTimeZone();
}

type GroupChoice = { id: string; name: string };

/** A duplicate address comes back as a conflict: shown by the field like any other objection. */
async function asFieldErrors<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ApiError && error.type === "duplicate-slug") {
      throw new ApiError(422, { type: "validation", title: "", errors: [{ path: "body.slug", message: "Already in use" }] });
    }
    throw error;
  }
}

function MeetingFormView({
  initial,
  meeting,
  groups,
  orgAllowed,
}: {
  initial: FormState;
  meeting: Meeting | null;
  groups: GroupChoice[];
  orgAllowed: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [f, setForm] = useState<FormState>(initial);
  const [original] = useState(() => (meeting ? parseRule(meeting.rrule, meeting.startsOn) : null));
  const { errors, formError, busy, submit } = useFormSubmit<FormErrors>();
  const creating = meeting === null;
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((s) => ({ ...s, [key]: value }));
  const zones = allTimeZones();
  const languages = MEETING_LANGUAGES.includes(f.language) ? MEETING_LANGUAGES : [...MEETING_LANGUAGES, f.language];
  const title = creating ? t("meetings.form.newTitle") : t("meetings.form.editTitle");
  const back = creating ? "/meetings" : `/meetings/${encodeURIComponent(meeting.slug)}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit(
      event.currentTarget,
      checkForm(f, t, creating),
      async () => {
        const saved = await asFieldErrors(() =>
          creating ? meetingApi.create(toCreateBody(f)) : meetingApi.update(meeting.slug, toBody(f)),
        );
        meetingChanged(queryClient, saved);
        await navigate(`/meetings/${encodeURIComponent(saved.slug)}`, { state: { saved: creating ? "created" : "updated" } });
      },
      { fromServer: meetingFieldErrors(FORM_FIELDS) },
    );
  }

  return (
    <div className="meeting-form-page stack">
      <PageHeading title={title} lead={creating ? t("meetings.form.newLead") : meeting.name} />
      <form className="meeting-form stack-lg" onSubmit={onSubmit} noValidate>
        <FormAlert message={formError} />

        <section className="card form" aria-labelledby="form-about">
          <h2 id="form-about">{t("meetings.form.aboutSection")}</h2>
          {creating ? (
            <SelectField
              label={t("meetings.fields.group")}
              hint={t("meetings.fields.groupHint")}
              value={f.groupId}
              onChange={(e) => set("groupId", e.target.value)}
              error={errors.groupId}
            >
              {orgAllowed ? <option value="">{t("meetings.fields.noGroup")}</option> : null}
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </SelectField>
          ) : (
            <p>
              <span className="field-label">{t("meetings.fields.group")}:</span>{" "}
              {meeting.group ? meeting.group.name : t("meetings.fields.noGroup")}{" "}
              <span className="muted small">({t("meetings.fields.groupFixed")})</span>
            </p>
          )}
          <TextField
            label={t("meetings.fields.name")}
            value={f.name}
            maxLength={255}
            required
            onChange={(e) => set("name", e.target.value)}
            error={errors.name}
          />
          {creating ? (
            <TextField
              label={t("meetings.fields.slug")}
              hint={t("meetings.fields.slugHint")}
              optional
              value={f.slug}
              maxLength={64}
              onChange={(e) => set("slug", e.target.value.toLowerCase())}
              error={errors.slug}
              autoCapitalize="none"
              spellCheck={false}
            />
          ) : null}
          <TextAreaField
            label={t("meetings.fields.description")}
            hint={t("meetings.fields.descriptionHint")}
            optional
            rows={5}
            value={f.description}
            maxLength={4000}
            onChange={(e) => set("description", e.target.value)}
            error={errors.description}
          />
          <TextField
            label={t("meetings.fields.format")}
            hint={t("meetings.fields.formatHint")}
            optional
            value={f.format}
            maxLength={120}
            onChange={(e) => set("format", e.target.value)}
            error={errors.format}
          />
          <SelectField
            label={t("meetings.fields.language")}
            value={f.language}
            onChange={(e) => set("language", e.target.value)}
            error={errors.language}
          >
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code, locale)}
              </option>
            ))}
          </SelectField>
          <TypePicker value={f.types} onChange={(types) => set("types", types)} error={errors.types} />
        </section>

        <ModeSection f={f} set={set} errors={errors} />

        <section className="card form" aria-labelledby="form-when">
          <h2 id="form-when">{t("meetings.form.whenSection")}</h2>
          <SelectField
            label={t("meetings.fields.timezone")}
            hint={t("meetings.fields.timezoneHint")}
            value={f.timezone}
            onChange={(e) => set("timezone", e.target.value)}
            error={errors.timezone}
          >
            {zones.includes(f.timezone) ? null : <option value={f.timezone}>{zoneLabel(f.timezone)}</option>}
            {zones.map((z) => (
              <option key={z} value={z}>
                {zoneLabel(z)}
              </option>
            ))}
          </SelectField>
          <div className="meeting-time-fields">
            <TextField
              type="date"
              label={t("meetings.fields.startsOn")}
              hint={t("meetings.fields.startsOnHint")}
              value={f.startsOn}
              onChange={(e) => set("startsOn", e.target.value)}
              error={errors.startsOn}
            />
            <TextField
              type="time"
              label={t("meetings.fields.startTime")}
              value={f.startTime}
              onChange={(e) => set("startTime", e.target.value.slice(0, 5))}
              error={errors.startTime}
            />
            <TextField
              type="time"
              label={t("meetings.fields.endTime")}
              hint={t("meetings.fields.endTimeHint")}
              value={f.endTime}
              onChange={(e) => set("endTime", e.target.value.slice(0, 5))}
              error={errors.endTime}
            />
          </div>
          <RecurrenceField
            value={f.recurrence}
            onChange={(r) => set("recurrence", r)}
            firstDay={/^\d{4}-\d{2}-\d{2}$/.test(f.startsOn) ? weekdayOf(f.startsOn) : 1}
            original={original}
            fallbackText={meeting?.schedule ?? ""}
            error={errors.rrule}
          />
        </section>

        <section className="card form" aria-labelledby="form-more">
          <h2 id="form-more">{t("meetings.form.moreSection")}</h2>
          <TextField
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            label={t("meetings.fields.capacity")}
            hint={t("meetings.fields.capacityHint")}
            optional
            value={f.capacity}
            onChange={(e) => set("capacity", e.target.value)}
            error={errors.capacity}
            className="field-short"
          />
          <TextField
            label={t("meetings.fields.facilitators")}
            hint={t("meetings.fields.facilitatorsHint")}
            optional
            value={f.facilitators}
            onChange={(e) => set("facilitators", e.target.value)}
            error={errors.facilitators}
            autoCapitalize="none"
            spellCheck={false}
          />
          <CheckboxField
            label={t("meetings.fields.temporarilyClosed")}
            hint={t("meetings.fields.temporarilyClosedHint")}
            checked={f.temporarilyClosed}
            onChange={(e) => set("temporarilyClosed", e.target.checked)}
            error={errors.temporarilyClosed}
          />
        </section>

        <div className="button-row">
          <button type="submit" className="button button-primary button-large" disabled={busy}>
            {busy ? t("common.saving") : creating ? t("meetings.form.create") : t("meetings.form.save")}
          </button>
          <Link className="button button-quiet" to={back}>
            {t("common.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}

type Setter = <K extends keyof FormState>(key: K, value: FormState[K]) => void;

/** How people take part, and the details each way needs. */
function ModeSection({ f, set, errors }: { f: FormState; set: Setter; errors: FormErrors }) {
  const { t } = useTranslation();
  const online = isOnlineMode(f.mode);
  const inPerson = isInPersonMode(f.mode);
  return (
    <section className="card form" aria-labelledby="form-mode">
      <h2 id="form-mode">{t("meetings.form.modeSection")}</h2>
      <fieldset className="fieldset" aria-describedby={errors.mode ? "mode-error" : undefined}>
        <legend className="field-label">{t("meetings.fields.mode")}</legend>
        <div className="mode-choices">
          {MEETING_MODES.map((mode: MeetingMode) => (
            <div key={mode} className="check mode-choice">
              <input
                type="radio"
                id={`mode-${mode}`}
                name="mode"
                checked={f.mode === mode}
                onChange={() => set("mode", mode)}
                aria-describedby={`mode-${mode}-hint`}
              />
              <div>
                <label htmlFor={`mode-${mode}`}>{t(`meetings.mode.${mode}`)}</label>
                <p className="field-hint" id={`mode-${mode}-hint`}>
                  {t(`meetings.modeHint.${mode}`)}
                </p>
              </div>
            </div>
          ))}
        </div>
        {errors.mode ? (
          <p className="field-error" id="mode-error">
            {errors.mode}
          </p>
        ) : null}
      </fieldset>

      {online ? (
        <div className="form mode-details">
          <h3>{t("meetings.form.onlineDetails")}</h3>
          <p className="muted">{t("meetings.form.onlineDetailsHint")}</p>
          <TextField
            type="url"
            inputMode="url"
            label={t("meetings.fields.conferenceUrl")}
            hint={t("meetings.fields.conferenceUrlHint")}
            value={f.conferenceUrl}
            maxLength={500}
            onChange={(e) => set("conferenceUrl", e.target.value)}
            error={errors.conferenceUrl}
            autoCapitalize="none"
            spellCheck={false}
          />
          <TextField
            label={t("meetings.fields.conferenceUrlNotes")}
            hint={t("meetings.fields.conferenceUrlNotesHint")}
            optional
            value={f.conferenceUrlNotes}
            maxLength={300}
            onChange={(e) => set("conferenceUrlNotes", e.target.value)}
            error={errors.conferenceUrlNotes}
          />
          <TextField
            type="tel"
            label={t("meetings.fields.conferencePhone")}
            optional
            value={f.conferencePhone}
            maxLength={60}
            onChange={(e) => set("conferencePhone", e.target.value)}
            error={errors.conferencePhone}
          />
          <TextField
            label={t("meetings.fields.conferencePhoneNotes")}
            hint={t("meetings.fields.conferencePhoneNotesHint")}
            optional
            value={f.conferencePhoneNotes}
            maxLength={300}
            onChange={(e) => set("conferencePhoneNotes", e.target.value)}
            error={errors.conferencePhoneNotes}
          />
        </div>
      ) : null}

      {inPerson ? (
        <div className="form mode-details">
          <h3>{t("meetings.form.placeDetails")}</h3>
          <p className="muted">{t("meetings.form.placeDetailsHint")}</p>
          <TextField
            label={t("meetings.fields.location")}
            hint={t("meetings.fields.locationHint")}
            optional
            value={f.location}
            maxLength={200}
            onChange={(e) => set("location", e.target.value)}
            error={errors.location}
          />
          <TextField
            label={t("meetings.fields.address")}
            value={f.address}
            maxLength={200}
            autoComplete="street-address"
            onChange={(e) => set("address", e.target.value)}
            error={errors.address}
          />
          <div className="grid-2">
            <TextField
              label={t("meetings.fields.city")}
              value={f.city}
              maxLength={100}
              onChange={(e) => set("city", e.target.value)}
              error={errors.city}
            />
            <TextField
              label={t("meetings.fields.state")}
              optional
              value={f.state}
              maxLength={100}
              onChange={(e) => set("state", e.target.value)}
              error={errors.state}
            />
            <TextField
              label={t("meetings.fields.postalCode")}
              optional
              value={f.postalCode}
              maxLength={20}
              onChange={(e) => set("postalCode", e.target.value)}
              error={errors.postalCode}
            />
            <TextField
              label={t("meetings.fields.country")}
              optional
              value={f.country}
              maxLength={60}
              onChange={(e) => set("country", e.target.value)}
              error={errors.country}
            />
          </div>
          <TextAreaField
            label={t("meetings.fields.locationNotes")}
            hint={t("meetings.fields.locationNotesHint")}
            optional
            rows={3}
            value={f.locationNotes}
            maxLength={500}
            onChange={(e) => set("locationNotes", e.target.value)}
            error={errors.locationNotes}
          />
        </div>
      ) : null}
      {f.mode === "kindred" ? <p className="notice">{t("meetings.form.kindredNote")}</p> : null}
    </section>
  );
}
