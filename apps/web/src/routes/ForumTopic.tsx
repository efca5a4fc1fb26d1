// One topic: its posts page by page, the reply box, and live replies while open.
import type { ForumTopicEvent } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import {
  forumApi,
  forumKeys,
  refreshForumLists,
  useTopic,
  type Post,
  type TopicFrom,
  type TopicView,
} from "../features/forums/api";
import { authorLabel } from "../features/forums/AuthorName";
import { POSTS_PER_PAGE } from "../features/forums/constants";
import { ForumsGate } from "../features/forums/ForumsGate";
import { PostCard } from "../features/forums/PostCard";
import { htmlToText, quoteMarkdown } from "../features/forums/quote";
import { useTopicRoom } from "../features/forums/realtime";
import { REPLY_BODY_ID, ReplyForm, type ReplyDraft } from "../features/forums/ReplyForm";
import { TopicHeader } from "../features/forums/TopicHeader";
import { TopicPager } from "../features/forums/TopicPager";
import { useNow } from "../features/notifications/time";

export default function ForumTopicPage() {
  return (
    <ForumsGate>
      <TopicRoute />
    </ForumsGate>
  );
}

function parseFrom(raw: string | null): TopicFrom {
  if (raw === "unread") return "unread";
  const n = Math.floor(Number(raw));
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

function TopicRoute() {
  const { topicId = "" } = useParams();
  const [params] = useSearchParams();
  const from = parseFrom(params.get("from"));
  const view = useTopic(topicId, from);
  if (view.isPending) return <Loading />;
  if (view.isError) return <TopicUnavailable error={view.error} />;
  return <Topic key={topicId} topicId={topicId} from={from} view={view.data} settled={!view.isPlaceholderData} />;
}

function TopicUnavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <div className="narrow stack">
      <PageHeading title={missing ? t("forums.topic.missingTitle") : t("forums.title")} />
      {missing ? <Notice tone="info">{t("forums.topic.missingBody")}</Notice> : <QueryError error={error} />}
      <p>
        <Link to="/forums">{t("forums.backToForums")}</Link>
      </p>
    </div>
  );
}

