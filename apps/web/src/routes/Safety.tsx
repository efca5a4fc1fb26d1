// The on-call view: who is on call now, and the alert queue as the server
// orders it (most urgent tier first, then the longest waiting), kept live by the
// room safety:queue. A notification's link (?alert=<id>) lands on its alert.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Tab, TabList, TabPanel, Tabs, type Key } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { FormSuccess } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { useNow } from "../features/notifications/time";
import { useRoom } from "../features/realtime/room";
import { AlertCard } from "../features/safety/AlertCard";
import { safetyKeys, useAlerts, type Alert, type AlertStatus } from "../features/safety/api";
import { OnCallNow } from "../features/safety/OnCallNow";
import { SafetyGate } from "../features/safety/SafetyGate";
import { SafetyNav } from "../features/safety/SafetyNav";

export default function SafetyPage() {
  const { t } = useTranslation();
  return (
    <SafetyGate title={t("safety.title")}>
      <Safety />
    </SafetyGate>
  );
}

/** How often "5 minutes ago" is brought up to date on an open queue. */
const NOW_EVERY_MS = 30_000;

function Safety() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status: AlertStatus = params.get("status") === "resolved" ? "resolved" : "active";
  const highlight = params.get("alert");
  const active = useAlerts("active");
  const resolved = useAlerts("resolved", status === "resolved");
  const [message, setMessage] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const now = useNow(NOW_EVERY_MS);

  const live = useRoom(
    "safety:queue",
    "safety:alert",
    (event) => {
      void queryClient.invalidateQueries({ queryKey: safetyKeys.alerts });
      if (event.change === "new") setAnnouncement(t("safety.announceNew"));
      if (event.change === "escalated") setAnnouncement(t("safety.announceEscalated"));
    },
    () => void queryClient.invalidateQueries({ queryKey: safetyKeys.alerts }),
  );

  useEffect(() => {
    if (!announcement) return;
    const timer = window.setTimeout(() => setAnnouncement(""), 8_000);
    return () => window.clearTimeout(timer);
  }, [announcement]);

  function select(key: Key) {
    setMessage(null);
    setParams(key === "resolved" ? { status: "resolved" } : {}, { replace: true });
  }

  const activeCount = active.data?.items.length;

  return (
    <div className="safety-page stack" data-live={live}>
      <PageHeading title={t("safety.title")} lead={t("safety.lead")}>
        <SafetyNav />
      </PageHeading>
      {active.data ? <OnCallNow onCall={active.data.onCallNow} /> : null}
      <FormSuccess message={message} />
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <Tabs className="tabs" selectedKey={status} onSelectionChange={select}>
        <TabList className="tab-list" aria-label={t("safety.queueSections")}>
          <Tab id="active" className="tab">
            {activeCount !== undefined ? t("safety.activeTabCount", { count: activeCount }) : t("safety.activeTab")}
          </Tab>
          <Tab id="resolved" className="tab">
            {t("safety.resolvedTab")}
          </Tab>
        </TabList>
        <TabPanel id="active" className="tab-panel">
          <h2 className="visually-hidden">{t("safety.activeTab")}</h2>
          <Queue query={active} status="active" now={now} highlight={highlight} onDone={setMessage} />
        </TabPanel>
        <TabPanel id="resolved" className="tab-panel">
          <h2 className="visually-hidden">{t("safety.resolvedTab")}</h2>
          <Queue query={resolved} status="resolved" now={now} highlight={highlight} onDone={setMessage} />
        </TabPanel>
      </Tabs>
    </div>
  );
}

function Queue({
  query,
  status,
  now,
  highlight,
  onDone,
}: {
  query: ReturnType<typeof useAlerts>;
  status: AlertStatus;
  now: number;
  highlight: string | null;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const items = query.data?.items ?? [];
  const target = useRef<HTMLLIElement>(null);
  const landed = useRef<string | null>(null);
  const found = highlight ? items.some((a) => a.id === highlight) : false;

  // A link to one alert lands on it, once, when it is on screen.
  useEffect(() => {
    if (!highlight || !found || landed.current === highlight) return;
    landed.current = highlight;
    const card = target.current;
    card?.scrollIntoView({ block: "center" });
    card?.focus({ preventScroll: true });
  }, [highlight, found]);

  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} />;
  return (
    <div className="stack">
      {highlight && !found && status === "active" ? (
        <Notice tone="info">
          {t("safety.alertNotActive")} <Link to="/safety?status=resolved">{t("safety.seeResolved")}</Link>
        </Notice>
      ) : null}
      {items.length === 0 ? (
        <div className="card empty-state">
          <span className="empty-state-mark" aria-hidden="true" />
          <h3>{status === "active" ? t("safety.emptyTitle") : t("safety.emptyResolvedTitle")}</h3>
          <p>{status === "active" ? t("safety.emptyBody") : t("safety.emptyResolvedBody")}</p>
        </div>
      ) : (
        <ol
          className="alert-queue"
          aria-label={status === "active" ? t("safety.queueLabel") : t("safety.resolvedLabel")}
        >
          {items.map((alert: Alert) => (
            <AlertCard
              key={alert.id}
              ref={alert.id === highlight ? target : undefined}
              alert={alert}
              now={now}
              highlighted={alert.id === highlight}
              onDone={onDone}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
