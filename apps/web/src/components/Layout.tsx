import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { accountApi, useConfig, useMe, useSession } from "../features/accounts/api";
import { useChangeLocale } from "../features/accounts/useLocale";
import { MessagesNavLink } from "../features/messages/MessagesNavLink";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { isModerationStaff } from "../features/moderation/staff";
import { isOnCallTeam } from "../features/safety/api";
import { WriteSupportProvider } from "../features/safety/WriteSupport";
import { currentLocale } from "../i18n/i18n";
import { GetHelpButton } from "./GetHelpDialog";
import { GlobeIcon, MenuIcon } from "./icons";

export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const me = useMe().data ?? null;
  const config = useConfig().data;
  const isAdmin = me?.roles.includes("admin") ?? false;
  const onCall = isOnCallTeam(me);
  const moderates = me?.status === "active" && isModerationStaff(me);
  useRouteFocus();

  // Any navigation (even to the same page, as after signing out) closes the phone menu.
  useEffect(() => setMenuOpen(false), [location.key]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className={me ? "header-inner header-inner-bell" : "header-inner"}>
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{config?.name ?? "Kindred"}</span>
          </Link>
          <div className="header-help">
            <GetHelpButton />
          </div>
          {/* Notifications open once an account is active (the server refuses them before). */}
          {me?.status === "active" ? <NotificationBell key={me.id} userId={me.id} /> : null}
          <button
            type="button"
            className="button button-quiet menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MenuIcon open={menuOpen} />
            <span>{t("nav.menu")}</span>
          </button>
          <nav id="site-nav" className={menuOpen ? "site-nav open" : "site-nav"} aria-label={t("nav.label")}>
            <ul className="nav-links">
              <li>
                <NavLink to="/" end>
                  {t("nav.home")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/groups">{t("nav.groups")}</NavLink>
              </li>
              <li>
                <NavLink to="/meetings">{t("nav.meetings")}</NavLink>
              </li>
              {me ? (
                <>
                  {/* The forums open once an account is active (the server refuses them before). */}
                  {me.status === "active" ? (
                    <>
                      <li>
                        <NavLink to="/forums">{t("nav.forums")}</NavLink>
                      </li>
                      <li>
                        <MessagesNavLink key={me.id} />
                      </li>
                    </>
                  ) : null}
                  {onCall ? (
                    <li>
                      <NavLink to="/safety">{t("nav.safety")}</NavLink>
                    </li>
                  ) : null}
                  {moderates ? (
                    <li>
                      <NavLink to="/moderation">{t("nav.moderation")}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/profile">{t("nav.profile")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/settings">{t("nav.settings")}</NavLink>
                  </li>
                  {isAdmin ? (
                    <li>
                      <NavLink to="/admin">{t("nav.admin")}</NavLink>
                    </li>
                  ) : null}
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/sign-in">{t("nav.signIn")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/sign-up">{t("nav.signUp")}</NavLink>
                  </li>
                </>
              )}
            </ul>
            <div className="nav-tools">
              <LanguageSwitch />
              {me ? <SignOutButton /> : null}
            </div>
          </nav>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {/* The help panel after a write lives above the pages, so it stays open across a move to a new page. */}
        <WriteSupportProvider>
          <Outlet />
        </WriteSupportProvider>
      </main>
      <footer className="site-footer">
        <p>{t("footer.peerSupport")}</p>
        <p>{t("footer.privacy")}</p>
      </footer>
    </div>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const changeLocale = useChangeLocale();
  const other = currentLocale() === "es" ? "en" : "es";
  return (
    <button type="button" className="button button-quiet lang-switch" lang={other} onClick={() => changeLocale(other)}>
      <GlobeIcon />
      <span>{t("nav.switchTo")}</span>
    </button>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button-secondary"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await accountApi.signOut();
        } catch {
          // Signed out already, or the server is away: either way forget the session here.
        }
        // Leave the page first (synchronously, not as a transition): a signed-in-only
        // page still on screen would otherwise send us to "Sign in".
        await navigate("/", { state: { signedOut: true }, flushSync: true });
        session.signedOut();
        setBusy(false);
      }}
    >
      {t("nav.signOut")}
    </button>
  );
}

/**
 * After a client-side navigation, move focus to the new page's heading so
 * keyboard and screen-reader users start at the top of what changed.
 */
function useRouteFocus() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      // A link to a section (/settings#two-factor) lands on that section; otherwise on the page's heading.
      const section = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      const target = section ?? document.querySelector<HTMLElement>("#main h1");
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      }
      if (section) section.scrollIntoView({ block: "start" });
      else window.scrollTo(0, 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [location.pathname, location.hash]);
}
