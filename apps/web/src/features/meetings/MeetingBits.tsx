// Small pieces every meetings page shares: how a meeting meets (mode), its
// status right now, its Meeting Guide types and the time zone times are in.
import { useTranslation } from "react-i18next";
import { currentLocale } from "../../i18n/i18n";
import type { MeetingMode } from "./constants";
import { typeLabel } from "./types";
import { zoneLabel } from "./time";

export function ModeChip({ mode }: { mode: MeetingMode }) {
  const { t } = useTranslation();
  return <span className={`chip meeting-mode meeting-mode-${mode}`}>{t(`meetings.mode.${mode}`)}</span>;
}

/** "Happening now" and "Starting soon": words, not colour alone. */
export function StatusBadge({ status }: { status: "upcoming" | "starting_soon" | "happening_now" }) {
  const { t } = useTranslation();
  if (status === "upcoming") return null;
  return (
    <span className={status === "happening_now" ? "badge meeting-now" : "badge meeting-soon"}>
      {status === "happening_now" ? t("meetings.status.happeningNow") : t("meetings.status.startingSoon")}
    </span>
  );
}

export function ClosedBadge() {
  const { t } = useTranslation();
  return <span className="chip chip-warning">{t("meetings.temporarilyClosed")}</span>;
}

/** The meeting's Meeting Guide types, as labels in the reader's language. */
export function TypeTags({ types, label }: { types: string[]; label?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (types.length === 0) return null;
  return (
    <ul className="tags meeting-types" aria-label={label ?? t("meetings.typesLabel")}>
      {types.map((code) => (
        <li key={code} className="tag tag-quiet">
          {typeLabel(code, locale)}
        </li>
      ))}
    </ul>
  );
}

/** "Times in your time zone (Europe/Madrid)". */
export function ZoneNote({ tz }: { tz: string }) {
  const { t } = useTranslation();
  return <p className="muted meeting-zone-note">{t("meetings.timesInYourZone", { zone: zoneLabel(tz) })}</p>;
}
