// The meeting directory: open to everyone (signed out, the organization's and
// public groups' meetings), filtered by what the address says, in the reader's
// own time zone.
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { Notice, PageHeading } from "../components/Page";
import { useMe } from "../features/accounts/api";
import { FEED_URL, useDirectory } from "../features/meetings/api";
import { DirectoryFilterForm, filtersFrom, hasFilters } from "../features/meetings/DirectoryFilters";
import { DirectoryList } from "../features/meetings/DirectoryList";
import { ZoneNote } from "../features/meetings/MeetingBits";
import { viewerTimeZone } from "../features/meetings/time";

export default function MeetingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const me = useMe().data ?? null;
  // The first page answers whether this person may add meetings (the same query the list uses).
  const canCreate = useDirectory(filters).data?.pages[0]?.can.create ?? false;
  const location = useLocation();
  const deleted = (location.state as { deleted?: string } | null)?.deleted;

  return (
    <div className="meetings-page stack-lg">
      <PageHeading title={t("meetings.directory.title")} lead={t("meetings.directory.lead")}>
        {canCreate || me ? (
          <div className="button-row meeting-actions">
            {canCreate ? (
              <Link className="button button-primary" to="/meetings/new">
                {t("meetings.directory.add")}
              </Link>
            ) : null}
            {me ? (
              <Link className="button button-secondary" to="/meetings/mine">
                {t("meetings.mine.title")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </PageHeading>
      {deleted ? (
        <div role="status">
          <Notice tone="success">{t("meetings.deleted", { name: deleted })}</Notice>
        </div>
      ) : null}
      {!me ? (
        <p className="muted">
          {t("meetings.directory.signedOutNote")} <Link to="/sign-in">{t("nav.signIn")}</Link>
        </p>
      ) : null}
      <DirectoryFilterForm filters={filters} setParams={setParams} />
      <section className="stack" aria-label={t("meetings.directory.results")}>
        <ZoneNote tz={viewerTimeZone()} />
        <DirectoryList filters={filters} filtered={hasFilters(filters)} />
      </section>
      <p className="muted small meeting-feed-note">
        {t("meetings.directory.feedNote")} <a href={FEED_URL}>{t("meetings.directory.feedLink")}</a>
      </p>
    </div>
  );
}
