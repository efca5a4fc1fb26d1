import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { Notice } from "../../components/Page";

/** A confirmation carried over from the page before (e.g. "your topic was deleted"). */
export function RouteNotice() {
  const { t } = useTranslation();
  const state = useLocation().state as { notice?: "topicRemoved" } | null;
  if (state?.notice !== "topicRemoved") return null;
  return (
    <div role="status">
      <Notice tone="success">{t("forums.topic.removed")}</Notice>
    </div>
  );
}
