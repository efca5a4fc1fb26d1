import type { Me } from "@kindred/contracts";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useConfig, useMe } from "../features/accounts/api";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { NextMeetings } from "../features/meetings/NextMeetings";
import { YourGroups } from "../features/groups/YourGroups";

const SERVICES = ["groups", "forums", "oneOnOne", "workshops", "stories", "selfCare"] as const;

export default function Home() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} />;
  return me.data ? <SignedInHome me={me.data} /> : <Welcome />;
}

function Welcome() {
  const { t } = useTranslation();
  const config = useConfig().data;
  const location = useLocation();
  const state = location.state as { signedOut?: boolean; pendingApproval?: boolean } | null;
  return (
    <div className="stack-lg">
      {state?.signedOut ? (
        <div role="status">
          <Notice tone="success">{t("home.signedOut")}</Notice>
        </div>
      ) : null}
      {state?.pendingApproval ? (
        <div role="status">
          <Notice tone="warm" title={t("home.pendingTitle")}>
            <p>{t("home.pendingBody")}</p>
          </Notice>
        </div>
      ) : null}
      <section className="hero">
        <PageHeading title={t("home.welcomeTitle", { name: config?.name ?? "Kindred" })} lead={t("home.welcomeLead")} />
        <p>{t("home.welcomeBody")}</p>
        <div className="button-row">
          <Link className="button button-primary button-large" to="/sign-up">
            {t("home.join")}
          </Link>
          <Link className="button button-secondary button-large" to="/sign-in">
            {t("nav.signIn")}
          </Link>
        </div>
        <p className="muted">{t("home.anonymity")}</p>
      </section>
      <Services />
    </div>
  );
}

function SignedInHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <div className="stack-lg">
      <PageHeading title={t("home.greeting", { pseudonym: me.pseudonym })} lead={t("home.greetingLead")} />
      {me.status === "pending" ? (
        <Notice tone="warm" title={t("home.pendingTitle")}>
          <p>{t("home.pendingBody")}</p>
        </Notice>
      ) : null}
      {me.status === "suspended" ? (
        <Notice tone="info" title={t("home.suspendedTitle")}>
          <p>{t("home.suspendedBody")}</p>
        </Notice>
      ) : null}
      {me.rolesAwaitingTwoFactor.length > 0 ? (
        <Notice tone="info" title={t("home.twoFactorTitle")}>
          <p>
            {t("home.twoFactorBody", {
              roles: me.rolesAwaitingTwoFactor.map((r) => t(`roles.${r}`)).join(", "),
            })}
          </p>
          <p>
            <Link to="/settings#two-factor">{t("home.twoFactorLink")}</Link>
          </p>
        </Notice>
      ) : null}
      {me.status === "active" ? <NextMeetings /> : null}
      {me.status === "active" ? <YourGroups /> : null}
      <Services signedIn active={me.status === "active"} />
    </div>
  );
}

function Services({ signedIn = false, active = false }: { signedIn?: boolean; active?: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="services-title" className="stack">
      <h2 id="services-title">{signedIn ? t("home.servicesTitleSignedIn") : t("home.servicesTitle")}</h2>
      <ul className="cards">
        {SERVICES.map((service) => (
          <li key={service} className="card">
            <h3>{t(`home.services.${service}.title`)}</h3>
            <p>{t(`home.services.${service}.body`)}</p>
            {/* The forums are open already (to active members); the other services are on their way. */}
            {service === "forums" ? (
              active ? (
                <p>
                  <Link to="/forums">{t("home.openForums")}</Link>
                </p>
              ) : null
            ) : service === "groups" ? (
              // Open groups can be browsed by anyone, signed in or not.
              <p>
                <Link to="/groups">{t("groups.home.open")}</Link>
              </p>
            ) : (
              <p className="badge">{t("home.comingSoon")}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
