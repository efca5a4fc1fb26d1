// The bell in the header: how many notifications are unread, kept live by the
// socket, and a polite announcement when a new one arrives.
import type { Notification } from "@kindred/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { useUnreadCount } from "./api";
import { useNotificationSocket } from "./realtime";
import { BellIcon } from "../../components/icons";

/** How long an announcement stays in the live region before it is cleared. */
const ANNOUNCE_MS = 8_000;
/** How often to ask for the count while there is no live connection. */
const POLL_MS = 2 * 60_000;

export function NotificationBell({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState("");
  const [fresh, setFresh] = useState(false);

  const live = useNotificationSocket(userId, (notification: Notification) => {
    setAnnouncement(t("notifications.announce", { text: notification.text }));
    setFresh(true);
  });
  const count = useUnreadCount(live ? false : POLL_MS).data ?? 0;

  useEffect(() => {
    if (!announcement) return;
    const timer = window.setTimeout(() => setAnnouncement(""), ANNOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [announcement]);

  // A gentle, one-off pulse of the badge when something arrives (none with reduced motion).
  useEffect(() => {
    if (!fresh) return;
    const timer = window.setTimeout(() => setFresh(false), 1_200);
    return () => window.clearTimeout(timer);
  }, [fresh]);

  const label = count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell");
  const shown = count > 99 ? "99+" : String(count);

  return (
    <>
      <NavLink
        to="/notifications"
        className="button button-quiet bell"
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        data-live={live}
      >
        <BellIcon />
        {count > 0 ? (
          <span
            className={fresh ? "bell-count bell-count-fresh" : "bell-count"}
            aria-hidden="true"
            data-testid="notification-count"
          >
            {shown}
          </span>
        ) : null}
      </NavLink>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </>
  );
}
