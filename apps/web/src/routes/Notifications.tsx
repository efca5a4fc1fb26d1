import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormAlert, FormSuccess } from "../components/FormField";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { problemMessage } from "../components/errors";
import {
  markAllRead,
  markRead,
  safeLink,
  useNotificationList,
  useUnreadCount,
  type Notification,
} from "../features/notifications/api";
import { NOTIFICATION_KINDS } from "../features/notifications/kinds";
import { fullTime, relativeTime, useNow } from "../features/notifications/time";
import { currentLocale } from "../i18n/i18n";
import { ChatIcon, CheckIcon, ChevronIcon, PersonIcon, ShieldIcon, SlidersIcon } from "../components/icons";

export default function NotificationsPage() {
  return (
    <RequireAuth>
      <Notifications />
    </RequireAuth>
  );
}

function Notifications() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useNotificationList(queryClient);
  const unread = useUnreadCount().data ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const now = useNow();

  async function readAll() {
    if (busy || unread === 0) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await markAllRead(queryClient);
      setStatus(t("notifications.allRead"));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function loadMore() {
    const before = items.length;
    await list.fetchNextPage();
    // Keyboard and screen-reader users continue from the first notification that was added.
    requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLElement>(":scope > li")[before]?.focus());
  }

  return (
    <div className="notifications-page stack">
      <PageHeading
        title={t("notifications.title")}
        lead={unread > 0 ? t("notifications.leadUnread", { count: unread }) : t("notifications.lead")}
      />
      <div className="toolbar notifications-toolbar">
        {items.length > 0 ? (
          <button
            type="button"
            className="button button-secondary"
            // aria-disabled rather than disabled, so focus is not lost when everything has been read.
            aria-disabled={busy || unread === 0 ? true : undefined}
            onClick={() => void readAll()}
          >
            <CheckIcon />
            {t("notifications.markAllRead")}
          </button>
        ) : null}
        <Link to="/settings/notifications" className="settings-link">
          <SlidersIcon />
          {t("notifications.settingsLink")}
        </Link>
      </div>
      <FormSuccess message={status} />
      <FormAlert message={error} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} /> : null}
      {list.data && items.length === 0 ? <EmptyState /> : null}
      {items.length > 0 ? (
        <ul className="notification-list" aria-label={t("notifications.listLabel")} ref={listRef}>
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              now={now}
              onRead={() =>
                markRead(queryClient, n.id).catch((err: unknown) => {
                  setStatus(null);
                  setError(problemMessage(t, err));
                })
              }
            />
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={list.isFetchingNextPage}
            onClick={() => void loadMore()}
          >
            {list.isFetchingNextPage ? t("common.loading") : t("notifications.loadMore")}
          </button>
        </div>
      ) : null}
      {list.isFetchNextPageError ? <QueryError error={list.error} /> : null}
    </div>
  );
}

function NotificationItem({
  notification: n,
  now,
  onRead,
}: {
  notification: Notification;
  now: number;
  onRead: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const link = safeLink(n.link);
  const isUnread = !n.readAt;
  const group = NOTIFICATION_KINDS[n.kind]?.group ?? "account";
  const text = (
    <>
      {isUnread ? <span className="visually-hidden">{t("notifications.unreadPrefix")} </span> : null}
      {n.text}
    </>
  );

  return (
    <li className={isUnread ? "notification notification-unread" : "notification"} tabIndex={-1}>
      <span className={`notification-icon notification-icon-${group}`} aria-hidden="true">
        {group === "safety" ? <ShieldIcon /> : group === "messages" ? <ChatIcon /> : <PersonIcon />}
      </span>
      <div className="notification-body">
        <p className="notification-text">
          {link ? (
            <Link to={link} onClick={isUnread ? onRead : undefined} className="notification-link">
              {text}
            </Link>
          ) : (
            text
          )}
        </p>
        <p className="notification-meta">
          {isUnread ? (
            <span className="badge badge-new" aria-hidden="true">
              {t("notifications.new")}
            </span>
          ) : null}
          <time dateTime={n.createdAt} title={fullTime(n.createdAt, locale)}>
            {relativeTime(n.createdAt, now, locale, t("notifications.justNow"))}
          </time>
          {isUnread && !link ? (
            <button type="button" className="link-button notification-mark" onClick={onRead}>
              {t("notifications.markRead")}
            </button>
          ) : null}
        </p>
      </div>
      {link ? <ChevronIcon /> : null}
    </li>
  );
}

function EmptyState() {
  const { t } = useTranslation();
  return (
    <div className="card empty-state">
      <span className="empty-state-mark" aria-hidden="true" />
      <h2 className="h3">{t("notifications.emptyTitle")}</h2>
      <p>{t("notifications.emptyBody")}</p>
      <p className="muted">{t("notifications.emptyHint")}</p>
    </div>
  );
}
