// One private conversation: its history (earlier messages on request), new
// messages arriving live, and the box to write in. Messages from the support
// team and notes from the moderators are set apart, kindly.
import type { ConversationMessage } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../api/client";
import { FormAlert, TextAreaField } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { HeartIcon, ShieldIcon } from "../components/icons";
import { useFormSubmit } from "../components/useFormSubmit";
import { ReportMessageDialog } from "../features/moderation/ReportDialog";
import { addMessage, messageApi, messageKeys, messagesOf, useConversation } from "../features/messages/api";
import { MessagesGate } from "../features/messages/MessagesGate";
import { fullTime, relativeTime, useNow } from "../features/notifications/time";
import { useUserEvent } from "../features/realtime/room";
import { useWriteSupport } from "../features/safety/WriteSupport";
import { currentLocale } from "../i18n/i18n";

/** The server's longest message. */
const MAX_MESSAGE_LENGTH = 4000;

export default function ConversationPage() {
  return (
    <MessagesGate>
      <ConversationRoute />
    </MessagesGate>
  );
}

function ConversationRoute() {
  const { conversationId = "" } = useParams();
  return <Conversation key={conversationId} id={conversationId} />;
}

function Conversation({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const conversation = useConversation(id);
  const messages = messagesOf(conversation.data);
  const summary = conversation.data?.pages[0]?.conversation;
  const name = summary ? (summary.other?.pseudonym ?? t("messages.someoneGone")) : "";
  const [announcement, setAnnouncement] = useState("");
  const scroller = useRef<HTMLDivElement>(null);
  const stickToEnd = useRef(true);
  const now = useNow();

  // Opening the conversation read it: the list's dots are out of date.
  const loaded = conversation.isSuccess;
  useEffect(() => {
    if (loaded) void queryClient.invalidateQueries({ queryKey: messageKeys.list });
  }, [loaded, queryClient]);

  // A message from the other person while the page is open: said politely, and read.
  useUserEvent("conversation:message", ({ conversationId, message }) => {
    if (conversationId !== id) return;
    // The list keeper (in the navigation) has usually added it already; this is harmless if so.
    addMessage(queryClient, message);
    if (message.mine) return;
    setAnnouncement(t("messages.announce", { name: message.author?.pseudonym ?? name }));
    void messageApi.page(id, null, 1).then(
      () => queryClient.invalidateQueries({ queryKey: messageKeys.list }),
      () => undefined,
    );
  });

  useEffect(() => {
    if (!announcement) return;
    const timer = window.setTimeout(() => setAnnouncement(""), 8_000);
    return () => window.clearTimeout(timer);
  }, [announcement]);

  // The newest message stays in view as messages arrive, unless the reader has scrolled up to read.
  const lastId = messages.at(-1)?.id;
  useLayoutEffect(() => {
    const box = scroller.current;
    if (box && stickToEnd.current) box.scrollTop = box.scrollHeight;
  }, [lastId]);

  // Earlier messages appear above without moving what the reader is looking at.
  const firstId = messages[0]?.id;
  const heightBefore = useRef<number | null>(null);
  useLayoutEffect(() => {
    const box = scroller.current;
    if (box && heightBefore.current !== null) {
      box.scrollTop += box.scrollHeight - heightBefore.current;
      heightBefore.current = null;
    }
  }, [firstId]);

  async function loadEarlier() {
    heightBefore.current = scroller.current?.scrollHeight ?? null;
    await conversation.fetchNextPage();
  }

  if (conversation.isPending) return <Loading />;
  // A failed first load; a failed "earlier messages" or refresh keeps what is on screen.
  if (!conversation.data) return <ConversationUnavailable error={conversation.error} />;

  return (
    <div className="conversation-page stack">
      <nav aria-label={t("messages.breadcrumbs")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/messages">{t("messages.title")}</Link>
          </li>
        </ol>
      </nav>
      <PageHeading title={t("messages.with", { name })} />
      <div className="message-history card">
        <h2 id="history-title" className="visually-hidden">
          {t("messages.historyTitle")}
        </h2>
        <div
          className="message-scroller"
          ref={scroller}
          // Scrollable, so it can be reached and scrolled with the keyboard.
          tabIndex={0}
          role="region"
          aria-label={t("messages.historyLabel", { name })}
          onScroll={(e) => {
            const box = e.currentTarget;
            stickToEnd.current = box.scrollHeight - box.scrollTop - box.clientHeight < 48;
          }}
        >
          {conversation.hasNextPage ? (
            <div className="message-earlier">
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={conversation.isFetchingNextPage}
                onClick={() => void loadEarlier()}
              >
                {conversation.isFetchingNextPage ? t("common.loading") : t("messages.loadEarlier")}
              </button>
            </div>
          ) : messages.length > 0 ? (
            <p className="message-beginning muted small">{t("messages.beginning")}</p>
          ) : null}
          {conversation.isFetchNextPageError ? <QueryError error={conversation.error} /> : null}
          {messages.length === 0 ? (
            <p className="muted message-none">{t("messages.noneYet", { name })}</p>
          ) : (
            <ol className="message-list">
              {messages.map((m) => (
                <MessageItem key={m.id} message={m} now={now} />
              ))}
            </ol>
          )}
        </div>
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {summary?.other ? (
        <Composer
          conversationId={id}
          name={name}
          onSent={() => {
            stickToEnd.current = true;
          }}
        />
      ) : (
        <Notice tone="info">{t("messages.cannotReply")}</Notice>
      )}
    </div>
  );
}

function ConversationUnavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <div className="narrow stack">
      <PageHeading title={missing ? t("messages.missingTitle") : t("messages.title")} />
      {missing ? <Notice tone="info">{t("messages.missingBody")}</Notice> : <QueryError error={error} />}
      <p>
        <Link to="/messages">{t("messages.backToMessages")}</Link>
      </p>
    </div>
  );
}

