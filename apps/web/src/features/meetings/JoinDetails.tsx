// How to take part in a meeting: the conference link, phone and address for
// those who may join; for others, plainly why not yet and what to do.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { Meeting } from "./api";
import { isInPersonMode, isOnlineMode } from "./constants";

export function JoinDetails({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const location = useLocation();
  const online = isOnlineMode(m.mode);
  const inPerson = isInPersonMode(m.mode);
  const cityLine = [m.city, [m.state, m.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const hasPlace = m.location || m.address || cityLine || m.country;

  return (
    <div className="stack meeting-join">
      <p className="meeting-join-mode">{t(`meetings.modeExplained.${m.mode}`)}</p>
      {m.can.join && online ? (
        <div className="stack-sm">
          <h3 className="h4">{t("meetings.join.online")}</h3>
          {m.conferenceUrl ? (
            <p>
              <a className="button button-primary" href={m.conferenceUrl} target="_blank" rel="noopener noreferrer">
                {t("meetings.join.openLink")}
                <span className="visually-hidden"> ({t("common.opensNewTab")})</span>
              </a>
            </p>
          ) : null}
          {m.conferenceUrl ? <p className="meeting-link-text small">{m.conferenceUrl}</p> : null}
          {m.conferenceUrlNotes ? <PlainText>{m.conferenceUrlNotes}</PlainText> : null}
          {m.conferencePhone ? (
            <p>
              {t("meetings.join.byPhone")}{" "}
              <a href={`tel:${m.conferencePhone.replace(/[^\d+,#*]/g, "")}`}>{m.conferencePhone}</a>
            </p>
          ) : null}
          {m.conferencePhoneNotes ? <PlainText>{m.conferencePhoneNotes}</PlainText> : null}
        </div>
      ) : null}
      {inPerson && hasPlace ? (
        <div className="stack-sm">
          <h3 className="h4">{t("meetings.join.place")}</h3>
          <address className="meeting-address">
            {m.location ? <strong>{m.location}</strong> : null}
            {m.address ? <span>{m.address}</span> : null}
            {cityLine ? <span>{cityLine}</span> : null}
            {m.country ? <span>{m.country}</span> : null}
          </address>
          {m.locationNotes ? <PlainText>{m.locationNotes}</PlainText> : null}
        </div>
      ) : null}
      {m.joinHint === "sign_in" ? (
        <div className="notice">
          <p>{t("meetings.join.hintSignIn")}</p>
          <p>
            <Link to="/sign-in" state={{ from: location.pathname }}>
              {t("nav.signIn")}
            </Link>
          </p>
        </div>
      ) : null}
      {m.joinHint === "join_group" && m.group ? (
        <div className="notice">
          <p>{t("meetings.join.hintJoinGroup", { group: m.group.name })}</p>
          <p>
            <Link to={`/groups/${encodeURIComponent(m.group.slug)}`}>
              {t("meetings.join.goToGroup", { group: m.group.name })}
            </Link>
          </p>
        </div>
      ) : null}
      {m.joinHint === "full" ? <div className="notice notice-warm">{t("meetings.join.hintFull")}</div> : null}
    </div>
  );
}

/** A member's own words as plain text, their line breaks kept. */
export function PlainText({ children, className }: { children: ReactNode; className?: string }) {
  return <p className={["plain-text", className].filter(Boolean).join(" ")}>{children}</p>;
}
