// One meeting: when it meets (in the reader's time zone, and the meeting's own
// when that reads differently), how to take part, what kind of meeting it is,
// "my meetings" and calendars; for the people who run it, changes to one date,
// editing and deleting.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client";
import { ConfirmButton } from "../components/ConfirmDialog";
import { Loading, Notice, PageHeading } from "../components/Page";
import { languageName } from "../components/regions";
import { useMe } from "../features/accounts/api";
import { calendarFileUrl, meetingApi, meetingChanged, useMeeting, type Meeting, type Occurrence } from "../features/meetings/api";
import { meetingProblem } from "../features/meetings/errors";
import { JoinDetails, PlainText } from "../features/meetings/JoinDetails";
import { ClosedBadge, ModeChip, TypeTags } from "../features/meetings/MeetingBits";
import { OccurrenceTools, RestoreButton } from "../features/meetings/OccurrenceTools";
import { describeRecurrence, parseRule } from "../features/meetings/recurrence";
import {
  cap,
  clockTime,
  dateTimeRange,
  dayName,
  localDateTime,
  sameWallClock,
  timeRange,
  viewerTimeZone,
  zoneLabel,
} from "../features/meetings/time";
import { currentLocale } from "../i18n/i18n";

export default function MeetingPage() {
  const { slug = "" } = useParams();
  const meeting = useMeeting(slug);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <MeetingMissing error={meeting.error} />;
  return <MeetingView meeting={meeting.data} />;
}

