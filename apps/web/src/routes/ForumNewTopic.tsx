// Starting a topic: where, a title, what is on one's mind, a content warning if
// it may be hard to read, and whether to post anonymously.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { FormAlert, SelectField, TextAreaField, TextField } from "../components/FormField";
import { AnonymousCheckbox } from "../features/forums/AnonymousCheckbox";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { useFormSubmit } from "../components/useFormSubmit";
import { forumApi, refreshForumLists, useCategories, type Category } from "../features/forums/api";
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, type ContentWarning } from "../features/forums/constants";
import { ContentWarningSelect } from "../features/forums/ContentWarningSelect";
import { ForumsGate } from "../features/forums/ForumsGate";
import { MarkdownHint } from "../features/forums/MarkdownHint";
import { validateBody, validateTitle } from "../features/forums/validation";
import { ForumBreadcrumbs } from "../features/forums/ForumBreadcrumbs";
import { useWriteSupport } from "../features/safety/WriteSupport";

export default function ForumNewTopicPage() {
  return (
    <ForumsGate>
      <NewTopic />
    </ForumsGate>
  );
}

function NewTopic() {
  const { t } = useTranslation();
  const categories = useCategories();
  return (
    <div className="narrow-wide stack">
      <ForumBreadcrumbs />
      <PageHeading title={t("forums.new.title")} lead={t("forums.new.lead")} />
      {categories.isPending ? <Loading /> : null}
      {categories.isError ? <QueryError error={categories.error} /> : null}
      {categories.data ? <NewTopicForm categories={categories.data.items} /> : null}
    </div>
  );
}

type Errors = { categoryId?: string; title?: string; body?: string; contentWarning?: string };

function NewTopicForm({ categories }: { categories: Category[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const asked = params.get("category");
  const [categoryId, setCategoryId] = useState(categories.some((c) => c.id === asked) ? asked! : "");
  const [warning, setWarning] = useState<ContentWarning | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const showSupport = useWriteSupport();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get("title") ?? "");
    const body = String(form.get("body") ?? "");
    const checked: Errors = {
      categoryId: categoryId ? undefined : t("forums.new.chooseCategory"),
      title: validateTitle(t, title),
      body: validateBody(t, body),
    };
    await submit(
      event.currentTarget,
      checked,
      async () => {
        const { topic, support } = await forumApi.createTopic({
          categoryId,
          title: title.trim(),
          body,
          contentWarning: warning,
          anonymous,
        });
        refreshForumLists(queryClient);
        await navigate(`/forums/t/${encodeURIComponent(topic.id)}`);
        // The topic is published as normal; its author may be offered help, privately, over it.
        showSupport(support, "post");
      },
      { alsoFromServer: ["contentWarning", "anonymous"] },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <SelectField
        label={t("forums.new.category")}
        name="categoryId"
        value={categoryId}
        onChange={(e) => setCategoryId(e.target.value)}
        error={errors.categoryId}
      >
        <option value="" disabled>
          {t("forums.new.categoryPlaceholder")}
        </option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("forums.new.titleField")}
        hint={t("forums.new.titleHint")}
        name="title"
        maxLength={MAX_TITLE_LENGTH}
        autoComplete="off"
        error={errors.title}
      />
      <TextAreaField
        label={t("forums.new.body")}
        hint={<MarkdownHint />}
        name="body"
        rows={10}
        maxLength={MAX_BODY_LENGTH}
        error={errors.body}
      />
      <ContentWarningSelect value={warning} onChange={setWarning} error={errors.contentWarning} />
      <AnonymousCheckbox checked={anonymous} onChange={setAnonymous} />
      <div className="button-row">
        <button type="submit" className="button button-primary button-large" disabled={busy}>
          {busy ? t("forums.reply.posting") : t("forums.new.submit")}
        </button>
        <Link to="/forums" className="button button-secondary button-large">
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}
