import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Group } from "./api";
import { FocusChips, GroupFacts, MembershipBadge } from "./GroupBadges";

export const groupPath = (slug: string) => `/groups/${encodeURIComponent(slug)}`;

/** One group in a list: its name (the link), what it is about, and where the reader stands. */
export function GroupCard({ group }: { group: Group }) {
  const { t } = useTranslation();
  const headingId = `group-${group.id}-name`;
  return (
    <li className="card group-card" aria-labelledby={headingId}>
      <div className="group-card-head">
        <h2 className="group-card-name h3" id={headingId}>
          <Link to={groupPath(group.slug)}>{group.name}</Link>
        </h2>
        <MembershipBadge membership={group.membership} />
      </div>
      <GroupFacts group={group} />
      {group.description ? (
        <p className="group-card-description" lang={group.language}>
          {group.description}
        </p>
      ) : null}
      <FocusChips focus={group.focus} label={t("groups.focusLabel")} />
      {group.pendingRequests > 0 ? (
        <p className="group-card-requests">
          <Link to={`${groupPath(group.slug)}/members`}>
            {t("groups.nav.pendingRequests", { count: group.pendingRequests })}
            <span className="visually-hidden">: {group.name}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}