function MeetingMissing({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (error instanceof ApiError && error.status === 401) {
    return (
      <div className="narrow stack">
        <PageHeading title={t("meetings.meeting.signInTitle")} />
        <p>{t("meetings.meeting.signInToSee")}</p>
        <p>
          <Link className="button button-primary" to="/sign-in" state={{ from: location.pathname }}>
            {t("nav.signIn")}
          </Link>
        </p>
        <p>
          <Link to="/meetings">{t("meetings.backToDirectory")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <PageHeading title={t("meetings.meeting.notAvailable")} />
      <div className="notice" role="alert">
        {meetingProblem(t, error)}
      </div>
      <p>
        <Link to="/meetings">{t("meetings.backToDirectory")}</Link>
      </p>
    </div>
  );
}

function MeetingView({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewerTz = viewerTimeZone();
  const location = useLocation();
  const saved = (location.state as { saved?: "created" | "updated" } | null)?.saved;
  const schedule = describeRecurrence(parseRule(m.rrule, m.startsOn), t, locale, m.schedule);
  const otherZone = m.timezone !== viewerTz;
  const startsLater = m.startsOn > new Date().toISOString().slice(0, 10);

  return (
    <div className="meeting-page stack-lg">
      <nav className="breadcrumbs" aria-label={t("meetings.meeting.breadcrumbs")}>
        <ol>
          <li>
            <Link to="/meetings">{t("meetings.directory.title")}</Link>
          </li>
          <li>
            <span aria-current="page">{m.name}</span>
          </li>
        </ol>
      </nav>
      <PageHeading title={m.name}>
        <p className="meeting-meta meeting-heading-meta">
          {m.temporarilyClosed ? <ClosedBadge /> : null}
          <ModeChip mode={m.mode} />
          {m.group ? (
            <span>
              {t("meetings.meeting.groupPrefix")}{" "}
              <Link to={`/groups/${encodeURIComponent(m.group.slug)}`}>{m.group.name}</Link>
            </span>
          ) : (
            <span>{t("meetings.meeting.organizationMeeting")}</span>
          )}
        </p>
      </PageHeading>
      {saved ? (
        <div role="status">
          <Notice tone="success">{saved === "created" ? t("meetings.form.created") : t("meetings.form.updated")}</Notice>
        </div>
      ) : null}
      {m.temporarilyClosed ? (
        <Notice tone="warm" title={t("meetings.meeting.closedTitle")}>
          <p>{t("meetings.meeting.closedBody")}</p>
        </Notice>
      ) : null}

      <div className="meeting-layout">
        <div className="stack-lg meeting-content">
          <section className="card stack" aria-labelledby="when-title">
            <h2 id="when-title">{t("meetings.meeting.when")}</h2>
            <p className="meeting-schedule">
              <strong>{schedule}</strong>
              <br />
              {t("meetings.meeting.localTimes", {
                from: clockTime(m.startTime, locale),
                to: clockTime(m.endTime, locale),
                zone: zoneLabel(m.timezone),
              })}
            </p>
            {startsLater ? (
              <p className="muted">{t("meetings.meeting.startsOn", { date: dayName(m.startsOn, locale) })}</p>
            ) : null}
            <NextOccurrences meeting={m} viewerTz={viewerTz} otherZone={otherZone} />
          </section>

          {m.exceptions.length > 0 ? <ScheduleChanges meeting={m} viewerTz={viewerTz} /> : null}

          <section className="card stack" aria-labelledby="about-title">
            <h2 id="about-title">{t("meetings.meeting.about")}</h2>
            {m.description ? <PlainText>{m.description}</PlainText> : <p className="muted">{t("meetings.meeting.noDescription")}</p>}
            <dl className="details details-compact">
              {m.format ? (
                <div>
                  <dt>{t("meetings.fields.format")}</dt>
                  <dd>{m.format}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t("meetings.fields.language")}</dt>
                <dd>{languageName(m.language, locale)}</dd>
              </div>
              {m.facilitators.length > 0 ? (
                <div>
                  <dt>{t("meetings.meeting.facilitators")}</dt>
                  <dd>{m.facilitators.map((f) => f.pseudonym).join(", ")}</dd>
                </div>
              ) : null}
              {m.types.length > 0 ? (
                <div>
                  <dt>{t("meetings.typesLabel")}</dt>
                  <dd>
                    <TypeTags types={m.types} />
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
        </div>

        <aside className="stack-lg meeting-side" aria-label={t("meetings.meeting.takePart")}>
          <section className="card stack" aria-labelledby="join-title">
            <h2 id="join-title">{t("meetings.meeting.howToJoin")}</h2>
            <JoinDetails meeting={m} />
          </section>
          <section className="card stack" aria-labelledby="mine-title">
            <h2 id="mine-title">{t("meetings.meeting.keepTrack")}</h2>
            <Attendance meeting={m} />
            <p>
              <a className="button button-secondary" href={calendarFileUrl(m.slug)} download={`${m.slug}.ics`}>
                {t("meetings.meeting.addToCalendar")}
              </a>
            </p>
            <p className="muted small">{t("meetings.meeting.calendarHint")}</p>
          </section>
        </aside>
      </div>

      {m.can.edit ? <EditorTools meeting={m} /> : null}
    </div>
  );
}

/** The next dates, in the reader's zone; the meeting's own clock beside them when it reads differently. */
function NextOccurrences({ meeting: m, viewerTz, otherZone }: { meeting: Meeting; viewerTz: string; otherZone: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (m.next.length === 0) return <p className="muted">{t("meetings.meeting.noUpcoming")}</p>;
  return (
    <div className="stack-sm">
      <h3 className="h4">{t("meetings.meeting.nextDates")}</h3>
      {otherZone ? <p className="muted small">{t("meetings.timesInYourZone", { zone: zoneLabel(viewerTz) })}</p> : null}
      <ul className="occurrence-list">
        {m.next.map((o) => (
          <li key={o.original} className="occurrence">
            <time dateTime={o.start}>{cap(dateTimeRange(o.start, o.end, viewerTz, locale))}</time>
            {!sameWallClock(o.start, viewerTz, m.timezone) ? (
              <span className="muted small occurrence-local">
                {t("meetings.meeting.theirTime", {
                  time: timeRange(o.start, o.end, m.timezone, locale),
                  zone: zoneLabel(m.timezone),
                })}
              </span>
            ) : null}
            {o.status === "moved" ? <MovedNote occurrence={o} zone={m.timezone} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function MovedNote({ occurrence: o, zone }: { occurrence: Occurrence; zone: string }) {
  const { t } = useTranslation();
  return (
    <span className="meeting-moved">
      {t("meetings.meeting.movedFrom", { when: localDateTime(o.original, currentLocale()), zone: zoneLabel(zone) })}
      {o.note ? ` · ${o.note}` : ""}
    </span>
  );
}

/** Dates called off or moved, with their notes; the people who run it can put them back. */
function ScheduleChanges({ meeting: m, viewerTz }: { meeting: Meeting; viewerTz: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section className="card stack" aria-labelledby="changes-title">
      <h2 id="changes-title">{t("meetings.meeting.changes")}</h2>
      <ul className="occurrence-list">
        {m.exceptions.map((o) => {
          const usual = localDateTime(o.original, locale);
          return (
            <li key={o.original} className="occurrence occurrence-change">
              <div>
                {o.status === "cancelled" ? (
                  <p>
                    <span className="chip chip-warning">{t("meetings.meeting.cancelledBadge")}</span>{" "}
                    {t("meetings.meeting.cancelledOn", { when: cap(usual), zone: zoneLabel(m.timezone) })}
                  </p>
                ) : (
                  <p>
                    <span className="chip">{t("meetings.meeting.movedBadge")}</span>{" "}
                    {t("meetings.meeting.movedTo", {
                      from: usual,
                      zone: zoneLabel(m.timezone),
                      to: dateTimeRange(o.start, o.end, viewerTz, locale),
                    })}
                  </p>
                )}
                {o.note ? <p className="muted">{t("meetings.meeting.note", { note: o.note })}</p> : null}
              </div>
              {m.can.edit ? <RestoreButton meeting={m} original={o.original} label={usual} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** "Add to my meetings" and how many people have, against the room there is. */
function Attendance({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function toggle(on: boolean) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      meetingChanged(queryClient, await meetingApi.attend(m.slug, on));
      setMessage(on ? t("meetings.meeting.added") : t("meetings.meeting.removed"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack-sm">
      <p>
        {m.capacity !== null
          ? t("meetings.meeting.attendingOf", { count: m.attending, capacity: m.capacity })
          : t("meetings.meeting.attending", { count: m.attending })}
      </p>
      {m.inMyMeetings ? (
        <p className="status-line">
          <span className="dot dot-on" aria-hidden="true" />
          {t("meetings.meeting.inMine")}
        </p>
      ) : null}
      <div className="button-row">
        {m.inMyMeetings ? (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void toggle(false)}>
            {t("meetings.meeting.removeFromMine")}
          </button>
        ) : m.can.addToMine ? (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void toggle(true)}>
            {t("meetings.meeting.addToMine")}
          </button>
        ) : null}
        {me ? <Link to="/meetings/mine">{t("meetings.mine.title")}</Link> : null}
      </div>
      {!me ? <p className="muted small">{t("meetings.meeting.signInToAdd")}</p> : null}
      <div role="status" className="status-slot">
        {message ? <p className="notice notice-success">{message}</p> : null}
      </div>
      {error ? (
        <p className="notice notice-problem" role="alert">
          {meetingProblem(t, error)}
        </p>
      ) : null}
    </div>
  );
}

/** For the people who run the meeting: edit, change one date, delete. */
function EditorTools({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);

  async function remove() {
    setError(null);
    try {
      await meetingApi.remove(m.slug);
      meetingChanged(queryClient, null, m.slug);
      await navigate("/meetings", { state: { deleted: m.name } });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="card stack meeting-editor" aria-labelledby="editor-title">
      <div className="section-heading">
        <h2 id="editor-title">{t("meetings.meeting.forFacilitators")}</h2>
        <Link className="button button-secondary" to={`/meetings/${encodeURIComponent(m.slug)}/edit`}>
          {t("meetings.meeting.edit")}
        </Link>
      </div>
      <div className="stack">
        <h3>{t("meetings.change.title")}</h3>
        <p className="muted">{t("meetings.change.lead")}</p>
        <OccurrenceTools meeting={m} />
      </div>
      <div className="stack-sm meeting-delete">
        <h3>{t("meetings.meeting.deleteTitle")}</h3>
        <p className="muted">{t("meetings.meeting.deleteLead")}</p>
        <ConfirmButton
          label={t("meetings.meeting.delete")}
          title={t("meetings.meeting.deleteConfirmTitle", { name: m.name })}
          body={<p>{t("meetings.meeting.deleteConfirmBody")}</p>}
          confirmLabel={t("meetings.meeting.deleteConfirm")}
          onConfirm={() => void remove()}
        />
        {error ? (
          <p className="notice notice-problem" role="alert">
            {meetingProblem(t, error)}
          </p>
        ) : null}
      </div>
    </section>
  );
}
