import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { LockIcon, PinIcon } from "../../components/icons";
import { currentLocale } from "../../i18n/i18n";
import { fullTime, relativeTime, useNow } from "../notifications/time";
import { useTopicList, type TopicSummary } from "./api";
import { AuthorName } from "./AuthorName";
import { ContentWarningChip } from "./ContentWarningChip";

/**
 * Topics of one category (`category` = its slug), or the latest across all with
 * `null`; "Load more" follows the server's cursor and moves focus to the first
 * topic added, so keyboard users continue where the list grew.
 */
export function TopicList({ category, label, empty }: { category: string | null; label: string; empty: string }) {
  const { t } = useTranslation();
  const list = useTopicList(category);
  const listRef = useRef<HTMLUListElement>(null);
  const now = useNow();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const error = list.error;

  async function loadMore() {
    const before = items.length;
    await list.fetchNextPage();
    requestAnimationFrame(() =>
      listRef.current?.querySelectorAll<HTMLElement>(":scope > li .topic-title a")[before]?.focus(),
    );
  }

  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} />;
  if (items.length === 0) return <p className="card muted empty-topics">{empty}</p>;

  return (
    <>
      <ul className="topic-list" aria-label={label} ref={listRef}>
        {items.map((topic) => (
          <TopicRow key={topic.id} topic={topic} now={now} showCategory={category === null} />
        ))}
      </ul>
      {list.hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={list.isFetchingNextPage}
            onClick={() => void loadMore()}
          >
            {list.isFetchingNextPage ? t("common.loading") : t("forums.loadMoreTopics")}
          </button>
        </div>
      ) : null}
      {list.isFetchNextPageError ? <QueryError error={error} /> : null}
    </>
  );
}

function TopicRow({ topic, now, showCategory }: { topic: TopicSummary; now: number; showCategory: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const replies = Math.max(0, topic.postCount - 1);
  const partlyRead = topic.lastReadNumber !== null && topic.unreadCount > 0;
  const unread = topic.isNew || topic.unreadCount > 0;
  return (
    <li className={unread ? "topic-row topic-row-unread" : "topic-row"}>
      <div className="topic-main">
        <h3 className="topic-title">
          {topic.pinned ? (
            <span className="topic-icon" title={t("forums.pinned")}>
              <PinIcon />
              <span className="visually-hidden">{t("forums.pinned")}: </span>
            </span>
          ) : null}
          {topic.locked ? (
            <span className="topic-icon" title={t("forums.locked")}>
              <LockIcon />
              <span className="visually-hidden">{t("forums.locked")}: </span>
            </span>
          ) : null}
          <Link to={`/forums/t/${encodeURIComponent(topic.id)}`}>{topic.title}</Link>
        </h3>
        <p className="topic-meta">
          {topic.held ? <span className="chip chip-held">{t("forums.heldTopic")}</span> : null}
          {topic.isNew && !topic.held ? <span className="badge badge-new">{t("forums.newTopic")}</span> : null}
          {!topic.isNew && topic.unreadCount > 0 ? (
            <span className="badge badge-unread">{t("forums.unreadPosts", { count: topic.unreadCount })}</span>
          ) : null}
          {topic.contentWarning ? <ContentWarningChip warning={topic.contentWarning} /> : null}
          {showCategory ? (
            <Link className="topic-category" to={`/forums/c/${encodeURIComponent(topic.category.slug)}`}>
              {topic.category.name}
            </Link>
          ) : null}
          <span>
            {t("forums.startedBy")} <AuthorName author={topic.author} anonymous={topic.anonymous} />
          </span>
        </p>
        {partlyRead ? (
          <p className="topic-continue">
            <Link to={`/forums/t/${encodeURIComponent(topic.id)}?from=unread`}>
              {t("forums.continueReading")}
              <span className="visually-hidden">: {topic.title}</span>
            </Link>
          </p>
        ) : null}
      </div>
      <p className="topic-stats">
        <span>{t("forums.replies", { count: replies })}</span>
        <span>
          <span className="visually-hidden">{t("forums.lastActivity")} </span>
          <time dateTime={topic.lastPostedAt} title={fullTime(topic.lastPostedAt, locale)}>
            {relativeTime(topic.lastPostedAt, now, locale, t("notifications.justNow"))}
          </time>
        </span>
      </p>
    </li>
  );
}
