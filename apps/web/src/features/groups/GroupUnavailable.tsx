import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { ApiError } from "../../api/client";
import { Notice, PageHeading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { GroupBreadcrumbs } from "./GroupBreadcrumbs";

/**
 * A group that cannot be shown: missing and hidden ones look the same (the server
 * never says a hidden group exists); a private one asks a visitor to sign in.
 */
export function GroupUnavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const location = useLocation();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 401) {
    return (
      <div className="narrow stack">
        <GroupBreadcrumbs />
        <PageHeading title={t("groups.signInTitle")} />
        <Notice tone="info">
          <p>{t("groups.signInBody")}</p>
          <p>
            <Link to="/sign-in" state={{ from: location.pathname + location.search }}>
              {t("groups.signInLink")}
            </Link>
          </p>
        </Notice>
      </div>
    );
  }
  const missing = status === 404 || status === 403;
  return (
    <div className="narrow stack">
      <GroupBreadcrumbs />
      <PageHeading title={missing ? t("groups.missingTitle") : t("groups.title")} />
      {missing ? <Notice tone="info">{t("groups.missingBody")}</Notice> : <QueryError error={error} />}
      <p>
        <Link to="/groups">{t("groups.backToGroups")}</Link>
      </p>
    </div>
  );
}
