import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Author } from "./api";

/** The name a reader sees: a pseudonym, or words that stand in for no one in particular. */
export function authorLabel(t: TFunction, author: Author | null, anonymous: boolean): string {
  if (author) return author.pseudonym;
  return anonymous ? t("forums.anonymous") : t("forums.formerMember");
}

/**
 * An author, linked to their member page. Anonymous posts show "Anonymous member"
 * with no link; the author themselves is reminded that others do not see their name.
 */
export function AuthorName({
  author,
  anonymous,
  mine = false,
}: {
  author: Author | null;
  anonymous: boolean;
  /** The reader wrote it: an anonymous post of their own says so, to them alone. */
  mine?: boolean;
}) {
  const { t } = useTranslation();
  if (!author) {
    return (
      <span className="author">
        <span className="author-anonymous">{authorLabel(t, author, anonymous)}</span>
        {anonymous && mine ? <span className="author-note"> ({t("forums.anonymousYou")})</span> : null}
      </span>
    );
  }
  return (
    <span className="author">
      <Link to={`/members/${encodeURIComponent(author.pseudonym)}`}>{author.pseudonym}</Link>
      {anonymous ? <span className="author-note"> ({t("forums.anonymousToOthers")})</span> : null}
    </span>
  );
}
