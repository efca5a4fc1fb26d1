import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Notice, PageHeading } from "../../components/Page";
import { RequireAuth } from "../../components/RequireAuth";
import { useMe } from "../accounts/api";

/** Private messages are for active members: others are signed in first, or told kindly why not yet. */
export function MessagesGate({ children }: { children: ReactNode }) {
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
      <PageHeading title={t("messages.title")} />
      <Notice tone="warm">{me.status === "pending" ? t("messages.pendingNote") : t("messages.suspendedNote")}</Notice>
    </div>
  );
}