function MessageItem({ message: m, now }: { message: ConversationMessage; now: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const who = m.mine ? t("messages.you") : (m.author?.pseudonym ?? t("messages.someoneGone"));
  const when = (
    <time dateTime={m.createdAt} title={fullTime(m.createdAt, locale)}>
      {relativeTime(m.createdAt, now, locale, t("notifications.justNow"))}
    </time>
  );

  if (m.kind === "outreach" || m.kind === "warning") {
    const outreach = m.kind === "outreach";
    return (
      <li className={`message message-note message-${m.kind}`} data-kind={m.kind}>
        <p className="message-note-label">
          {outreach ? <HeartIcon /> : <ShieldIcon />}
          <span>{outreach ? t("messages.fromSupportTeam") : t("messages.fromModerators")}</span>
        </p>
        <p className="message-body">{m.body}</p>
        <p className="message-meta">
          {who} · {when}
        </p>
      </li>
    );
  }

  return (
    <li className={m.mine ? "message message-mine" : "message message-theirs"} data-kind={m.kind}>
      <p className="message-meta">
        <span className="message-author">{who}</span> · {when}
      </p>
      <p className="message-body">{m.body}</p>
      {/* The other person's words can be reported to the moderators; the writer is not told. */}
      {!m.mine && m.author ? (
        <div className="message-tools">
          <ReportMessageDialog messageId={m.id} authorName={m.author.pseudonym} />
        </div>
      ) : null}
    </li>
  );
}

function Composer({ conversationId, name, onSent }: { conversationId: string; name: string; onSent: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showSupport = useWriteSupport();
  const [body, setBody] = useState("");
  const { errors, formError, busy, submit } = useFormSubmit<{ body?: string }>();
  const form = useRef<HTMLFormElement>(null);

  async function send(target: HTMLFormElement) {
    const checked = { body: body.trim() ? undefined : t("messages.writeSomething") };
    await submit(target, checked, async () => {
      const sent = await messageApi.send(conversationId, body);
      setBody("");
      onSent();
      addMessage(queryClient, sent.message);
      void queryClient.invalidateQueries({ queryKey: messageKeys.list });
      showSupport(sent.support, "message");
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(event.currentTarget);
  }

  // Ctrl+Enter (⌘+Enter) sends; Enter alone starts a new line, as in any text box.
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && form.current && !busy) {
      event.preventDefault();
      void send(form.current);
    }
  }

  return (
    <form ref={form} className="form card composer" onSubmit={onSubmit} noValidate aria-labelledby="composer-title">
      <h2 id="composer-title" className="visually-hidden">
        {t("messages.composerTitle", { name })}
      </h2>
      <FormAlert message={formError} />
      <TextAreaField
        label={t("messages.yourMessage")}
        hint={t("messages.composerHint")}
        name="body"
        rows={3}
        maxLength={MAX_MESSAGE_LENGTH}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={onKeyDown}
        error={errors.body}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("messages.sending") : t("messages.send")}
        </button>
      </div>
    </form>
  );
}
