// "Messages" in the main navigation, with a dot while something is unread. It
// also keeps the cached conversations current as messages arrive on the socket,
// wherever in Kindred the person is.
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { useUserEvent } from "../realtime/room";
import { addMessage, hasUnread, messageKeys, useConversations } from "./api";

export function MessagesNavLink() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useConversations();
  const unread = hasUnread(list.data);

  useUserEvent(
    "conversation:message",
    ({ message }) => {
      addMessage(queryClient, message);
      void queryClient.invalidateQueries({ queryKey: messageKeys.list });
    },
    // Back after any reconnection: what was missed is read again.
    () => void queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  );

  return (
    <NavLink to="/messages" className="nav-messages" data-unread={unread}>
      <span>{t("nav.messages")}</span>
      {unread ? (
        <>
          <span className="nav-dot" aria-hidden="true" data-testid="messages-unread-dot" />
          <span className="visually-hidden">{t("nav.messagesUnread")}</span>
        </>
      ) : null}
    </NavLink>
  );
}
