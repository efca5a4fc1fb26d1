// Who is on call right now: the primary and the backup from the rota, or, when
// nobody is on it, a plain note that alerts go to the whole team.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OnCallNow as OnCall } from "./api";

export function OnCallNow({ onCall, rotaLink = true }: { onCall: OnCall; rotaLink?: boolean }) {
  const { t } = useTranslation();
  const names = (people: { pseudonym: string }[]) => people.map((p) => p.pseudonym).join(", ");
  return (
    <section className="card on-call-now" aria-labelledby="on-call-now-title">
      <div className="section-heading">
        <h2 id="on-call-now-title" className="h3">
          {t("safety.onCallNow")}
        </h2>
        {rotaLink ? <Link to="/safety/rota">{t("safety.seeRota")}</Link> : null}
      </div>
      {onCall.fallback ? (
        <p className="on-call-fallback" data-testid="on-call-fallback">
          {t("safety.nobodyOnRota")}
        </p>
      ) : null}
      <dl className="details on-call-people">
        <div>
          <dt>{t("safety.primary")}</dt>
          <dd data-testid="on-call-primary">
            {onCall.primary.length > 0 ? names(onCall.primary) : t("safety.nobody")}
          </dd>
        </div>
        <div>
          <dt>{t("safety.backup")}</dt>
          <dd data-testid="on-call-backup">{onCall.backup.length > 0 ? names(onCall.backup) : t("safety.nobody")}</dd>
        </div>
      </dl>
    </section>
  );
}
