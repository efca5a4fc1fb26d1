// The home page's "Your groups": the groups a member is in, each a link, and a
// way to browse the others.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryError } from "../../components/QueryError";
import { useGroupList } from "./api";
import { groupPath } from "./GroupCard";
import { MembershipBadge } from "./GroupBadges";

export function YourGroups() {
  const { t } = useTranslation();
  const mine = useGroupList({ q: "", mine: true });
  const items = mine.data?.items ?? [];
  return (
    <section className="stack your-groups" aria-labelledby="your-groups-title">
      <div className="section-heading">
        <h2 id="your-groups-title">{t("groups.home.title")}</h2>
        <Link to="/groups">{t("groups.home.browse")}</Link>
      </div>
      {mine.isError ? <QueryError error={mine.error} /> : null}
      {mine.data && items.length === 0 ? <p className="card muted">{t("groups.home.none")}</p> : null}
      {items.length > 0 ? (
        <ul className="your-group-list" aria-labelledby="your-groups-title">
          {items.map((group) => (
            <li key={group.id} className="card your-group">
              <Link to={groupPath(group.slug)} className="your-group-name">
                {group.name}
              </Link>
              <span className="your-group-facts">
                {group.membership === "facilitator" ? <MembershipBadge membership="facilitator" /> : null}
                <span className="muted small">{t("groups.memberCount", { count: group.memberCount })}</span>
                {group.pendingRequests > 0 ? (
                  <Link to={`${groupPath(group.slug)}/members`} className="badge badge-pending">
                    {t("groups.nav.pendingRequests", { count: group.pendingRequests })}
                    <span className="visually-hidden">: {group.name}</span>
                  </Link>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
