import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Fieldset, FormAlert, FormSuccess } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { useFormSubmit } from "../../components/useFormSubmit";
import { forumApi, forumKeys, useForumPreferences, type ForumPreferences } from "./api";
import { CONTENT_WARNINGS, type ContentWarning } from "./constants";

/** Which content warnings fold a post away until the reader chooses to open it. */
export function ForumPreferencesSection() {
  const { t } = useTranslation();
  const prefs = useForumPreferences();
  return (
    <section className="card stack" aria-labelledby="forum-prefs-title" id="forum-preferences">
      <h2 id="forum-prefs-title">{t("forums.prefs.title")}</h2>
      <p>{t("forums.prefs.intro")}</p>
      {prefs.isPending ? <Loading /> : null}
      {prefs.isError ? <QueryError error={prefs.error} /> : null}
      {prefs.data ? <PreferencesForm prefs={prefs.data} /> : null}
    </section>
  );
}

function PreferencesForm({ prefs }: { prefs: ForumPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [collapse, setCollapse] = useState<ContentWarning[]>(prefs.collapseWarnings);
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, formError, busy, submit } = useFormSubmit<{ collapseWarnings?: string }>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    await submit(
      event.currentTarget,
      {},
      async () => {
        const result = await forumApi.savePreferences({ collapseWarnings: collapse });
        queryClient.setQueryData(forumKeys.preferences, result);
        // Whether a post arrives folded is decided by the server from these choices.
        void queryClient.invalidateQueries({ queryKey: ["forums", "topic"] });
        setSaved(t("forums.prefs.saved"));
      },
      { alsoFromServer: ["collapseWarnings"] },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <Fieldset legend={t("forums.prefs.legend")} error={errors.collapseWarnings}>
        <div className="check-grid">
          {CONTENT_WARNINGS.map((warning) => (
            <CheckboxField
              key={warning}
              label={t(`forums.warnings.${warning}`)}
              checked={collapse.includes(warning)}
              onChange={(e) => {
                setSaved(null);
                setCollapse((list) => (e.target.checked ? [...list, warning] : list.filter((w) => w !== warning)));
              }}
            />
          ))}
        </div>
      </Fieldset>
      <FormSuccess message={saved} />
      <div className="button-row">
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? t("common.saving") : t("forums.prefs.save")}
        </button>
      </div>
    </form>
  );
}
