import { useTranslation } from "react-i18next";

/** What a post may contain, in one short line under the text box. */
export function MarkdownHint() {
  const { t } = useTranslation();
  return (
    <>
      {t("forums.form.markdownHint")} <code>**{t("forums.form.bold")}**</code>, <code>*{t("forums.form.italic")}*</code>
      , <code>&gt; {t("forums.form.quote")}</code>, <code>- {t("forums.form.list")}</code>.{" "}
      {t("forums.form.mentionHint")}
    </>
  );
}
