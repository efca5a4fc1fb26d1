// One category's topics, pinned first, with its watch toggle.
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { useCategories, type Category } from "../features/forums/api";
import { ForumsGate } from "../features/forums/ForumsGate";
import { ForumsNav } from "../features/forums/ForumsNav";
import { RouteNotice } from "../features/forums/RouteNotice";
import { TopicList } from "../features/forums/TopicList";
import { WatchCategoryToggle } from "../features/forums/WatchToggle";
import { ForumBreadcrumbs } from "../features/forums/ForumBreadcrumbs";

export default function ForumCategoryPage() {
  return (
    <ForumsGate>
      <CategoryRoute />
    </ForumsGate>
  );
}

function CategoryRoute() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const categories = useCategories();
  if (categories.isPending) return <Loading />;
  if (categories.isError) return <QueryError error={categories.error} />;
  const category = categories.data.items.find((c) => c.slug === slug);
  if (!category) {
    return (
      <div className="narrow stack">
        <PageHeading title={t("forums.categoryMissingTitle")} />
        <Notice tone="info">{t("forums.categoryMissingBody")}</Notice>
        <p>
          <Link to="/forums">{t("forums.backToForums")}</Link>
        </p>
      </div>
    );
  }
  return <CategoryPage key={category.id} category={category} />;
}

function CategoryPage({ category }: { category: Category }) {
  const { t } = useTranslation();
  return (
    <div className="forums-page stack-lg">
      <div>
        <ForumBreadcrumbs />
        <PageHeading title={category.name} lead={category.description || undefined}>
          <ForumsNav newTopicCategoryId={category.id} />
        </PageHeading>
        <div className="toolbar">
          <p className="muted category-meta">
            {t("forums.topicCount", { count: category.topicCount })}
            {category.unreadTopics > 0 ? ` · ${t("forums.unreadTopics", { count: category.unreadTopics })}` : null}
          </p>
          <WatchCategoryToggle id={category.id} name={category.name} watching={category.watching} />
        </div>
      </div>
      <RouteNotice />
      <section className="stack" aria-labelledby="topics-title">
        <h2 id="topics-title">{t("forums.topics")}</h2>
        <TopicList
          category={category.slug}
          label={t("forums.topicsIn", { name: category.name })}
          empty={t("forums.noTopicsHere")}
        />
      </section>
    </div>
  );
}
