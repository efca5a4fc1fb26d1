import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Category } from "./api";
import { WatchCategoryToggle } from "./WatchToggle";

/** The categories as cards: what each is for, how busy, what is new for this reader. */
export function CategoryList({ categories }: { categories: Category[] }) {
  const { t } = useTranslation();
  if (categories.length === 0) return <p className="card muted">{t("forums.noCategories")}</p>;
  return (
    <ul className="category-list">
      {categories.map((category) => (
        <li key={category.id} className="category-card card">
          <h3 className="category-name">
            <Link to={`/forums/c/${encodeURIComponent(category.slug)}`}>{category.name}</Link>
          </h3>
          {category.description ? <p className="category-description">{category.description}</p> : null}
          <div className="category-foot">
            <p className="category-meta">
              <span>{t("forums.topicCount", { count: category.topicCount })}</span>
              {category.unreadTopics > 0 ? (
                <span className="badge badge-unread">{t("forums.unreadTopics", { count: category.unreadTopics })}</span>
              ) : null}
              {category.audience === "role" && category.role ? (
                <span className="chip">{t("forums.onlyFor", { role: t(`roles.${category.role}`) })}</span>
              ) : null}
            </p>
            <WatchCategoryToggle id={category.id} name={category.name} watching={category.watching} />
          </div>
        </li>
      ))}
    </ul>
  );
}
