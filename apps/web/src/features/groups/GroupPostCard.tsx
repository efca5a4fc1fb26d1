// One post in a group's feed: who wrote it and when, whether it is an
// announcement, the words as the server rendered them, reactions and delete.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { currentLocale } from "../../i18n/i18n";
import { PostBody } from "../forums/PostBody";
import { fullTime, relativeTime } from "../notifications/time";
import type { GroupPost } from "./api";
import { GroupReactions } from "./GroupReactions";

export function GroupPostCard({
  slug,
  post,
  now,
  onDelete,
}: {
  slug: string;
  post: GroupPost;
  now: number;
  onDelete: (post: GroupPost) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const anchor = `post-${post.id}`;
  const headingId = `${anchor}-heading`;
  const name = post.author?.pseudonym ?? t("groups.feed.formerMember");
  return (
    <article
      className={post.announcement ? "post group-post group-post-announcement" : "post group-post"}
      id={anchor}
      tabIndex={-1}
      aria-labelledby={headingId}
    >
      <header className="post-header">
        <h3 className="post-author-heading" id={headingId}>
          <span className="visually-hidden">{post.announcement ? `${t("groups.feed.announcement")}: ` : null}</span>
          {post.author ? (
            <Link to={`/members/${encodeURIComponent(post.author.pseudonym)}`}>{post.author.pseudonym}</Link>
          ) : (
            <span className="author-anonymous">{name}</span>
          )}
        </h3>
        <p className="post-meta">
          {post.announcement ? (
            <span className="badge group-announcement-badge" aria-hidden="true">
              {t("groups.feed.announcement")}
            </span>
          ) : null}
          <Link to={`#${anchor}`} className="post-number" title={t("groups.feed.linkTo")}>
            <time dateTime={post.createdAt} title={fullTime(post.createdAt, locale)}>
              {relativeTime(post.createdAt, now, locale, t("notifications.justNow"))}
            </time>
          </Link>
        </p>
      </header>
      <PostBody html={post.html} />
      <footer className="post-footer">
        <GroupReactions slug={slug} post={post} />
        {post.can.delete ? (
          <div className="post-actions">
            <ConfirmButton
              label={
                <>
                  {t("groups.feed.delete")}
                  <span className="visually-hidden"> {t("groups.feed.postBy", { name })}</span>
                </>
              }
              className="button button-quiet button-small post-action"
              title={t("groups.feed.deleteTitle")}
              body={<p>{t("groups.feed.deleteBody")}</p>}
              confirmLabel={t("groups.feed.deleteConfirm")}
              onConfirm={() => onDelete(post)}
            />
          </div>
        ) : null}
      </footer>
    </article>
  );
}
