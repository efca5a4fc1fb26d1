// The directory's meetings, grouped by day in the reader's own time zone, with
// what matters at a glance: when, what, how, and whether it is on right now.
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { currentLocale } from "../../i18n/i18n";
import { useDirectory, type DirectoryEntry, type DirectoryFilters } from "./api";
import { ClosedBadge, ModeChip, StatusBadge, TypeTags } from "./MeetingBits";
import { dayKey, dayName, relativeDay, timeRange } from "./time";
import { DIRECTORY_DAYS } from "./constants";

export function DirectoryList({ filters, filtered }: { filters: DirectoryFilters; filtered: boolean }) {
  const { t } = useTranslation();
  const directory = useDirectory(filters);
  const listRef = useRef<HTMLDivElement>(null);
  const items = directory.data?.pages.flatMap((p) => p.items) ?? [];
  const tz = directory.data?.pages[0]?.timezone ?? "UTC";
  const days = groupByDay(items, tz);
  const error = directory.error;

  async function loadMore() {
    const before = items.length;
    await directory.fetchNextPage();
    // Keyboard users continue where the list grew.
    requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLElement>(".meeting-name a")[before]?.focus());
  }

  if (directory.isPending) return <Loading />;
  if (directory.isError) return <QueryError error={directory.error} />;

  return (
    <div className="stack" ref={listRef}>
      <p role="status" className="meeting-count">
        {items.length === 0
          ? ""
          : directory.hasNextPage
            ? t("meetings.directory.countMore", { count: items.length, days: DIRECTORY_DAYS })
            : t("meetings.directory.count", { count: items.length, days: DIRECTORY_DAYS })}
      </p>
      {items.length === 0 ? (
        <div className="card meeting-empty">
          <p>{filtered ? t("meetings.directory.noneFiltered") : t("meetings.directory.none", { days: DIRECTORY_DAYS })}</p>
        </div>
      ) : null}
      {days.map(([key, entries]) => {
        const relative = relativeDay(key, tz);
        const name = dayName(key, currentLocale());
        return (
          <section key={key} className="meeting-day" aria-labelledby={`day-${key}`}>
            <h2 id={`day-${key}`} className="meeting-day-title">
              {relative ? (
                <>
                  {t(`meetings.directory.${relative}`)}
                  <span className="meeting-day-date"> · {name}</span>
                </>
              ) : (
                name
              )}
            </h2>
            <ul className="meeting-list">
              {entries.map((entry) => (
                <DirectoryRow key={`${entry.meeting.id}-${entry.start}`} entry={entry} tz={tz} />
              ))}
            </ul>
          </section>
        );
      })}
      {directory.hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={directory.isFetchingNextPage}
            onClick={() => void loadMore()}
          >
            {directory.isFetchingNextPage ? t("common.loading") : t("meetings.directory.loadMore")}
          </button>
        </div>
      ) : null}
      {directory.isFetchNextPageError ? <QueryError error={error} /> : null}
    </div>
  );
}

function groupByDay(items: DirectoryEntry[], tz: string): [string, DirectoryEntry[]][] {
  const days = new Map<string, DirectoryEntry[]>();
  for (const item of items) {
    const key = dayKey(item.start, tz);
    const list = days.get(key) ?? [];
    list.push(item);
    days.set(key, list);
  }
  return [...days.entries()];
}

function DirectoryRow({ entry, tz }: { entry: DirectoryEntry; tz: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const m = entry.meeting;
  return (
    <li className={entry.status === "happening_now" ? "meeting-row meeting-row-now" : "meeting-row"}>
      <p className="meeting-when">
        <time dateTime={entry.start}>{timeRange(entry.start, entry.end, tz, locale)}</time>
      </p>
      <div className="meeting-main">
        <h3 className="meeting-name">
          <Link to={`/meetings/${encodeURIComponent(m.slug)}`}>{m.name}</Link>
        </h3>
        <p className="meeting-meta">
          <StatusBadge status={entry.status} />
          {m.temporarilyClosed ? <ClosedBadge /> : null}
          <ModeChip mode={m.mode} />
          {m.group ? <span>{t("meetings.ofGroup", { group: m.group.name })}</span> : null}
          {m.city && m.mode !== "online" && m.mode !== "kindred" ? <span>{m.city}</span> : null}
        </p>
        {entry.moved ? <p className="meeting-moved">{t("meetings.directory.moved")}</p> : null}
        <TypeTags types={m.types} />
      </div>
    </li>
  );
}
