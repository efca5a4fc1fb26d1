// The trail back to the forums (and to a topic's category) above every forum page.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function ForumBreadcrumbs({ category }: { category?: { slug: string; name: string } }) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumbs" aria-label={t("forums.breadcrumbs")}>
      <ol>
        <li>
          <Link to="/forums">{t("forums.title")}</Link>
        </li>
        {category ? (
          <li>
            <Link to={`/forums/c/${encodeURIComponent(category.slug)}`}>{category.name}</Link>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}
