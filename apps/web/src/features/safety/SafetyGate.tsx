import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Notice, PageHeading } from "../../components/Page";
import { RequireAuth } from "../../components/RequireAuth";
import { useMe } from "../accounts/api";
import { awaitsTwoFactorForOnCall, isOnCallTeam } from "./api";

/** The on-call pages are for moderators, specialists and admins with two-step sign-in on. */
export function SafetyGate({ title, children }: { title: string; children: ReactNode }) {
  return (
    <RequireAuth>
      <OnCallOnly title={title}>{children}</OnCallOnly>
    </RequireAuth>
  );
}

function OnCallOnly({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  if (me.status === "active" && isOnCallTeam(me)) return <>{children}</>;
  return (
    <div className="narrow stack">
      <PageHeading title={title} />
      {awaitsTwoFactorForOnCall(me) ? (
        <Notice tone="info" title={t("home.twoFactorTitle")}>
          <p>{t("safety.needsTwoFactor")}</p>
          <p>
            <Link to="/settings#two-factor">{t("home.twoFactorLink")}</Link>
          </p>
        </Notice>
      ) : (
        <Notice tone="info">{t("safety.notAllowed")}</Notice>
      )}
    </div>
  );
}
