// The trail back to the groups (and to one group) above every group page.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { groupPath } from "./GroupCard";

export function GroupBreadcrumbs({ group }: { group?: { slug: string; name: string } }) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumbs" aria-label={t("groups.breadcrumbs")}>
      <ol>
        <li>
          <Link to="/groups">{t("groups.title")}</Link>
        </li>
        {group ? (
          <li>
            <Link to={groupPath(group.slug)}>{group.name}</Link>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}
