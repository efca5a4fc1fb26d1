// A group's feed, for the people in it: the composer (with "Post as an
// announcement" for facilitators), the newest posts first, and older ones on
// request. A link to #post-<id> (from a notification) lands on that post.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { CheckboxField, FormAlert, FormSuccess, TextAreaField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useNow } from "../notifications/time";
import { useRoom } from "../realtime/room";
import { useWriteSupport } from "../safety/WriteSupport";
import { feedPost, groupApi, groupKeys, prependFeedPost, updateFeedPost, useGroupFeed, type Group, type GroupPost } from "./api";
import { GROUP_POST_MAX } from "./constants";
import { GroupPostCard } from "./GroupPostCard";
import { groupProblem } from "./problems";

export function GroupFeed({ group }: { group: Group }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feed = useGroupFeed(group.slug, true);
  const now = useNow();
  const listRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const posts = feed.data?.pages.flatMap((p) => p.items) ?? [];
  useScrollToPost(!feed.isPending);
  const newPostNote = useLiveFeed(group);

  async function loadMore() {
    const before = posts.length;
    await feed.fetchNextPage();
    requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLElement>(":scope > .post")[before]?.focus());
  }

  async function onDelete(post: GroupPost) {
    setError(null);
    setStatus(null);
    try {
      await groupApi.deletePost(group.slug, post.id);
      updateFeedPost(queryClient, group.slug, post.id, () => null);
      setStatus(t("groups.feed.deleted"));
      headingRef.current?.focus();
    } catch (err) {
      setError(groupProblem(t, err));
    }
  }

  return (
    <section className="group-feed stack" aria-labelledby="group-feed-title">
      <div>
        <h2 id="group-feed-title" ref={headingRef} tabIndex={-1}>
          {t("groups.feed.title")}
        </h2>
        <p className="muted">{t("groups.feed.lead")}</p>
      </div>
      {group.can.post ? (
        <Composer
          group={group}
          onPosted={(post) => {
            if (feed.data) prependFeedPost(queryClient, group.slug, post);
            else void queryClient.invalidateQueries({ queryKey: groupKeys.feed(group.slug) });
          }}
        />
      ) : null}
      <FormSuccess message={status} />
      <FormAlert message={error} />
      {/* Someone else's new post appears at the top of the list; this says so, without moving the page. */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {newPostNote}
      </p>
      {feed.isPending ? <Loading /> : null}
      {feed.isError ? <QueryError error={feed.error} /> : null}
      {feed.data && posts.length === 0 ? (
        <p className="card muted">{group.can.post ? t("groups.feed.empty") : t("groups.feed.emptyReadOnly")}</p>
      ) : null}
      {posts.length > 0 ? (
        <div className="post-list" ref={listRef}>
          {posts.map((post) => (
            <GroupPostCard key={post.id} slug={group.slug} post={post} now={now} onDelete={(p) => void onDelete(p)} />
          ))}
        </div>
      ) : null}
      {feed.hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={feed.isFetchingNextPage}
            onClick={() => void loadMore()}
          >
            {feed.isFetchingNextPage ? t("common.loading") : t("groups.feed.loadMore")}
          </button>
        </div>
      ) : null}
      {feed.isFetchNextPageError ? <QueryError error={feed.error} /> : null}
    </section>
  );
}

/**
 * Reads the feed again whenever it changes for the people in the group (a post,
 * a reaction, a removal); the event names ids only. Returns a polite note when
 * a post from someone else has arrived.
 */
function useLiveFeed(group: Group): string {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const readAgain = () => queryClient.invalidateQueries({ queryKey: groupKeys.feed(group.slug) });
  useRoom(
    `group:${group.id}`,
    "group:feed",
    (event) => {
      if (event.groupId !== group.id) return;
      const isNew = event.kind === "created" && !feedPost(queryClient, group.slug, event.postId);
      void readAgain().then(() => {
        const post = feedPost(queryClient, group.slug, event.postId);
        // Only the author is sent a post's Markdown: that marks one's own post, which needs no note.
        if (isNew && post && post.markdown === null) {
          // Emptied first, so that a second new post is announced again.
          setNote("");
          requestAnimationFrame(() => setNote(t("groups.feed.newPost")));
        }
      });
    },
    () => void readAgain(),
  );
  return note;
}

function Composer({ group, onPosted }: { group: Group; onPosted: (post: GroupPost) => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const [announcement, setAnnouncement] = useState(false);
  const [posted, setPosted] = useState(false);
  const { errors, formError, busy, submit } = useFormSubmit<{ body?: string; announcement?: string }>();
  const showSupport = useWriteSupport();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPosted(false);
    const trimmed = body.trim();
    const checked = {
      body: !trimmed
        ? t("groups.feed.bodyEmpty")
        : trimmed.length > GROUP_POST_MAX
          ? t("validation.tooLong", { max: GROUP_POST_MAX.toLocaleString() })
          : undefined,
    };
    await submit(
      event.currentTarget,
      checked,
      async () => {
        const { post, support } = await groupApi.post(group.slug, {
          body,
          announcement: announcement && group.can.announce,
        });
        setBody("");
        setAnnouncement(false);
        setPosted(true);
        onPosted(post);
        // Posted as normal; if the words may come from a hard place, their author is offered help, privately.
        showSupport(support, "post");
      },
      { alsoFromServer: ["announcement"] },
    );
  }

  return (
    <form className="form card group-composer" onSubmit={onSubmit} noValidate aria-labelledby="group-composer-title">
      <h3 id="group-composer-title">{t("groups.feed.composer")}</h3>
      <FormAlert message={formError} />
      <FormSuccess message={posted ? t("groups.feed.posted") : null} />
      <TextAreaField
        id="group-post-body"
        label={t("groups.feed.body")}
        hint={<MarkdownHint />}
        name="body"
        rows={4}
        maxLength={GROUP_POST_MAX}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          if (posted) setPosted(false);
        }}
        error={errors.body}
      />
      {group.can.announce ? (
        <CheckboxField
          label={t("groups.feed.announce")}
          hint={t("groups.feed.announceHint")}
          checked={announcement}
          onChange={(e) => setAnnouncement(e.target.checked)}
          error={errors.announcement}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("groups.feed.posting") : t("groups.feed.submit")}
        </button>
      </div>
    </form>
  );
}

/** Arriving at /groups/x#post-<id>: once the feed is on screen, go to that post. */
function useScrollToPost(ready: boolean) {
  const location = useLocation();
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!ready) return;
    const match = /^#(post-[\w-]+)$/.exec(location.hash);
    const key = `${location.key}${location.hash}`;
    if (!match || handled.current === key) return;
    const post = document.getElementById(match[1]!);
    if (!post) return;
    handled.current = key;
    post.scrollIntoView({ block: "start" });
    post.focus({ preventScroll: true });
  });
}

/** What a post may contain (the forums' Markdown; group posts do not notify @mentions). */
function MarkdownHint() {
  const { t } = useTranslation();
  return (
    <>
      {t("forums.form.markdownHint")} <code>**{t("forums.form.bold")}**</code>, <code>*{t("forums.form.italic")}*</code>
      , <code>&gt; {t("forums.form.quote")}</code>, <code>- {t("forums.form.list")}</code>.
    </>
  );
}
