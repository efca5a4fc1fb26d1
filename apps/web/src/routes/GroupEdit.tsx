// Changing a group: its facilitators and admins (the group's `can.edit` says who).
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { Loading, Notice, PageHeading } from "../components/Page";
import { RequireAuth } from "../components/RequireAuth";
import { groupApi, groupChanged, useGroup } from "../features/groups/api";
import { GroupBreadcrumbs } from "../features/groups/GroupBreadcrumbs";
import { groupPath } from "../features/groups/GroupCard";
import { fieldsOf, GroupForm } from "../features/groups/GroupForm";
import { GroupUnavailable } from "../features/groups/GroupUnavailable";

export default function GroupEditPage() {
  return (
    <RequireAuth>
      <GroupEdit />
    </RequireAuth>
  );
}

function GroupEdit() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const group = useGroup(slug);

  if (group.isPending) return <Loading />;
  if (group.isError) return <GroupUnavailable error={group.error} />;
  const g = group.data;
  const back = <GroupBreadcrumbs group={g} />;
  if (!g.can.edit) {
    return (
      <div className="narrow stack">
        {back}
        <PageHeading title={t("groups.edit.title")} />
        <Notice tone="info">{t("groups.edit.notAllowed")}</Notice>
      </div>
    );
  }
  return (
    <div className="narrow-wide stack">
      {back}
      <PageHeading title={t("groups.edit.title")} lead={g.name} />
      <GroupForm
        key={g.id}
        initial={fieldsOf(g)}
        submitLabel={t("groups.form.save")}
        busyLabel={t("groups.form.saving")}
        cancelTo={groupPath(slug)}
        warnOnHidden
        onSave={async (fields) => {
          const updated = await groupApi.update(slug, fields);
          groupChanged(queryClient, updated, slug);
          // Its meetings carry its name and visibility.
          void queryClient.invalidateQueries({ queryKey: ["meetings"] });
          await navigate(groupPath(slug), { state: { notice: "saved" } });
        }}
      />
    </div>
  );
}
