import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";
import { PlusIcon, SearchIcon, ShieldIcon } from "../../components/icons";
import { useCategories } from "./api";

/** The forum's own links under each page heading: search, the review queue for moderators, a new topic. */
export function ForumsNav({ newTopicCategoryId }: { newTopicCategoryId?: string }) {
  const { t } = useTranslation();
  const moderate = useCategories().data?.can.moderate ?? false;
  return (
    <nav className="forums-nav" aria-label={t("forums.navLabel")}>
      <Link
        className="button button-primary"
        to={newTopicCategoryId ? `/forums/new?category=${encodeURIComponent(newTopicCategoryId)}` : "/forums/new"}
      >
        <PlusIcon />
        {t("forums.newTopicButton")}
      </Link>
      <NavLink className="button button-secondary" to="/forums/search">
        <SearchIcon />
        {t("forums.search.link")}
      </NavLink>
      {moderate ? (
        <NavLink className="button button-secondary" to="/moderation">
          <ShieldIcon />
          {t("forums.mod.queueLink")}
        </NavLink>
      ) : null}
    </nav>
  );
}
