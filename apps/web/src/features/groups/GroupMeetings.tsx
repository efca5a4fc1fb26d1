// A group's meetings: each one once, at its next time in the next two weeks, in
// the reader's own time zone, with a link to each meeting, to all of them in the
// directory, "Add a meeting" for those who may, and the group's calendar file.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CalendarIcon, PlusIcon } from "../../components/icons";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { currentLocale } from "../../i18n/i18n";
import { groupCalendarUrl, useGroupMeetings, viewerTimeZone, type DirectoryEntry, type Group } from "./api";

const SHOWN = 6;

/** The directory lists every occurrence, soonest first: keep each meeting's first. */
function nextOfEach(entries: DirectoryEntry[]): DirectoryEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.meeting.id) && seen.add(e.meeting.id));
}

export function GroupMeetings({ group }: { group: Group }) {
  const { t } = useTranslation();
  const meetings = useGroupMeetings(group.slug);
  const zone = viewerTimeZone();
  const items = nextOfEach(meetings.data?.items ?? []).slice(0, SHOWN);
  return (
    <section className="card group-meetings stack" aria-labelledby="group-meetings-title">
      <h2 id="group-meetings-title" className="h3">
        {t("groups.meetings.title")}
      </h2>
      {meetings.isPending ? <Loading /> : null}
      {meetings.isError ? <QueryError error={meetings.error} /> : null}
      {meetings.data && items.length === 0 ? <p className="muted">{t("groups.meetings.none")}</p> : null}
      {items.length > 0 ? (
        <>
          <ul className="group-meeting-list" aria-label={t("groups.meetings.listLabel", { name: group.name })}>
            {items.map((entry) => (
              <MeetingRow key={`${entry.meeting.id}-${entry.start}`} entry={entry} />
            ))}
          </ul>
          <p className="muted small">{t("groups.meetings.timesIn", { zone: zone.replace(/_/g, " ") })}</p>
          <p className="small">
            <Link to={`/meetings?group=${encodeURIComponent(group.slug)}`}>
              {t("groups.meetings.all")}
              <span className="visually-hidden"> ({group.name})</span>
            </Link>
          </p>
        </>
      ) : null}
      <div className="group-meeting-links">
        {group.can.createMeeting ? (
          <Link
            to={`/meetings/new?group=${encodeURIComponent(group.slug)}`}
            className="button button-secondary button-small"
          >
            <PlusIcon />
            {t("groups.meetings.add")}
          </Link>
        ) : null}
        <p className="small">
          <a href={groupCalendarUrl(group.slug)} download={`${group.slug}.ics`} className="icon-link">
            <CalendarIcon />
            {t("groups.meetings.calendar")}
          </a>
        </p>
      </div>
    </section>
  );
}

function MeetingRow({ entry }: { entry: DirectoryEntry }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const start = new Date(entry.start);
  const end = new Date(entry.end);
  const day = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long" }).format(start);
  const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
  const hours = end > start ? time.formatRange(start, end) : time.format(start);
  const m = entry.meeting;
  return (
    <li className="group-meeting">
      <p className="group-meeting-name">
        <Link to={`/meetings/${encodeURIComponent(m.slug)}`}>{m.name}</Link>
      </p>
      <p className="group-meeting-when">
        <span className="visually-hidden">{t("groups.meetings.next")} </span>
        <time dateTime={entry.start}>
          <span className="group-meeting-day">{day}</span> <span className="group-meeting-time">{hours}</span>
        </time>
      </p>
      <p className="group-meeting-facts">
        <span>{t(`groups.meetings.modes.${m.mode}`)}</span>
        {entry.status === "happening_now" ? (
          <span className="badge badge-new">{t("groups.meetings.happeningNow")}</span>
        ) : entry.status === "starting_soon" ? (
          <span className="badge">{t("groups.meetings.startingSoon")}</span>
        ) : null}
        {entry.moved ? <span className="badge badge-pending">{t("groups.meetings.moved")}</span> : null}
        {m.temporarilyClosed ? <span className="badge badge-suspended">{t("groups.meetings.closed")}</span> : null}
      </p>
    </li>
  );
}
