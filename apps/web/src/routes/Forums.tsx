// The forums' front page: the categories, the latest topics everywhere, and how
// content warnings fold posts for this reader.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { useCategories } from "../features/forums/api";
import { CategoryList } from "../features/forums/CategoryList";
import { ForumPreferencesSection } from "../features/forums/ForumPreferencesSection";
import { ForumsGate } from "../features/forums/ForumsGate";
import { ForumsNav } from "../features/forums/ForumsNav";
import { RouteNotice } from "../features/forums/RouteNotice";
import { TopicList } from "../features/forums/TopicList";

export default function ForumsPage() {
  return (
    <ForumsGate>
      <Forums />
    </ForumsGate>
  );
}

function Forums() {
  const { t } = useTranslation();
  const categories = useCategories();
  return (
    <div className="forums-page stack-lg">
      <PageHeading title={t("forums.title")} lead={t("forums.lead")}>
        <ForumsNav />
      </PageHeading>
      <RouteNotice />
      <section className="stack" aria-labelledby="categories-title">
        <div className="section-heading">
          <h2 id="categories-title">{t("forums.categories")}</h2>
          {categories.data?.can.manage ? <Link to="/admin?tab=forums">{t("forums.manageCategories")}</Link> : null}
        </div>
        {categories.isPending ? <Loading /> : null}
        {categories.isError ? <QueryError error={categories.error} /> : null}
        {categories.data ? <CategoryList categories={categories.data.items} /> : null}
      </section>
      <section className="stack" aria-labelledby="latest-title">
        <h2 id="latest-title">{t("forums.latest")}</h2>
        <TopicList category={null} label={t("forums.latest")} empty={t("forums.noTopicsAnywhere")} />
      </section>
      <ForumPreferencesSection />
    </div>
  );
}
