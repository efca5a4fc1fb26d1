import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../accounts/api";
import { Notice, PageHeading } from "../../components/Page";
import { RequireAuth } from "../../components/RequireAuth";

/** The forums are for active members: others are signed in first, or told kindly why not yet. */
export function ForumsGate({ children }: { children: ReactNode }) {
  return (
    <RequireAuth>
      <ActiveOnly>{children}</ActiveOnly>
    </RequireAuth>
  );
}

function ActiveOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  if (me.status === "active") return <>{children}</>;
  return (
    <div className="narrow stack">
      <PageHeading title={t("forums.title")} />
      <Notice tone="warm">{me.status === "pending" ? t("forums.pendingNote") : t("forums.suspendedNote")}</Notice>
    </div>
  );
}
