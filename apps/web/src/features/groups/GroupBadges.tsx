// Small labels a group carries everywhere it is shown: who can find and join it,
// what it is about, its language, and where the reader stands in it.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { EyeIcon, LockIcon, PersonIcon } from "../../components/icons";
import { currentLocale } from "../../i18n/i18n";
import type { Group } from "./api";
import type { GroupFocus, GroupVisibility } from "./constants";

export function VisibilityBadge({ visibility }: { visibility: GroupVisibility }) {
  const { t } = useTranslation();
  return (
    <span className={`chip group-visibility group-visibility-${visibility}`}>
      {visibility === "public" ? <EyeIcon /> : <LockIcon />}
      {t(`groups.visibility.${visibility}`)}
    </span>
  );
}

export function FocusChips({ focus, label }: { focus: GroupFocus[]; label?: string }) {
  const { t } = useTranslation();
  if (focus.length === 0) return null;
  return (
    <ul className="tags group-focus" aria-label={label ?? t("groups.focusLabel")}>
      {focus.map((f) => (
        <li key={f} className="tag">
          {t(`groups.focus.${f}`)}
        </li>
      ))}
    </ul>
  );
}

/** "English", "Spanish": the language's own name in the reader's language, for any code the server sends. */
export function languageName(t: TFunction, code: string): string {
  if (code === "en" || code === "es") return t(`groups.languages.${code}`);
  try {
    return new Intl.DisplayNames([currentLocale()], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Where the reader stands: nothing when they are not in it. */
export function MembershipBadge({ membership }: { membership: Group["membership"] }) {
  const { t } = useTranslation();
  if (membership === "none") return null;
  const tone = membership === "requested" || membership === "invited" ? "badge badge-pending" : "badge";
  return (
    <span className={`${tone} group-membership`}>
      {membership === "member" || membership === "facilitator" ? <PersonIcon /> : null}
      {t(`groups.membership.${membership}`)}
    </span>
  );
}

/** Members, language and visibility on one wrapping line. */
export function GroupFacts({ group }: { group: Group }) {
  const { t } = useTranslation();
  return (
    <p className="group-facts">
      <VisibilityBadge visibility={group.visibility} />
      <span>{t("groups.memberCount", { count: group.memberCount })}</span>
      <span>{t("groups.language", { language: languageName(t, group.language) })}</span>
    </p>
  );
}
