import type { PublicProfile } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../api/client";
import { useMe } from "../features/accounts/api";
import { blocksKey, memberKey, profileApi, useMember } from "../features/profile/api";
import { FormAlert, FormSuccess } from "../components/FormField";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { problemMessage } from "../components/errors";
import { countryName, languageName } from "../components/regions";
import { currentLocale } from "../i18n/i18n";
import NotFound from "./NotFound";

export default function MemberPage() {
  return (
    <RequireAuth>
      <Member />
    </RequireAuth>
  );
}

function Member() {
  const { pseudonym = "" } = useParams();
  const member = useMember(pseudonym);
  if (member.isPending) return <Loading />;
  if (member.error instanceof ApiError && member.error.status === 404) return <NotFound />;
  if (member.isError) return <QueryError error={member.error} />;
  return <MemberProfile profile={member.data} />;
}

function MemberProfile({ profile }: { profile: PublicProfile }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useMe().data;
  const isMe = me?.pseudonym.toLowerCase() === profile.pseudonym.toLowerCase();
  const staffRoles = profile.roles.filter((r) => r !== "member");

  const rows: { label: string; value: string }[] = [];
  if (profile.pronouns) rows.push({ label: t("fields.pronouns"), value: profile.pronouns });
  if (profile.pathways && profile.pathways.length > 0)
    rows.push({ label: t("fields.pathways"), value: profile.pathways.map((p) => t(`pathways.${p}`)).join(", ") });
  if (profile.recoveringFrom) rows.push({ label: t("fields.recoveringFrom"), value: profile.recoveringFrom });
  if (profile.languages && profile.languages.length > 0)
    rows.push({ label: t("fields.languages"), value: profile.languages.map((l) => languageName(l, locale)).join(", ") });
  if (profile.timeZone) rows.push({ label: t("fields.timeZone"), value: profile.timeZone.replace(/_/g, " ") });
  if (profile.country) rows.push({ label: t("fields.country"), value: countryName(profile.country, locale) });

  return (
    <div className="narrow stack">
      <PageHeading title={profile.pseudonym}>
        {staffRoles.length > 0 ? (
          <ul className="tags" aria-label={t("member.roles")}>
            {staffRoles.map((r) => (
              <li key={r} className="tag">
                {t(`roles.${r as "admin"}`, { defaultValue: r })}
              </li>
            ))}
          </ul>
        ) : null}
      </PageHeading>
      <div className="card stack">
        {rows.length > 0 ? (
          <dl className="details">
            {rows.map((row) => (
              <div key={row.label}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="muted">{t("member.nothingShared")}</p>
        )}
        {isMe ? <p className="muted">{t("member.thisIsYou")}</p> : null}
      </div>
      {!isMe ? <BlockControl profile={profile} /> : null}
    </div>
  );
}

function BlockControl({ profile }: { profile: PublicProfile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const blocked = profile.blockedByMe;

  async function toggle() {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      if (blocked) await profileApi.unblock(profile.pseudonym);
      else await profileApi.block(profile.pseudonym);
      queryClient.setQueryData<PublicProfile>(memberKey(profile.pseudonym), { ...profile, blockedByMe: !blocked });
      void queryClient.invalidateQueries({ queryKey: blocksKey });
      setStatus(
        blocked ? t("settings.unblocked", { pseudonym: profile.pseudonym }) : t("settings.blocked", { pseudonym: profile.pseudonym }),
      );
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="block-title">
      <h2 id="block-title" className="h3">
        {blocked ? t("member.blockedTitle") : t("member.blockTitle")}
      </h2>
      <p>{blocked ? t("member.blockedBody") : t("member.blockBody")}</p>
      <FormAlert message={error} />
      <FormSuccess message={status} />
      <div className="button-row">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void toggle()}>
          {blocked
            ? t("settings.unblockNamed", { pseudonym: profile.pseudonym })
            : t("member.blockNamed", { pseudonym: profile.pseudonym })}
        </button>
      </div>
    </section>
  );
}
