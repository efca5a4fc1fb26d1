// One post in a topic: who wrote it and when, its body (or why it is folded away),
// reactions, and the actions this reader may take on it (the server says which).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { FormAlert } from "../../components/FormField";
import { problemMessage } from "../../components/errors";
import { ClockIcon, QuoteIcon } from "../../components/icons";
import { currentLocale } from "../../i18n/i18n";
import { fullTime, relativeTime } from "../notifications/time";
import { forumApi, replacePost, type Post } from "./api";
import { AuthorName, authorLabel } from "./AuthorName";
import { ContentWarningChip } from "./ContentWarningChip";
import { EditPostForm } from "./EditPostForm";
import { FlagDialog } from "../moderation/ReportDialog";
import { ModeratorPostTools } from "./ModeratorPostTools";
import { PostBody } from "./PostBody";
import { Reactions } from "./Reactions";

export type PostCardProps = {
  post: Post;
  now: number;
  /** Posts after this number are new to the reader since their last visit. */
  lastReadBefore: number | null;
  /** A link to another post of the topic, on this page or another. */
  postLink: (number: number) => string;
  /** Present when the reader may reply: quoting fills the reply box. */
  onQuote?: (post: Post, bodyElement: HTMLElement | null) => void;
  /** Deleting the first post removes the whole topic. */
  onTopicRemoved: () => void;
};

export function PostCard({ post, now, lastReadBefore, postLink, onQuote, onTopicRemoved }: PostCardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [opened, setOpened] = useState(false);
  const [editing, setEditing] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const name = authorLabel(t, post.author, post.anonymous);
  const visible = post.state === "visible";
  // Waiting for a moderator: seen only by its author (who may still edit or take it back) and staff.
  const held = post.state === "held_for_approval";
  const bodyShown = visible && (post.collapsed === null || opened);
  const isNew = !held && lastReadBefore !== null && post.number > lastReadBefore;
  // A held reply has no place in the topic yet (its number is a placeholder), so it is named by its id.
  const anchor = held && post.number < 1 ? `post-held-${post.id}` : `post-${post.number}`;
  const headingId = `${anchor}-heading`;

  return (
    <article
      className={["post", isNew ? "post-new" : "", held ? "post-held" : ""].filter(Boolean).join(" ")}
      id={anchor}
      data-state={post.state}
      tabIndex={-1}
      aria-labelledby={headingId}
    >
      <header className="post-header">
        <h2 className="post-author-heading" id={headingId}>
          <span className="visually-hidden">
            {post.number > 0 ? t("forums.post.heading", { number: post.number }) : t("forums.post.headingHeld")}{" "}
          </span>
          <AuthorName author={post.author} anonymous={post.anonymous} mine={post.mine} />
        </h2>
        <p className="post-meta">
          {post.number > 0 ? (
            <Link
              to={postLink(post.number)}
              className="post-number"
              aria-label={t("forums.post.linkTo", { number: post.number })}
            >
              #{post.number}
            </Link>
          ) : null}
          <time dateTime={post.createdAt} title={fullTime(post.createdAt, locale)}>
            {relativeTime(post.createdAt, now, locale, t("notifications.justNow"))}
          </time>
          {post.editedAt ? <span title={fullTime(post.editedAt, locale)}>{t("forums.post.edited")}</span> : null}
          {post.replyToNumber ? (
            <Link to={postLink(post.replyToNumber)}>{t("forums.post.inReplyTo", { number: post.replyToNumber })}</Link>
          ) : null}
          {isNew ? <span className="badge badge-new">{t("forums.post.new")}</span> : null}
        </p>
      </header>

      {held ? <HeldNote mine={post.mine} /> : null}

      {editing ? (
        <EditPostForm post={post} onDone={() => setEditing(false)} />
      ) : (
        <PostContent
          post={post}
          opened={opened}
          onOpen={() => setOpened(true)}
          onClose={() => setOpened(false)}
          bodyRef={bodyRef}
        />
      )}

      {(visible || held) && !editing ? (
        <footer className="post-footer">
          {/* Reacting to words one has not read would mean little: reactions wait until the post is open. */}
          {bodyShown ? <Reactions post={post} /> : null}
          <div className="post-actions">
            {onQuote && bodyShown ? (
              <button
                type="button"
                className="button button-quiet button-small post-action"
                onClick={() => onQuote(post, bodyRef.current)}
              >
                <QuoteIcon />
                {t("forums.post.quote")}
                <span className="visually-hidden"> {name}</span>
              </button>
            ) : null}
            {post.can.edit && post.markdown !== null ? (
              <button
                type="button"
                className="button button-quiet button-small post-action"
                onClick={() => setEditing(true)}
              >
                {t("forums.post.edit")}
              </button>
            ) : null}
            {post.can.delete ? <DeletePostButton post={post} onTopicRemoved={onTopicRemoved} /> : null}
            {post.can.flag && visible ? <FlagDialog postId={post.id} authorLabel={name} /> : null}
          </div>
        </footer>
      ) : null}

      {post.can.moderate ? <ModeratorPostTools post={post} /> : null}
    </article>
  );
}

