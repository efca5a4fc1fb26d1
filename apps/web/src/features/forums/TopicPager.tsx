import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Earlier and later pages of a long topic; each page starts at a post number. */
export function TopicPager({
  topicId,
  previousFrom,
  nextFrom,
  label,
}: {
  topicId: string;
  previousFrom: number | null;
  nextFrom: number | null;
  label: string;
}) {
  const { t } = useTranslation();
  if (previousFrom === null && nextFrom === null) return null;
  const to = (from: number) => `/forums/t/${encodeURIComponent(topicId)}?from=${from}`;
  return (
    <nav className="topic-pager" aria-label={label}>
      {previousFrom !== null ? (
        <Link className="button button-secondary button-small" to={to(previousFrom)}>
          {t("forums.topic.earlier")}
        </Link>
      ) : (
        <span />
      )}
      {nextFrom !== null ? (
        <Link className="button button-secondary button-small" to={to(nextFrom)}>
          {t("forums.topic.later")}
        </Link>
      ) : null}
    </nav>
  );
}
