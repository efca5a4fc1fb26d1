// The moderators' queue of flagged posts, most severe first, then oldest: what
// was flagged and why, and the three ways to settle it.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Dialog, DialogTrigger, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { FormAlert, FormSuccess } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { problemMessage } from "../components/errors";
import { useMe } from "../features/accounts/api";
import { forumApi, forumKeys, useFlagQueue, type FlaggedPost } from "../features/forums/api";
import { ForumsGate } from "../features/forums/ForumsGate";
import { HideForm, RestorePostButton } from "../features/forums/ModeratorPostTools";
import { currentLocale } from "../i18n/i18n";
import { fullTime, relativeTime, useNow } from "../features/notifications/time";
import { ForumBreadcrumbs } from "../features/forums/ForumBreadcrumbs";

export default function ForumModerationPage() {
  return (
    <ForumsGate>
      <Moderation />
    </ForumsGate>
  );
}

function Moderation() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const queue = useFlagQueue();
  const [status, setStatus] = useState<string | null>(null);
  const refused = queue.error instanceof ApiError && queue.error.status === 403;
  const awaiting2fa = me.rolesAwaitingTwoFactor.some((r) => r === "moderator" || r === "admin");

  return (
    <div className="moderation-page stack">
      <ForumBreadcrumbs />
      <PageHeading title={t("forums.mod.queueTitle")} lead={t("forums.mod.queueLead")} />
      <FormSuccess message={status} />
      {queue.isPending ? <Loading /> : null}
      {refused ? (
        <Notice tone="info">
          {awaiting2fa ? (
            <>
              {t("forums.mod.needsTwoFactor")} <Link to="/settings#two-factor">{t("home.twoFactorLink")}</Link>
            </>
          ) : (
            t("forums.mod.notAllowed")
          )}
        </Notice>
      ) : queue.isError ? (
        <QueryError error={queue.error} />
      ) : null}
      {queue.data && queue.data.items.length === 0 ? (
        <div className="card empty-state">
          <span className="empty-state-mark" aria-hidden="true" />
          <h2 className="h3">{t("forums.mod.emptyTitle")}</h2>
          <p>{t("forums.mod.emptyBody")}</p>
        </div>
      ) : null}
      {queue.data && queue.data.items.length > 0 ? (
        <ol className="flag-queue">
          {queue.data.items.map((item) => (
            <FlaggedItem key={item.postId} item={item} onSettled={setStatus} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function FlaggedItem({ item, onSettled }: { item: FlaggedPost; onSettled: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `flag-${item.postId}`;

  function settled(outcome: "hidden" | "kept") {
    onSettled(
      outcome === "kept"
        ? t("forums.mod.kept", { title: item.topicTitle })
        : t("forums.mod.hidden", { title: item.topicTitle }),
    );
    void queryClient.invalidateQueries({ queryKey: forumKeys.flags });
    void queryClient.invalidateQueries({ queryKey: forumKeys.topic(item.topicId) });
  }

  async function resolve(outcome: "hidden" | "kept") {
    setBusy(true);
    setError(null);
    try {
      await forumApi.resolveFlags(item.postId, outcome);
      settled(outcome);
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`card flag-item flag-${item.severity}`} aria-labelledby={headingId}>
      <div className="flag-head">
        <h2 className="h4" id={headingId}>
          <Link to={`/forums/t/${encodeURIComponent(item.topicId)}?from=${item.postNumber}#post-${item.postNumber}`}>
            {t("forums.mod.postIn", { number: item.postNumber, title: item.topicTitle })}
          </Link>
        </h2>
        <span className={item.severity === "crisis_concern" ? "chip chip-crisis" : "chip"}>
          {t(`forums.flag.reasons.${item.severity}`)}
        </span>
      </div>
      <p className="muted small">
        {t("forums.mod.firstFlagged")}{" "}
        <time dateTime={item.firstFlaggedAt} title={fullTime(item.firstFlaggedAt, locale)}>
          {relativeTime(item.firstFlaggedAt, now, locale, t("notifications.justNow"))}
        </time>
        {item.state !== "visible"
          ? ` · ${item.state === "hidden_by_moderator" ? t("forums.post.hiddenByModerator") : t("forums.post.removedByAuthor")}`
          : null}
      </p>
      {/* The excerpt is plain text from the server; shown as text. */}
      <blockquote className="flag-excerpt">{item.excerpt}</blockquote>
      <ul className="flag-reasons" aria-label={t("forums.mod.flagsLabel")}>
        {item.flags.map((flag) => (
          <li key={flag.id}>
            <strong>{t(`forums.flag.reasons.${flag.reason}`)}</strong>
            {flag.note ? <span className="flag-note"> — “{flag.note}”</span> : null}
            <span className="muted small">
              {" "}
              · {relativeTime(flag.createdAt, now, locale, t("notifications.justNow"))}
            </span>
          </li>
        ))}
      </ul>
      <FormAlert message={error} />
      <div className="button-row button-row-tight">
        {item.state === "visible" ? (
          <DialogTrigger>
            <Button className="button button-primary button-small" isDisabled={busy}>
              {t("forums.mod.hide")}
            </Button>
            <ModalOverlay className="modal-overlay" isDismissable>
              <Modal className="modal modal-small">
                <Dialog className="dialog">
                  {({ close }) => (
                    <HideForm
                      post={{ id: item.postId }}
                      onCancel={close}
                      onDone={() => {
                        close();
                        // Hiding settles the post's open flags on the server as "hidden".
                        settled("hidden");
                      }}
                    />
                  )}
                </Dialog>
              </Modal>
            </ModalOverlay>
          </DialogTrigger>
        ) : null}
        {item.state === "hidden_by_moderator" ? (
          <>
            <RestorePostButton post={{ id: item.postId }} onDone={() => void resolve("kept")} />
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={busy}
              onClick={() => void resolve("hidden")}
            >
              {t("forums.mod.keepHidden")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() => void resolve("kept")}
          >
            {t("forums.mod.keep")}
          </button>
        )}
      </div>
    </li>
  );
}
