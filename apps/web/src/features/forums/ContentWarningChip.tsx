import { useTranslation } from "react-i18next";
import type { ContentWarning } from "./constants";

/** A calm label that a post touches on something hard; never alarming colours. */
export function ContentWarningChip({ warning }: { warning: ContentWarning }) {
  const { t } = useTranslation();
  return (
    <span className="chip chip-warning">{t("forums.warningChip", { label: t(`forums.warnings.${warning}`) })}</span>
  );
}
