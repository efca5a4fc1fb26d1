// "My meetings": the meetings this person added, each with when it next meets
// in their own time zone, and their private calendar address.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { useMe } from "../features/accounts/api";
import { meetingApi, meetingChanged, useMyMeetings, type MyMeetings } from "../features/meetings/api";
import { CalendarLinkSection } from "../features/meetings/CalendarLinkSection";
import { meetingProblem } from "../features/meetings/errors";
import { ClosedBadge, ModeChip, ZoneNote } from "../features/meetings/MeetingBits";
import { dateTimeRange, localDateTime, viewerTimeZone, zoneLabel } from "../features/meetings/time";
import { currentLocale } from "../i18n/i18n";

export default function MyMeetingsPage() {
  return (
    <RequireAuth>
      <MyMeetingsView />
    </RequireAuth>
  );
}

function MyMeetingsView() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const mine = useMyMeetings(me.status === "active");

  return (
    <div className="meetings-page stack-lg">
      <PageHeading title={t("meetings.mine.title")} lead={t("meetings.mine.lead")}>
        <div className="button-row">
          <Link className="button button-secondary" to="/meetings">
            {t("meetings.mine.find")}
          </Link>
        </div>
      </PageHeading>
      {me.status !== "active" ? <Notice tone="info">{t("meetings.form.notActive")}</Notice> : null}
      {mine.isPending && me.status === "active" ? <Loading /> : null}
      {mine.isError ? <QueryError error={mine.error} /> : null}
      {mine.data ? (
        <>
          <section className="stack" aria-labelledby="mine-list-title">
            <h2 id="mine-list-title">{t("meetings.mine.listTitle")}</h2>
            <ZoneNote tz={viewerTimeZone()} />
            <MineList items={mine.data.items} />
          </section>
          <CalendarLinkSection calendar={mine.data.calendar} />
        </>
      ) : null}
    </div>
  );
}

function MineList({ items }: { items: MyMeetings["items"] }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <div className="card stack-sm">
        <p>{t("meetings.mine.empty")}</p>
        <p>
          <Link to="/meetings">{t("meetings.mine.findFirst")}</Link>
        </p>
      </div>
    );
  }
  return (
    <ul className="meeting-list">
      {items.map((item) => (
        <MineRow key={item.meeting.id} item={item} />
      ))}
    </ul>
  );
}

function MineRow({ item }: { item: MyMeetings["items"][number] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { meeting: m, next } = item;

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      meetingChanged(queryClient, await meetingApi.attend(m.slug, false));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <li className="meeting-row meeting-row-mine">
      <div className="meeting-main">
        <h3 className="meeting-name">
          <Link to={`/meetings/${encodeURIComponent(m.slug)}`}>{m.name}</Link>
        </h3>
        <p className="meeting-meta">
          {m.temporarilyClosed ? <ClosedBadge /> : null}
          <ModeChip mode={m.mode} />
          {m.group ? <span>{t("meetings.ofGroup", { group: m.group.name })}</span> : null}
        </p>
        <p>
          {next ? (
            <>
              <span className="field-label">{t("meetings.mine.next")}</span>{" "}
              <time dateTime={next.start}>{dateTimeRange(next.start, next.end, viewerTimeZone(), locale)}</time>
              {next.status === "moved" ? (
                <span className="meeting-moved">
                  {" "}
                  · {t("meetings.meeting.movedFrom", { when: localDateTime(next.original, locale), zone: zoneLabel(m.timezone) })}
                </span>
              ) : null}
            </>
          ) : (
            <span className="muted">{t("meetings.mine.noNext")}</span>
          )}
        </p>
      </div>
      <div className="meeting-row-actions">
        <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void remove()}>
          {t("meetings.mine.remove")}
          <span className="visually-hidden">: {m.name}</span>
        </button>
        {error ? (
          <p className="field-error" role="alert">
            {meetingProblem(t, error)}
          </p>
        ) : null}
      </div>
    </li>
  );
}