function Topic({
  topicId,
  from,
  view,
  settled,
}: {
  topicId: string;
  from: TopicFrom;
  view: TopicView;
  settled: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const now = useNow();
  const [draft, setDraft] = useState<ReplyDraft>({ body: "", replyTo: null });
  const [liveNote, setLiveNote] = useState<{ number: number } | null>(null);
  // "New" marks stay on the posts that were new when the reader arrived (and those arriving live).
  const [lastReadBefore] = useState(view.topic.lastReadNumber);
  const myPosts = useRef(new Set<number>());
  const topicPath = `/forums/t/${encodeURIComponent(topicId)}`;
  const shown = view.posts.map((p) => p.number);
  const postLink = (n: number) => `${topicPath}?from=${shown.includes(n) && from !== "unread" ? from : n}#post-${n}`;

  // ?from=unread: keep the page by its first post number (reading it would move "unread"),
  // and go to the first post the reader has not read.
  useEffect(() => {
    if (from !== "unread") return;
    const first = view.posts[0]?.number ?? 1;
    queryClient.setQueryData(forumKeys.topicPage(topicId, first), view);
    const lastRead = view.topic.lastReadNumber ?? 0;
    const target = view.posts.find((p) => p.number > lastRead) ?? view.posts.at(-1);
    void navigate(`${topicPath}?from=${first}${target ? `#post-${target.number}` : ""}`, { replace: true });
  }, [from, view, topicId, topicPath, queryClient, navigate]);

  useMarkRead(topicId, view, from);
  useScrollToPost(location, settled);

  const fromRef = useRef(from);
  useEffect(() => {
    fromRef.current = from;
  });
  const live = useTopicRoom(
    topicId,
    (event: ForumTopicEvent) => void onTopicEvent(event),
    () => void queryClient.invalidateQueries({ queryKey: forumKeys.topic(topicId) }),
  );

  async function onTopicEvent(event: ForumTopicEvent) {
    await queryClient.invalidateQueries({ queryKey: forumKeys.topic(topicId) });
    if (event.kind !== "created" || myPosts.current.has(event.postNumber)) return;
    const latest = queryClient.getQueryData<TopicView>(forumKeys.topicPage(topicId, fromRef.current));
    const post = latest?.posts.find((p) => p.number === event.postNumber);
    // One's own reply from another tab or device is not news.
    if (post?.can.edit) return;
    setLiveNote({ number: event.postNumber });
  }

  function quote(post: Post, body: HTMLElement | null) {
    const name = authorLabel(t, post.author, post.anonymous);
    const source = post.markdown ?? (body ? htmlToText(body.innerHTML) : htmlToText(post.html));
    setDraft((d) => ({
      body: (d.body.trim() ? `${d.body.trimEnd()}\n\n` : "") + quoteMarkdown(name, source),
      replyTo: { number: post.number, name },
    }));
    // Continue writing under the quote.
    requestAnimationFrame(() => {
      const box = document.getElementById(REPLY_BODY_ID) as HTMLTextAreaElement | null;
      if (!box) return;
      box.focus({ preventScroll: true });
      box.setSelectionRange(box.value.length, box.value.length);
      box.scrollIntoView({ block: "center" });
    });
  }

  function onPosted(post: Post) {
    myPosts.current.add(post.number);
    refreshForumLists(queryClient);
    const fits = from !== "unread" && view.nextFrom === null && view.posts.length < POSTS_PER_PAGE;
    if (fits) {
      // Shown at once, so the page can move to it; the server's page replaces this when it answers.
      queryClient.setQueryData<TopicView>(forumKeys.topicPage(topicId, from), (v) =>
        v && !v.posts.some((p) => p.id === post.id)
          ? { ...v, posts: [...v.posts, post], topic: { ...v.topic, postCount: v.topic.postCount + 1 } }
          : v,
      );
    }
    void queryClient.invalidateQueries({ queryKey: forumKeys.topic(topicId) });
    if (post.state === "held_for_approval" && post.number < 1) {
      // Waiting for a moderator: it has no number yet and is listed, for its author, after the last post.
      const last = Math.max(1, view.topic.lastPostNumber);
      void navigate(`${topicPath}?from=${fits ? from : last}#post-held-${post.id}`, { replace: fits });
      return;
    }
    void navigate(`${topicPath}?from=${fits ? from : post.number}#post-${post.number}`, { replace: fits });
  }

  function onTopicRemoved() {
    refreshForumLists(queryClient);
    queryClient.removeQueries({ queryKey: forumKeys.topic(topicId) });
    void navigate(`/forums/c/${encodeURIComponent(view.topic.category.slug)}`, { state: { notice: "topicRemoved" } });
  }

  const canQuote = view.can.reply;
  return (
    <div className="topic-page stack" data-live={live}>
      <TopicHeader view={view} />
      <TopicPager
        topicId={topicId}
        previousFrom={view.previousFrom}
        nextFrom={view.nextFrom}
        label={t("forums.topic.pagesTop")}
      />
      <div className="post-list">
        {view.posts.map((post) => (
          <PostCard
            key={post.id}
            post={post}
            now={now}
            lastReadBefore={lastReadBefore}
            postLink={postLink}
            onQuote={canQuote ? quote : undefined}
            onTopicRemoved={onTopicRemoved}
          />
        ))}
      </div>
      <TopicPager
        topicId={topicId}
        previousFrom={view.previousFrom}
        nextFrom={view.nextFrom}
        label={t("forums.topic.pagesBottom")}
      />
      {view.topic.locked ? (
        <Notice tone="info" title={t("forums.topic.lockedTitle")}>
          <p>{view.can.reply ? t("forums.topic.lockedModerator") : t("forums.topic.lockedBody")}</p>
        </Notice>
      ) : null}
      {view.can.reply ? (
        <ReplyForm topicId={topicId} draft={draft} onDraftChange={setDraft} onPosted={onPosted} />
      ) : null}
      <LiveReplyNote note={liveNote} postLink={postLink} onDismiss={() => setLiveNote(null)} />
    </div>
  );
}

/**
 * "New reply", announced politely and shown as a small note at the foot of the
 * screen; the page does not move, the reader chooses whether to go to it.
 */
function LiveReplyNote({
  note,
  postLink,
  onDismiss,
}: {
  note: { number: number } | null;
  postLink: (n: number) => string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="live-note-slot" role="status" aria-live="polite" aria-atomic="true">
      {note ? (
        <div className="live-note">
          <span>{t("forums.topic.newReply")}</span>
          <Link to={postLink(note.number)} onClick={onDismiss}>
            {t("forums.topic.showNewReply")}
          </Link>
          <button type="button" className="link-button live-note-close" onClick={onDismiss}>
            {t("forums.topic.dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Tells the server how far the reader got: the highest post number on the page, once shown. */
function useMarkRead(topicId: string, view: TopicView, from: TopicFrom) {
  const queryClient = useQueryClient();
  const readUpTo = useRef(view.topic.lastReadNumber ?? 0);
  const highest = view.posts.reduce((max, p) => Math.max(max, p.number), 0);
  useEffect(() => {
    if (from === "unread" || highest <= readUpTo.current) return;
    const previous = readUpTo.current;
    readUpTo.current = highest;
    forumApi.markRead(topicId, highest).then(
      () => refreshForumLists(queryClient),
      // Not recorded (e.g. offline): try again when the page next changes.
      () => (readUpTo.current = previous),
    );
  }, [topicId, highest, from, queryClient]);
}

/**
 * A link to #post-N (from search, a notification, "continue where you left off")
 * lands on that post once it is on screen; another page of the topic starts at its first post.
 */
function useScrollToPost(location: ReturnType<typeof useLocation>, settled: boolean) {
  // Arriving without a #post-N stays at the top of the page, like any other page.
  const handled = useRef<string>(location.key);
  useEffect(() => {
    if (!settled) return;
    const match = /^#(post-(?:\d+|held-[\w-]+))$/.exec(location.hash);
    const key = `${location.key}${location.hash}`;
    if (match) {
      if (handled.current === key) return;
      const post = document.getElementById(match[1]!);
      if (!post) return;
      handled.current = key;
      post.scrollIntoView({ block: "start" });
      post.focus({ preventScroll: true });
      return;
    }
    if (handled.current === key) return;
    handled.current = key;
    // Another page of the topic: start reading at its first post.
    const first = document.querySelector<HTMLElement>(".post-list > .post");
    first?.scrollIntoView({ block: "start" });
    first?.focus({ preventScroll: true });
  });
}
