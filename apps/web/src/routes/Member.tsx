import type { PublicProfile } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client";
import { useMe } from "../features/accounts/api";
import { forumKeys } from "../features/forums/api";
import { messageApi } from "../features/messages/api";
import { moderationApi, moderationKeys, useMutes } from "../features/moderation/api";
import { blocksKey, memberKey, profileApi, useMember } from "../features/profile/api";
import { FormAlert, FormSuccess } from "../components/FormField";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { problemMessage } from "../components/errors";
import { countryName, languageName } from "../components/regions";
import { ChatIcon } from "../components/icons";
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
    rows.push({
      label: t("fields.languages"),
      value: profile.languages.map((l) => languageName(l, locale)).join(", "),
    });
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
      {!isMe && me?.status === "active" ? <MessageButton profile={profile} /> : null}
      {!isMe ? <SpaceControls profile={profile} /> : null}
    </div>
  );
}

/**
 * "Send a message": opens (or reopens) the private conversation with this person.
 * It needs the person's id, which the profile carries once the server sends it;
 * not offered to someone one has blocked (unblock first).
 */
function MessageButton({ profile }: { profile: PublicProfile }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const userId = (profile as PublicProfile & { id?: string }).id;
  if (!userId || profile.blockedByMe) return null;

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const { id } = await messageApi.start(userId!);
      await navigate(`/messages/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 403 ? t("member.cannotMessage") : problemMessage(t, err));
      setBusy(false);
    }
  }

  return (
    <div className="stack-sm">
      <FormAlert message={error} />
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void start()}>
          <ChatIcon />
          {t("member.sendMessage", { pseudonym: profile.pseudonym })}
        </button>
      </div>
    </div>
  );
}

/**
 * "Need some space?": muting folds this person's posts away and keeps their
 * activity from notifying you; blocking also stops them contacting you. They
 * are not told either way, and either can be undone here or in Settings.
 */
function SpaceControls({ profile }: { profile: PublicProfile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const active = me?.status === "active";
  const mutes = useMutes(active);
  const [busy, setBusy] = useState<"mute" | "block" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const blocked = profile.blockedByMe;
  const muted = mutes.data?.items.some((m) => m.pseudonym.toLowerCase() === profile.pseudonym.toLowerCase()) ?? false;
  const name = { pseudonym: profile.pseudonym };

  async function run(which: "mute" | "block", change: () => Promise<unknown>, done: string) {
    setBusy(which);
    setError(null);
    setStatus(null);
    try {
      await change();
      setStatus(done);
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(null);
    }
    // Their posts fold or open again wherever they appear.
    void queryClient.invalidateQueries({ queryKey: forumKeys.all });
  }

  const toggleBlock = () =>
    run(
      "block",
      async () => {
        if (blocked) await profileApi.unblock(profile.pseudonym);
        else await profileApi.block(profile.pseudonym);
        queryClient.setQueryData<PublicProfile>(memberKey(profile.pseudonym), { ...profile, blockedByMe: !blocked });
        void queryClient.invalidateQueries({ queryKey: blocksKey });
      },
      blocked ? t("settings.unblocked", name) : t("settings.blocked", name),
    );

  const toggleMute = () =>
    run(
      "mute",
      async () => {
        if (muted) await moderationApi.unmute(profile.pseudonym);
        else await moderationApi.mute(profile.pseudonym);
        await queryClient.invalidateQueries({ queryKey: moderationKeys.mutes });
      },
      muted ? t("settings.unmuted", name) : t("settings.muted", name),
    );

  return (
    <section className="card stack" aria-labelledby="space-title">
      <h2 id="space-title" className="h3">
        {blocked ? t("member.blockedTitle") : muted ? t("member.mutedTitle") : t("member.blockTitle")}
      </h2>
      {blocked ? (
        <p>{t("member.blockedBody")}</p>
      ) : muted ? (
        <p>{t("member.mutedBody")}</p>
      ) : (
        <>
          <p>{t("member.muteBody")}</p>
          <p>{t("member.blockBody")}</p>
        </>
      )}
      <FormAlert message={error} />
      <FormSuccess message={status} />
      <div className="button-row">
        {active && !blocked ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy !== null || mutes.isPending}
            onClick={() => void toggleMute()}
          >
            {muted ? t("settings.unmuteNamed", name) : t("member.muteNamed", name)}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          disabled={busy !== null}
          onClick={() => void toggleBlock()}
        >
          {blocked ? t("settings.unblockNamed", name) : t("member.blockNamed", name)}
        </button>
      </div>
    </section>
  );
}
