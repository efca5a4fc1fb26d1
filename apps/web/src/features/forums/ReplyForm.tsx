import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, TextAreaField } from "../../components/FormField";
import { AnonymousCheckbox } from "./AnonymousCheckbox";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useWriteSupport } from "../safety/WriteSupport";
import { forumApi, type Post } from "./api";
import { MAX_BODY_LENGTH, type ContentWarning } from "./constants";
import { ContentWarningSelect } from "./ContentWarningSelect";
import { MarkdownHint } from "./MarkdownHint";
import { validateBody } from "./validation";

export const REPLY_BODY_ID = "reply-body";

export type ReplyDraft = { body: string; replyTo: { number: number; name: string } | null };

/**
 * The reply box under a topic. Its text lives with the page, so "Quote" on any
 * post can add to it; posting clears it.
 */
export function ReplyForm({
  topicId,
  draft,
  onDraftChange,
  onPosted,
}: {
  topicId: string;
  draft: ReplyDraft;
  onDraftChange: (draft: ReplyDraft) => void;
  onPosted: (post: Post) => void;
}) {
  const { t } = useTranslation();
  const [warning, setWarning] = useState<ContentWarning | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  const { errors, formError, busy, submit } = useFormSubmit<{ body?: string; contentWarning?: string }>();
  const showSupport = useWriteSupport();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit(event.currentTarget, { body: validateBody(t, draft.body) }, async () => {
      const { support, ...post } = await forumApi.reply(topicId, {
        body: draft.body,
        contentWarning: warning,
        anonymous,
        replyToNumber: draft.replyTo?.number ?? null,
      });
      setWarning(null);
      onDraftChange({ body: "", replyTo: null });
      onPosted(post);
      // Posted as normal; if the words may come from a hard place, their author is offered help, privately.
      showSupport(support, "post");
    });
  }

  return (
    <form className="form card reply-form" onSubmit={onSubmit} noValidate aria-labelledby="reply-title">
      <h2 id="reply-title">{t("forums.reply.title")}</h2>
      <FormAlert message={formError} />
      {draft.replyTo ? (
        <p className="replying-to">
          {t("forums.reply.replyingTo", { number: draft.replyTo.number, name: draft.replyTo.name })}{" "}
          <button type="button" className="link-button" onClick={() => onDraftChange({ ...draft, replyTo: null })}>
            {t("forums.reply.notAReply")}
          </button>
        </p>
      ) : null}
      <TextAreaField
        id={REPLY_BODY_ID}
        label={t("forums.reply.body")}
        hint={<MarkdownHint />}
        name="body"
        rows={6}
        maxLength={MAX_BODY_LENGTH}
        value={draft.body}
        onChange={(e) => onDraftChange({ ...draft, body: e.target.value })}
        error={errors.body}
      />
      <ContentWarningSelect value={warning} onChange={setWarning} error={errors.contentWarning} />
      <AnonymousCheckbox checked={anonymous} onChange={setAnonymous} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("forums.reply.posting") : t("forums.reply.submit")}
        </button>
      </div>
    </form>
  );
}
