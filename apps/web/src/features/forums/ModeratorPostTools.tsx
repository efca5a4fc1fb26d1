// A moderator's tools on one post: who wrote an anonymous post (recorded in the
// audit log), its edit history, and hiding or restoring it with a reason.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormAlert, TextAreaField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { problemMessage } from "../../components/errors";
import { useFormSubmit } from "../../components/useFormSubmit";
import { currentLocale } from "../../i18n/i18n";
import { fullTime } from "../notifications/time";
import { moderationKeys } from "../moderation/api";
import { forumApi, replacePost, useRevisions, type Author, type Post } from "./api";
import { authorLabel } from "./AuthorName";

export function ModeratorPostTools({ post }: { post: Post }) {
  const { t } = useTranslation();
  return (
    <details className="disclosure mod-tools">
      <summary>{t("forums.mod.tools")}</summary>
      <div className="stack-sm">
        {post.anonymous && !post.author ? <RevealAuthor postId={post.id} /> : null}
        <div className="button-row button-row-tight">
          {post.editedAt ? <EditHistoryDialog postId={post.id} /> : null}
          {post.state === "visible" ? <HidePostDialog post={post} /> : null}
          {post.state === "hidden_by_moderator" ? <RestorePostButton post={post} /> : null}
        </div>
      </div>
    </details>
  );
}

/** Shows the pseudonym behind an anonymous post only when asked; the server records each look. */
export function RevealAuthor({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const [author, setAuthor] = useState<Author | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      setAuthor(await forumApi.revealAuthor(postId));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  if (author) {
    return (
      <p className="revealed-author" role="status">
        {t("forums.mod.writtenBy")}{" "}
        <Link to={`/members/${encodeURIComponent(author.pseudonym)}`}>
          <strong>{author.pseudonym}</strong>
        </Link>
        . <span className="muted">{t("forums.mod.revealRecorded")}</span>
      </p>
    );
  }
  return (
    <div className="stack-sm">
      <p className="field-hint">{t("forums.mod.revealHint")}</p>
      <FormAlert message={error} />
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={() => void reveal()}
      >
        {t("forums.mod.reveal")}
      </button>
    </div>
  );
}

function EditHistoryDialog({ postId }: { postId: string }) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-secondary button-small">{t("forums.mod.history")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">
                  {t("forums.mod.historyTitle")}
                </Heading>
                <Revisions postId={postId} />
                <div className="button-row">
                  <Button className="button button-secondary" onPress={close}>
                    {t("common.close")}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function Revisions({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const revisions = useRevisions(postId, true);
  if (revisions.isPending) return <Loading />;
  if (revisions.isError) return <QueryError error={revisions.error} />;
  if (revisions.data.items.length === 0) return <p className="muted">{t("forums.mod.noRevisions")}</p>;
  return (
    <ol className="revision-list">
      {revisions.data.items.map((revision, index) => (
        <li key={`${revision.editedAt}-${index}`} className="revision">
          <p className="revision-meta">
            <time dateTime={revision.editedAt}>{fullTime(revision.editedAt, locale)}</time>
            {" · "}
            {authorLabel(t, revision.editor, false)}
            {revision.contentWarning
              ? ` · ${t("forums.warningChip", { label: t(`forums.warnings.${revision.contentWarning}`) })}`
              : null}
          </p>
          {/* The Markdown as it was written, shown as text. */}
          <pre className="revision-text">{revision.markdown}</pre>
        </li>
      ))}
    </ol>
  );
}

function HidePostDialog({ post }: { post: Post }) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-secondary button-small">{t("forums.mod.hide")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-small">
          <Dialog className="dialog">{({ close }) => <HideForm post={post} onDone={close} onCancel={close} />}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** Hiding needs a reason: it goes to the moderation record, never onto the page. */
export function HideForm({
  post,
  onDone,
  onCancel,
}: {
  post: Pick<Post, "id">;
  onDone: (hidden: Post) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { errors, formError, busy, submit } = useFormSubmit<{ reason?: string }>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    const checked = {
      reason: !reason
        ? t("validation.required")
        : reason.length > 500
          ? t("validation.tooLong", { max: 500 })
          : undefined,
    };
    await submit(event.currentTarget, checked, async () => {
      const hidden = await forumApi.hide(post.id, reason);
      replacePost(queryClient, hidden);
      void queryClient.invalidateQueries({ queryKey: moderationKeys.queue });
      onDone(hidden);
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Heading slot="title" level={2} className="dialog-title">
        {t("forums.mod.hideTitle")}
      </Heading>
      <p>{t("forums.mod.hideIntro")}</p>
      <FormAlert message={formError} />
      <TextAreaField label={t("forums.mod.reason")} name="reason" rows={3} maxLength={500} error={errors.reason} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("forums.mod.hideConfirm")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function RestorePostButton({ post, onDone }: { post: Pick<Post, "id">; onDone?: (restored: Post) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const restored = await forumApi.restore(post.id);
            replacePost(queryClient, restored);
            void queryClient.invalidateQueries({ queryKey: moderationKeys.queue });
            onDone?.(restored);
          } catch (err) {
            setError(problemMessage(t, err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t("forums.mod.restore")}
      </button>
      <FormAlert message={error} />
    </>
  );
}
