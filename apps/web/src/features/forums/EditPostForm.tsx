import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, TextAreaField } from "../../components/FormField";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useWriteSupport } from "../safety/WriteSupport";
import { forumApi, replacePost, type Post } from "./api";
import { MAX_BODY_LENGTH } from "./constants";
import { ContentWarningSelect } from "./ContentWarningSelect";
import { MarkdownHint } from "./MarkdownHint";
import { validateBody } from "./validation";

/** The author edits their post in place; the Markdown they wrote comes back for it. */
export function EditPostForm({ post, onDone }: { post: Post; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(post.markdown ?? "");
  const [warning, setWarning] = useState(post.contentWarning);
  const { errors, formError, busy, submit } = useFormSubmit<{ body?: string; contentWarning?: string }>();
  const showSupport = useWriteSupport();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit(event.currentTarget, { body: validateBody(t, body) }, async () => {
      const { support, ...edited } = await forumApi.editPost(post.id, { body, contentWarning: warning });
      replacePost(queryClient, edited);
      onDone();
      showSupport(support, "post");
    });
  }

  return (
    <form className="form edit-form" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <TextAreaField
        label={t("forums.edit.body")}
        hint={<MarkdownHint />}
        name="body"
        rows={8}
        maxLength={MAX_BODY_LENGTH}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={errors.body}
        autoFocus
      />
      <ContentWarningSelect value={warning} onChange={setWarning} error={errors.contentWarning} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("forums.edit.save")}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
