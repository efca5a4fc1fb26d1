import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useConfig, useMe } from "../features/accounts/api";
import { CrisisLinesPanel } from "../features/admin/CrisisLinesPanel";
import { ForumCategoriesPanel } from "../features/admin/ForumCategoriesPanel";
import { InvitesPanel } from "../features/admin/InvitesPanel";
import { MeetingImportPanel } from "../features/admin/MeetingImportPanel";
import { OrganizationPanel } from "../features/admin/OrganizationPanel";
import { SafetySettingsPanel } from "../features/admin/SafetySettingsPanel";
import { WatchedWordsPanel } from "../features/admin/WatchedWordsPanel";
import { UsersPanel } from "../features/admin/UsersPanel";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";

const TABS = ["people", "registration", "safety", "invites", "lines", "forums", "words", "meetings"] as const;

export default function AdminPage() {
  return (
    <RequireAuth>
      <Admin />
    </RequireAuth>
  );
}

function Admin() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const config = useConfig();
  // A link such as /admin?tab=forums (from the forums page) opens that tab.
  const [params] = useSearchParams();

  if (!me.roles.includes("admin")) {
    return (
      <div className="narrow stack">
        <PageHeading title={t("admin.title")} />
        {me.rolesAwaitingTwoFactor.includes("admin") ? (
          <Notice tone="info" title={t("home.twoFactorTitle")}>
            <p>{t("admin.needsTwoFactor")}</p>
            <p>
              <Link to="/settings#two-factor">{t("home.twoFactorLink")}</Link>
            </p>
          </Notice>
        ) : (
          <Notice tone="info">{t("admin.notAllowed")}</Notice>
        )}
      </div>
    );
  }

  return (
    <div className="stack">
      <PageHeading title={t("admin.title")} lead={t("admin.lead")} />
      <Tabs className="tabs" defaultSelectedKey={TABS.find((tab) => tab === params.get("tab")) ?? "people"}>
        <TabList className="tab-list" aria-label={t("admin.sections")}>
          <Tab id="people" className="tab">
            {t("admin.people")}
          </Tab>
          <Tab id="registration" className="tab">
            {t("admin.organization")}
          </Tab>
          <Tab id="safety" className="tab">
            {t("admin.safetyTab")}
          </Tab>
          <Tab id="invites" className="tab">
            {t("admin.invites")}
          </Tab>
          <Tab id="lines" className="tab">
            {t("admin.crisisLines")}
          </Tab>
          <Tab id="forums" className="tab">
            {t("admin.forumCategories")}
          </Tab>
          <Tab id="words" className="tab">
            {t("admin.watchedWords")}
          </Tab>
          <Tab id="meetings" className="tab">
            {t("meetings.import.tab")}
          </Tab>
        </TabList>
        <TabPanel id="people" className="tab-panel">
          <h2>{t("admin.people")}</h2>
          <UsersPanel />
        </TabPanel>
        <TabPanel id="registration" className="tab-panel">
          <h2>{t("admin.organization")}</h2>
          {config.isPending ? <Loading /> : null}
          {config.isError ? <QueryError error={config.error} /> : null}
          {config.data ? <OrganizationPanel config={config.data} /> : null}
        </TabPanel>
        <TabPanel id="safety" className="tab-panel">
          <h2>{t("admin.safetyTab")}</h2>
          <SafetySettingsPanel />
        </TabPanel>
        <TabPanel id="invites" className="tab-panel">
          <h2>{t("admin.invites")}</h2>
          <InvitesPanel />
        </TabPanel>
        <TabPanel id="lines" className="tab-panel">
          <h2>{t("admin.crisisLines")}</h2>
          <CrisisLinesPanel />
        </TabPanel>
        <TabPanel id="forums" className="tab-panel">
          <h2>{t("admin.forumCategories")}</h2>
          <ForumCategoriesPanel />
        </TabPanel>
        <TabPanel id="words" className="tab-panel">
          <h2>{t("admin.watchedWords")}</h2>
          <WatchedWordsPanel />
        </TabPanel>
        <TabPanel id="meetings" className="tab-panel">
          <h2>{t("meetings.import.title")}</h2>
          <MeetingImportPanel />
        </TabPanel>
      </Tabs>
    </div>
  );
}