/**
 * A calm word on a post waiting for a moderator: to its author, that only they
 * can see it for now; to staff, that it waits in the review queue.
 */
function HeldNote({ mine }: { mine: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="post-held-note" data-testid="held-note">
      <ClockIcon />
      <span>
        {mine ? t("forums.post.heldMine") : t("forums.post.heldStaff")}{" "}
        {!mine ? <Link to="/moderation">{t("forums.post.heldQueueLink")}</Link> : null}
      </span>
    </p>
  );
}

/** The body, or what stands in its place: removed, hidden, or folded behind a warning, a block or a mute. */
function PostContent({
  post,
  opened,
  onOpen,
  onClose,
  bodyRef,
}: {
  post: Post;
  opened: boolean;
  onOpen: () => void;
  onClose: () => void;
  bodyRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const justOpened = useRef(false);
  // After "Show post", reading continues in the body that just appeared.
  useEffect(() => {
    if (opened && justOpened.current) bodyRef.current?.focus();
    justOpened.current = false;
  }, [opened, bodyRef]);

  if (post.state === "removed_by_author") {
    return (
      <>
        <p className="post-placeholder">{t("forums.post.removedByAuthor")}</p>
        {post.html ? <PostBody html={post.html} className="post-body-faded" /> : null}
      </>
    );
  }
  if (post.state === "hidden_by_moderator") {
    // Members get the placeholder only; moderators are also sent the text, shown faded.
    return (
      <>
        <p className="post-placeholder">
          {t("forums.post.hiddenByModerator")}
          {post.html ? <span className="muted"> {t("forums.post.hiddenModeratorView")}</span> : null}
        </p>
        {post.html ? <PostBody html={post.html} className="post-body-faded" /> : null}
      </>
    );
  }
  if (post.collapsed && !opened) {
    return (
      <div className="post-collapsed">
        <p>
          {post.collapsed === "blocked"
            ? t("forums.post.blocked")
            : post.collapsed === "muted"
              ? t("forums.post.muted")
              : post.contentWarning
                ? t("forums.warningChip", { label: t(`forums.warnings.${post.contentWarning}`) })
                : t("forums.post.warningGeneric")}
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            justOpened.current = true;
            onOpen();
          }}
        >
          {post.collapsed === "blocked"
            ? t("forums.post.showAnyway")
            : post.collapsed === "muted"
              ? t("forums.post.showMuted")
              : t("forums.post.show")}
        </button>
      </div>
    );
  }
  return (
    <>
      {post.contentWarning || post.collapsed ? (
        <p className="post-warning-line">
          {post.contentWarning ? <ContentWarningChip warning={post.contentWarning} /> : null}
          {post.collapsed ? (
            <button type="button" className="link-button" onClick={onClose}>
              {t("forums.post.foldAgain")}
            </button>
          ) : null}
        </p>
      ) : null}
      <PostBody html={post.html} ref={bodyRef} />
    </>
  );
}

function DeletePostButton({ post, onTopicRemoved }: { post: Post; onTopicRemoved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const first = post.number === 1;
  return (
    <>
      <ConfirmButton
        label={t("forums.post.delete")}
        className="button button-quiet button-small post-action"
        title={first ? t("forums.post.deleteTopicTitle") : t("forums.post.deleteTitle")}
        body={<p>{first ? t("forums.post.deleteTopicBody") : t("forums.post.deleteBody")}</p>}
        confirmLabel={t("forums.post.deleteConfirm")}
        onConfirm={async () => {
          setError(null);
          try {
            const removed = await forumApi.deletePost(post.id);
            if (first) onTopicRemoved();
            else replacePost(queryClient, removed);
          } catch (err) {
            setError(problemMessage(t, err));
          }
        }}
      />
      <FormAlert message={error} />
    </>
  );
}
