// The person's private conversations, the latest first, with a dot on those
// holding something they have not read.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { ChevronIcon } from "../components/icons";
import { useConversations, type ConversationSummary } from "../features/messages/api";
import { MessagesGate } from "../features/messages/MessagesGate";
import { fullTime, relativeTime, useNow } from "../features/notifications/time";
import { currentLocale } from "../i18n/i18n";

export default function MessagesPage() {
  return (
    <MessagesGate>
      <Messages />
    </MessagesGate>
  );
}

function Messages() {
  const { t } = useTranslation();
  const list = useConversations();
  const now = useNow();
  const items = list.data?.items ?? [];
  const unread = items.filter((c) => c.unread).length;

  return (
    <div className="messages-page stack">
      <PageHeading
        title={t("messages.title")}
        lead={unread > 0 ? t("messages.leadUnread", { count: unread }) : t("messages.lead")}
      />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} /> : null}
      {list.data && items.length === 0 ? (
        <div className="card empty-state">
          <span className="empty-state-mark" aria-hidden="true" />
          <h2 className="h3">{t("messages.emptyTitle")}</h2>
          <p>{t("messages.emptyBody")}</p>
        </div>
      ) : null}
      {items.length > 0 ? (
        <ul className="conversation-list" aria-label={t("messages.listLabel")}>
          {items.map((c) => (
            <ConversationRow key={c.id} conversation={c} now={now} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ConversationRow({ conversation: c, now }: { conversation: ConversationSummary; now: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const name = c.other?.pseudonym ?? t("messages.someoneGone");
  return (
    <li className={c.unread ? "conversation-row conversation-unread" : "conversation-row"}>
      <Link to={`/messages/${encodeURIComponent(c.id)}`} className="conversation-link">
        <span className="conversation-main">
          <span className="conversation-name">
            {c.unread ? <span className="unread-dot" aria-hidden="true" /> : null}
            {c.unread ? <span className="visually-hidden">{t("messages.unreadPrefix")} </span> : null}
            {name}
          </span>
          {c.lastExcerpt ? <span className="conversation-excerpt">{c.lastExcerpt}</span> : null}
        </span>
        {c.lastMessageAt ? (
          <time className="conversation-time" dateTime={c.lastMessageAt} title={fullTime(c.lastMessageAt, locale)}>
            {relativeTime(c.lastMessageAt, now, locale, t("notifications.justNow"))}
          </time>
        ) : null}
        <ChevronIcon />
      </Link>
    </li>
  );
}
