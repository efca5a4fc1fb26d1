// Admins shape the forums: categories with a name, a web address (slug), a short
// description, an order, and who may read them (every member, or one role).
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormAlert, FormSuccess, SelectField, TextAreaField, TextField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { useFormSubmit } from "../../components/useFormSubmit";
import { GRANTABLE_ROLES } from "../constants";
import { forumApi, forumKeys, useCategories, type Category } from "../forums/api";
import { CATEGORY_AUDIENCES, type CategoryAudience } from "../forums/constants";
import type { CreateCategory, GrantableRole } from "@kindred/contracts";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function ForumCategoriesPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [status, setStatus] = useState<string | null>(null);
  const items = categories.data?.items ?? [];
  const nextPosition = items.reduce((max, c) => Math.max(max, c.position), -1) + 1;

  const saved = (category: Category) => {
    setStatus(t("admin.forums.saved", { name: category.name }));
    void queryClient.invalidateQueries({ queryKey: forumKeys.all });
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <p>{t("admin.forums.intro")}</p>
        <CategoryDialog
          trigger={t("admin.forums.add")}
          title={t("admin.forums.add")}
          initial={{ position: nextPosition }}
          save={(input) => forumApi.createCategory(input)}
          onSaved={saved}
        />
      </div>
      <FormSuccess message={status} />
      {categories.isPending ? <Loading /> : null}
      {categories.isError ? <QueryError error={categories.error} /> : null}
      {categories.data && items.length === 0 ? <p className="muted">{t("admin.forums.none")}</p> : null}
      {items.length > 0 ? (
        // A list rather than a table, so each category reads well on a phone too.
        <ul className="admin-category-list" aria-label={t("admin.forums.tableLabel")}>
          {items.map((category) => (
            <li key={category.id} className="admin-category">
              <div className="admin-category-text">
                <h3 className="h4">
                  <Link to={`/forums/c/${encodeURIComponent(category.slug)}`}>{category.name}</Link>
                </h3>
                {category.description ? <p className="small">{category.description}</p> : null}
                <dl className="admin-category-facts">
                  <div>
                    <dt>{t("admin.forums.slug")}</dt>
                    <dd>
                      <code>{category.slug}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("admin.forums.audience")}</dt>
                    <dd>
                      {category.audience === "role" && category.role
                        ? t("admin.forums.onlyRole", { role: t(`roles.${category.role}`) })
                        : t("admin.forums.everyMember")}
                    </dd>
                  </div>
                  <div>
                    <dt>{t("admin.forums.position")}</dt>
                    <dd>{category.position}</dd>
                  </div>
                  <div>
                    <dt>{t("admin.forums.topics")}</dt>
                    <dd>{category.topicCount}</dd>
                  </div>
                </dl>
              </div>
              <CategoryDialog
                trigger={
                  <>
                    {t("admin.forums.editShort")}
                    <span className="visually-hidden"> {category.name}</span>
                  </>
                }
                title={t("admin.forums.edit")}
                initial={category}
                small
                save={(input) => forumApi.updateCategory(category.id, input)}
                onSaved={saved}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CategoryDialog({
  trigger,
  title,
  initial,
  save,
  onSaved,
  small = false,
}: {
  trigger: ReactNode;
  title: string;
  initial: Partial<Category>;
  save: (input: CreateCategory) => Promise<Category>;
  onSaved: (category: Category) => void;
  small?: boolean;
}) {
  return (
    <DialogTrigger>
      <Button className={small ? "button button-secondary button-small" : "button button-primary"}>{trigger}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <CategoryForm
                title={title}
                initial={initial}
                save={save}
                onCancel={close}
                onSaved={(category) => {
                  onSaved(category);
                  close();
                }}
              />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

type Errors = { slug?: string; name?: string; description?: string; position?: string; role?: string };

function CategoryForm({
  title,
  initial,
  save,
  onSaved,
  onCancel,
}: {
  title: string;
  initial: Partial<Category>;
  save: (input: CreateCategory) => Promise<Category>;
  onSaved: (category: Category) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const [audience, setAudience] = useState<CategoryAudience>(initial.audience ?? "members");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "").trim();
    const position = Number(get("position") || "0");
    const input: CreateCategory = {
      slug: get("slug"),
      name: get("name"),
      description: get("description"),
      position,
      audience,
      role: audience === "role" ? (get("role") as GrantableRole) : null,
    };
    const checked: Errors = {
      slug:
        !SLUG.test(input.slug) || input.slug.length < 2 || input.slug.length > 60
          ? t("admin.forums.slugInvalid")
          : undefined,
      name:
        input.name.length < 2
          ? t("validation.required")
          : input.name.length > 80
            ? t("validation.tooLong", { max: 80 })
            : undefined,
      description: (input.description ?? "").length > 500 ? t("validation.tooLong", { max: 500 }) : undefined,
      position:
        Number.isInteger(position) && position >= 0 && position <= 10_000
          ? undefined
          : t("validation.between", { min: 0, max: 10_000 }),
      role: audience === "role" && !input.role ? t("validation.required") : undefined,
    };
    await submit(event.currentTarget, checked, async () => onSaved(await save(input)), {
      alsoFromServer: ["audience"],
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Heading slot="title" level={2} className="dialog-title">
        {title}
      </Heading>
      <FormAlert message={formError} />
      <TextField
        label={t("admin.forums.name")}
        name="name"
        defaultValue={initial.name ?? ""}
        maxLength={80}
        error={errors.name}
      />
      <TextField
        label={t("admin.forums.slug")}
        hint={t("admin.forums.slugHint")}
        name="slug"
        defaultValue={initial.slug ?? ""}
        maxLength={60}
        autoCapitalize="none"
        spellCheck={false}
        error={errors.slug}
      />
      <TextAreaField
        label={t("admin.forums.description")}
        name="description"
        optional
        rows={3}
        defaultValue={initial.description ?? ""}
        maxLength={500}
        error={errors.description}
      />
      <TextField
        label={t("admin.forums.position")}
        hint={t("admin.forums.positionHint")}
        name="position"
        type="number"
        inputMode="numeric"
        min={0}
        max={10_000}
        defaultValue={initial.position ?? 0}
        error={errors.position}
      />
      <div className="grid-2">
        <SelectField
          label={t("admin.forums.audience")}
          name="audience"
          value={audience}
          onChange={(e) => setAudience(e.target.value as CategoryAudience)}
        >
          {CATEGORY_AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`admin.forums.audiences.${a}`)}
            </option>
          ))}
        </SelectField>
        {audience === "role" ? (
          <SelectField
            label={t("admin.role")}
            name="role"
            defaultValue={initial.role ?? "facilitator"}
            error={errors.role}
          >
            {GRANTABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      {audience === "role" ? <p className="field-hint">{t("admin.forums.roleHint")}</p> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
