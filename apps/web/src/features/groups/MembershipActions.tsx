// Where the reader stands in a group, and the one or two things they can do
// about it: join an open group, ask to join a private one (with a note), accept
// or decline an invitation, withdraw a request, or leave.
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { FormAlert, FormSuccess, TextAreaField } from "../../components/FormField";
import { useMe } from "../accounts/api";
import { groupApi, groupChanged, groupKeys, type Group } from "./api";
import { GROUP_LIMITS } from "./constants";
import { groupProblem } from "./problems";

type Done = "joined" | "asked" | "withdrawn" | "declined" | "left";

export function MembershipActions({ group }: { group: Group }) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [note, setNote] = useState("");
  const slug = group.slug;

  async function act(kind: Done, send: () => Promise<Group | null>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await send();
      // Someone who steps out of an invitation-only group can no longer see it at all.
      if (!updated && group.visibility === "hidden" && !group.can.manageMembers) {
        groupChanged(queryClient, null, slug);
        queryClient.removeQueries({ queryKey: groupKeys.group(slug) });
        await navigate("/groups", { state: { notice: kind } });
        return;
      }
      groupChanged(queryClient, updated, slug);
      // What the reader may see inside the group changed with them.
      void queryClient.invalidateQueries({ queryKey: groupKeys.feed(slug) });
      void queryClient.invalidateQueries({ queryKey: groupKeys.members(slug) });
      void queryClient.invalidateQueries({ queryKey: groupKeys.meetings(slug) });
      setDone(kind);
      setNote("");
      // The buttons just pressed are gone: continue from this section's heading.
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (err) {
      setError(groupProblem(t, err));
    } finally {
      setBusy(false);
    }
  }

  const join = (kind: Done) => act(kind, () => groupApi.join(slug, kind === "asked" ? note.trim() : ""));
  const leave = (kind: Done) => act(kind, async () => (await groupApi.leave(slug), null));

  function onAsk(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (note.trim().length > GROUP_LIMITS.noteMax) {
      setError(t("validation.tooLong", { max: GROUP_LIMITS.noteMax }));
      return;
    }
    void join("asked");
  }

  return (
    <section className="card group-actions stack" aria-labelledby="group-actions-title">
      <h2 id="group-actions-title" className="h3" ref={headingRef} tabIndex={-1}>
        {t("groups.actions.title")}
      </h2>
      <FormSuccess message={done ? t(`groups.actions.${done === "asked" ? "requested" : done}`) : null} />
      <FormAlert message={error} />
      {!me ? (
        <p>
          <Trans
            i18nKey="groups.actions.signInToJoin"
            components={{ signIn: <Link to="/sign-in" state={{ from: location.pathname }} /> }}
          />
        </p>
      ) : me.status !== "active" ? (
        <p>{me.status === "pending" ? t("groups.pendingNote") : t("groups.suspendedNote")}</p>
      ) : (
        <State
          group={group}
          busy={busy}
          note={note}
          onNote={setNote}
          onJoin={join}
          onLeave={leave}
          onAsk={onAsk}
          done={done}
        />
      )}
    </section>
  );
}

function State({
  group,
  busy,
  note,
  onNote,
  onJoin,
  onLeave,
  onAsk,
  done,
}: {
  group: Group;
  busy: boolean;
  note: string;
  onNote: (note: string) => void;
  onJoin: (kind: Done) => void;
  onLeave: (kind: Done) => void;
  onAsk: (event: FormEvent<HTMLFormElement>) => void;
  done: Done | null;
}) {
  const { t } = useTranslation();
  const busyLabel = t("groups.actions.busy");
  switch (group.membership) {
    case "member":
    case "facilitator":
      return (
        <>
          {/* Just joined: the welcome above says it already. */}
          {done === "joined" ? null : (
            <p>
              {group.membership === "facilitator"
                ? t("groups.actions.facilitatorNote")
                : t("groups.actions.memberNote")}
            </p>
          )}
          <ConfirmButton
            label={t("groups.actions.leave")}
            title={t("groups.actions.leaveTitle")}
            body={
              <p>
                {group.visibility === "hidden"
                  ? t("groups.actions.leaveBodyHidden")
                  : group.visibility === "private"
                    ? t("groups.actions.leaveBodyPrivate")
                    : t("groups.actions.leaveBody")}
              </p>
            }
            confirmLabel={t("groups.actions.leaveConfirm")}
            onConfirm={() => onLeave("left")}
          />
        </>
      );
    case "requested":
      return (
        <>
          {done === "asked" ? null : <p>{t("groups.actions.requested")}</p>}
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => onLeave("withdrawn")}
          >
            {busy ? busyLabel : t("groups.actions.withdraw")}
          </button>
        </>
      );
    case "invited":
      return (
        <>
          <p>{t("groups.actions.invited")}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => onJoin("joined")}>
              {busy ? busyLabel : t("groups.actions.accept")}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => onLeave("declined")}
            >
              {t("groups.actions.decline")}
            </button>
          </div>
        </>
      );
    case "none":
      if (group.visibility === "public") {
        return (
          <button
            type="button"
            className="button button-primary button-large"
            disabled={busy}
            onClick={() => onJoin("joined")}
          >
            {busy ? t("groups.actions.joining") : t("groups.actions.join")}
          </button>
        );
      }
      if (group.visibility === "private") {
        return (
          <form className="form" onSubmit={onAsk} noValidate>
            <p>{t("groups.actions.askIntro")}</p>
            <TextAreaField
              label={t("groups.actions.note")}
              hint={t("groups.actions.noteHint")}
              optional
              rows={3}
              maxLength={GROUP_LIMITS.noteMax}
              value={note}
              onChange={(e) => onNote(e.target.value)}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t("groups.actions.asking") : t("groups.actions.askToJoin")}
            </button>
          </form>
        );
      }
      return <p>{t("groups.actions.hiddenNote")}</p>;
  }
}
