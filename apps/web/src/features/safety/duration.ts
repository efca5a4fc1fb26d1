import { useTranslation } from "react-i18next";

/** "45 seconds", "3 minutes", "1 hour 5 minutes": how long something took, in the reader's language. */
export function useDuration() {
  const { t } = useTranslation();
  return (seconds: number) => {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return t("safety.duration.seconds", { count: s });
    const minutes = Math.round(s / 60);
    if (minutes < 60) return t("safety.duration.minutes", { count: minutes });
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0
      ? t("safety.duration.hours", { count: hours })
      : `${t("safety.duration.hours", { count: hours })} ${t("safety.duration.minutes", { count: rest })}`;
  };
}
