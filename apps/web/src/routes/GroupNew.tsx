// Starting a group: facilitators and admins (the list says who may). The person
// who starts it becomes its first facilitator.
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { groupApi, groupChanged, useGroupList } from "../features/groups/api";
import { GroupBreadcrumbs } from "../features/groups/GroupBreadcrumbs";
import { groupPath } from "../features/groups/GroupCard";
import { emptyGroup, GroupForm } from "../features/groups/GroupForm";

export default function GroupNewPage() {
  return (
    <RequireAuth>
      <GroupNew />
    </RequireAuth>
  );
}

function GroupNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Whether this person may start a group comes with the list.
  const list = useGroupList({ q: "", mine: false });

  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} />;
  if (!list.data.can.create) {
    return (
      <div className="narrow stack">
        <PageHeading title={t("groups.new.notAllowedTitle")} />
        <Notice tone="info">{t("groups.new.notAllowed")}</Notice>
        <p>
          <Link to="/groups">{t("groups.backToGroups")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow-wide stack">
      <GroupBreadcrumbs />
      <PageHeading title={t("groups.new.title")} lead={t("groups.new.lead")} />
      <GroupForm
        initial={emptyGroup}
        submitLabel={t("groups.form.create")}
        busyLabel={t("groups.form.creating")}
        cancelTo="/groups"
        onSave={async (fields) => {
          const group = await groupApi.create(fields);
          groupChanged(queryClient, group, group.slug);
          await navigate(groupPath(group.slug));
        }}
      />
    </div>
  );
}
