import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { CalendarIcon, ShieldIcon } from "../../components/icons";

/** The on-call pages' own links under each heading: the alert queue and the rota. */
export function SafetyNav() {
  const { t } = useTranslation();
  return (
    <nav className="forums-nav" aria-label={t("safety.navLabel")}>
      <NavLink className="button button-secondary" to="/safety" end>
        <ShieldIcon />
        {t("safety.queueLink")}
      </NavLink>
      <NavLink className="button button-secondary" to="/safety/rota">
        <CalendarIcon />
        {t("safety.rotaLink")}
      </NavLink>
    </nav>
  );
}
