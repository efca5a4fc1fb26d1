// The home page's "Your next meetings": up to three, in the reader's time zone.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { currentLocale } from "../../i18n/i18n";
import { useMyMeetings } from "./api";
import { cap, dateTimeRange, viewerTimeZone } from "./time";

export function NextMeetings() {
  const { t } = useTranslation();
  const mine = useMyMeetings();
  const locale = currentLocale();
  const tz = viewerTimeZone();
  // Quietly absent while loading or on a failure: the home page has other things to say.
  if (!mine.data) return null;
  const next = mine.data.items.filter((i) => i.next).slice(0, 3);
  return (
    <section className="stack next-meetings" aria-labelledby="next-meetings-title">
      <div className="section-heading">
        <h2 id="next-meetings-title">{t("meetings.home.title")}</h2>
        <span className="next-meetings-links">
          {mine.data.items.length > 0 ? <Link to="/meetings/mine">{t("meetings.mine.title")}</Link> : null}
          <Link to="/meetings">{t("meetings.home.find")}</Link>
        </span>
      </div>
      {next.length === 0 ? (
        <p className="card muted">{t("meetings.home.none")}</p>
      ) : (
        <ul className="next-meeting-list">
          {next.map(({ meeting, next: o }) => (
            <li key={meeting.id} className="card next-meeting">
              <Link to={`/meetings/${encodeURIComponent(meeting.slug)}`} className="next-meeting-name">
                {meeting.name}
              </Link>
              <time className="muted" dateTime={o!.start}>
                {cap(dateTimeRange(o!.start, o!.end, tz, locale))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
