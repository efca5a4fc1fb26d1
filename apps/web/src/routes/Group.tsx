// One group: what it is about and its guidelines, where the reader stands in it
// (join, ask, accept, withdraw, leave), its upcoming meetings, and for the people
// inside it the feed. Facilitators find the member list and "Change the group" here.
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { FormSuccess } from "../components/FormField";
import { PersonIcon } from "../components/icons";
import { Loading, PageHeading } from "../components/Page";
import { currentLocale } from "../i18n/i18n";
import { isInside, useGroup, type Group } from "../features/groups/api";
import { FocusChips, GroupFacts } from "../features/groups/GroupBadges";
import { GroupBreadcrumbs } from "../features/groups/GroupBreadcrumbs";
import { groupPath } from "../features/groups/GroupCard";
import { GroupFeed } from "../features/groups/GroupFeed";
import { GroupMeetings } from "../features/groups/GroupMeetings";
import { GroupUnavailable } from "../features/groups/GroupUnavailable";
import { MembershipActions } from "../features/groups/MembershipActions";
import { useArrivalNotice } from "../features/groups/useArrivalNotice";

export default function GroupPage() {
  const { slug = "" } = useParams();
  const group = useGroup(slug);
  if (group.isPending) return <Loading />;
  if (group.isError) return <GroupUnavailable error={group.error} />;
  return <GroupView key={slug} group={group.data} />;
}

function GroupView({ group }: { group: Group }) {
  const { t } = useTranslation();
  const notice = useArrivalNotice();
  const inside = isInside(group);
  return (
    <div className="group-page stack">
      <GroupBreadcrumbs />
      <PageHeading title={group.name}>
        <GroupFacts group={group} />
        <FocusChips focus={group.focus} />
        {inside || group.can.edit ? (
          <div className="group-toolbar">
            {inside ? (
              <Link to={`${groupPath(group.slug)}/members`} className="button button-secondary button-small">
                <PersonIcon />
                {t("groups.nav.members")}
                {group.pendingRequests > 0 ? (
                  <span className="badge badge-pending">
                    {t("groups.nav.pendingRequests", { count: group.pendingRequests })}
                  </span>
                ) : null}
              </Link>
            ) : null}
            {group.can.edit ? (
              <Link to={`${groupPath(group.slug)}/edit`} className="button button-secondary button-small">
                {t("groups.edit.link")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </PageHeading>
      <FormSuccess message={notice === "saved" ? t("groups.form.saved") : null} />

      <div className="group-layout">
        <About group={group} />
        <div className="group-side stack">
          <MembershipActions group={group} />
          <GroupMeetings group={group} />
        </div>
        <div className="group-feed-area">
          {inside ? (
            <GroupFeed group={group} />
          ) : (
            <section className="card group-feed-closed stack" aria-labelledby="group-feed-title">
              <h2 id="group-feed-title" className="h3">
                {t("groups.feed.title")}
              </h2>
              <p className="muted">{t("groups.feed.outsiderNote")}</p>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

function About({ group }: { group: Group }) {
  const { t } = useTranslation();
  const started = new Intl.DateTimeFormat(currentLocale(), { dateStyle: "long" }).format(new Date(group.createdAt));
  return (
    <section className="card group-about stack" aria-labelledby="group-about-title">
      <h2 id="group-about-title" className="h3">
        {t("groups.about.title")}
      </h2>
      {group.description ? (
        <p className="group-text" lang={group.language}>
          {group.description}
        </p>
      ) : (
        <p className="muted">{t("groups.about.noDescription")}</p>
      )}
      {group.guidelines ? (
        <div className="group-guidelines">
          <h3 className="h4">{t("groups.about.guidelines")}</h3>
          <p className="group-text" lang={group.language}>
            {group.guidelines}
          </p>
        </div>
      ) : null}
      <p className="muted small">{t("groups.about.started", { date: started })}</p>
    </section>
  );
}
