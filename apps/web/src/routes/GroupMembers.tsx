// Who is in a group. Its facilitators (and admins) also see who asked to join,
// with their note, and who was invited; they approve, decline, invite by
// pseudonym, remove someone, and make a member a facilitator or a member again.
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../api/client";
import { ConfirmButton } from "../components/ConfirmDialog";
import { FormAlert, FormSuccess, TextField } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { currentLocale } from "../i18n/i18n";
import { useMe } from "../features/accounts/api";
import {
  groupApi,
  groupKeys,
  isInside,
  useGroup,
  useGroupMembers,
  type Group,
  type GroupMember,
} from "../features/groups/api";
import { GroupBreadcrumbs } from "../features/groups/GroupBreadcrumbs";
import { groupPath } from "../features/groups/GroupCard";
import { GroupUnavailable } from "../features/groups/GroupUnavailable";
import { groupProblem } from "../features/groups/problems";

export default function GroupMembersPage() {
  return (
    <RequireAuth>
      <GroupMembersRoute />
    </RequireAuth>
  );
}

function GroupMembersRoute() {
  const { slug = "" } = useParams();
  const group = useGroup(slug);
  if (group.isPending) return <Loading />;
  if (group.isError) return <GroupUnavailable error={group.error} />;
  return <Members key={slug} group={group.data} />;
}

const dateOf = (iso: string) => new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium" }).format(new Date(iso));

function Members({ group }: { group: Group }) {
  const { t } = useTranslation();
  const inside = isInside(group);
  const members = useGroupMembers(group.slug, inside);
  const manage = group.can.manageMembers;
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestsRef = useRef<HTMLHeadingElement>(null);
  const membersRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();

  const items = members.data?.items ?? [];
  const requests = items.filter((m) => m.state === "requested");
  const invited = items.filter((m) => m.state === "invited");
  const inGroup = items.filter((m) => m.state === "member" || m.state === "facilitator");

  /** Runs one change; on success says so and moves focus to the section that changed. */
  async function change(send: () => Promise<unknown>, done: string, focus: RefObject<HTMLHeadingElement | null>) {
    setStatus(null);
    setError(null);
    try {
      await send();
      setStatus(done);
      focus.current?.focus();
    } catch (err) {
      setError(groupProblem(t, err));
    } finally {
      void queryClient.invalidateQueries({ queryKey: groupKeys.members(group.slug) });
      void queryClient.invalidateQueries({ queryKey: groupKeys.group(group.slug), exact: true });
      void queryClient.invalidateQueries({ queryKey: groupKeys.lists });
    }
  }

  return (
    <div className="group-members-page stack-lg">
      <div>
        <GroupBreadcrumbs group={group} />
        <PageHeading
          title={t("groups.members.title", { name: group.name })}
          lead={inside ? t("groups.members.lead", { count: group.memberCount }) : undefined}
        />
      </div>
      {!inside ? (
        <div className="stack">
          <Notice tone="info">{t("groups.members.notInside")}</Notice>
          <p>
            <Link to={groupPath(group.slug)}>{t("groups.backToGroup", { name: group.name })}</Link>
          </p>
        </div>
      ) : (
        <>
          <div className="group-members-messages">
            <FormSuccess message={status} />
            <FormAlert message={error} />
          </div>
          {members.isPending ? <Loading /> : null}
          {members.isError ? <QueryError error={members.error} /> : null}
          {/* Requests come to private groups (or stay from when a group was private). */}
          {manage && members.data && (group.visibility === "private" || requests.length > 0) ? (
            <section className="card stack" aria-labelledby="requests-title">
              <h2 id="requests-title" className="h3" ref={requestsRef} tabIndex={-1}>
                {t("groups.members.requestsTitle")}
              </h2>
              {requests.length === 0 ? (
                <p className="muted">{t("groups.members.requestsNone")}</p>
              ) : (
                <ul className="member-list" aria-labelledby="requests-title">
                  {requests.map((m) => (
                    <li key={m.userId} className="member-row member-request">
                      <div className="member-main">
                        <MemberName member={m} />
                        <p className="member-since">{t("groups.members.askedOn", { date: dateOf(m.since) })}</p>
                        {m.note ? (
                          <blockquote className="member-note" aria-label={t("groups.members.noteLabel")}>
                            {m.note}
                          </blockquote>
                        ) : (
                          <p className="muted small">{t("groups.members.noNote")}</p>
                        )}
                      </div>
                      <div
                        className="member-actions"
                        role="group"
                        aria-label={t("groups.members.actionsFor", { name: m.pseudonym })}
                      >
                        <button
                          type="button"
                          className="button button-primary button-small"
                          onClick={() =>
                            void change(
                              () => groupApi.decide(group.slug, m.userId, true),
                              t("groups.members.approved", { name: m.pseudonym }),
                              requestsRef,
                            )
                          }
                        >
                          {t("groups.members.approve")}
                        </button>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() =>
                            void change(
                              () => groupApi.decide(group.slug, m.userId, false),
                              t("groups.members.declinedRequest", { name: m.pseudonym }),
                              requestsRef,
                            )
                          }
                        >
                          {t("groups.members.decline")}
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          {manage ? <InviteForm group={group} onStatus={setStatus} /> : null}
          {manage && invited.length > 0 ? (
            <section className="card stack" aria-labelledby="invited-title">
              <h2 id="invited-title" className="h3">
                {t("groups.members.invitedTitle")}
              </h2>
              <ul className="member-list" aria-labelledby="invited-title">
                {invited.map((m) => (
                  <li key={m.userId} className="member-row">
                    <div className="member-main">
                      <MemberName member={m} />
                      <p className="member-since">{t("groups.members.invitedOn", { date: dateOf(m.since) })}</p>
                    </div>
                    <div className="member-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() =>
                          void change(
                            () => groupApi.remove(group.slug, m.userId),
                            t("groups.members.invitationWithdrawn", { name: m.pseudonym }),
                            membersRef,
                          )
                        }
                      >
                        {t("groups.members.cancelInvitation")}
                        <span className="visually-hidden">: {m.pseudonym}</span>
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {members.data ? <MemberList group={group} members={inGroup} headingRef={membersRef} change={change} /> : null}
        </>
      )}
    </div>
  );
}

function MemberName({ member, you = false }: { member: GroupMember; you?: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="member-name">
      <Link to={`/members/${encodeURIComponent(member.pseudonym)}`}>{member.pseudonym}</Link>
      {you ? <span className="muted"> ({t("groups.members.you")})</span> : null}
      {member.state === "facilitator" ? <span className="badge">{t("groups.members.facilitator")}</span> : null}
    </p>
  );
}

function MemberList({
  group,
  members,
  headingRef,
  change,
}: {
  group: Group;
  members: GroupMember[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  change: (send: () => Promise<unknown>, done: string, focus: RefObject<HTMLHeadingElement | null>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const manage = group.can.manageMembers;
  return (
    <section className="card stack" aria-labelledby="members-title">
      <h2 id="members-title" className="h3" ref={headingRef} tabIndex={-1}>
        {t("groups.members.listTitle")}
      </h2>
      <ul className="member-list" aria-labelledby="members-title">
        {members.map((m) => {
          const you = m.userId === me?.id;
          const facilitator = m.state === "facilitator";
          const role = facilitator ? "member" : "facilitator";
          return (
            <li key={m.userId} className="member-row">
              <div className="member-main">
                <MemberName member={m} you={you} />
                <p className="member-since">{t("groups.members.since", { date: dateOf(m.since) })}</p>
              </div>
              {manage && !you ? (
                <div
                  className="member-actions"
                  role="group"
                  aria-label={t("groups.members.actionsFor", { name: m.pseudonym })}
                >
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() =>
                      void change(
                        () => groupApi.setRole(group.slug, m.userId, role),
                        facilitator
                          ? t("groups.members.nowMember", { name: m.pseudonym })
                          : t("groups.members.nowFacilitator", { name: m.pseudonym }),
                        headingRef,
                      )
                    }
                  >
                    {facilitator ? t("groups.members.makeMember") : t("groups.members.makeFacilitator")}
                  </button>
                  <ConfirmButton
                    label={t("groups.members.remove")}
                    className="button button-quiet button-small"
                    title={t("groups.members.removeTitle", { name: m.pseudonym })}
                    body={<p>{t("groups.members.removeBody")}</p>}
                    confirmLabel={t("groups.members.removeConfirm")}
                    onConfirm={() =>
                      void change(
                        () => groupApi.remove(group.slug, m.userId),
                        t("groups.members.removed", { name: m.pseudonym }),
                        headingRef,
                      )
                    }
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const INVITE_FIELD = "invite-pseudonym";

function InviteForm({ group, onStatus }: { group: Group; onStatus: (message: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pseudonym, setPseudonym] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = pseudonym.trim();
    setFormError(null);
    setFieldError(undefined);
    onStatus(null);
    if (!name) {
      setFieldError(t("validation.required"));
      document.getElementById(INVITE_FIELD)?.focus();
      return;
    }
    setBusy(true);
    try {
      await groupApi.invite(group.slug, name);
      setPseudonym("");
      onStatus(t("groups.members.invited", { name }));
      void queryClient.invalidateQueries({ queryKey: groupKeys.members(group.slug) });
    } catch (error) {
      // "No active member has this name" is the one field error the server sends here.
      if (error instanceof ApiError && error.fieldError("pseudonym")) {
        setFieldError(t("groups.members.noSuchMember"));
        document.getElementById(INVITE_FIELD)?.focus();
      } else {
        setFormError(groupProblem(t, error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="invite-title">
      <div>
        <h2 id="invite-title" className="h3">
          {t("groups.members.inviteTitle")}
        </h2>
        <p className="muted">{t("groups.members.inviteLead")}</p>
      </div>
      <form onSubmit={onSubmit} noValidate className="stack">
        <FormAlert message={formError} />
        <div className="inline-form-row">
          <TextField
            id={INVITE_FIELD}
            label={t("groups.members.invitePseudonym")}
            name="pseudonym"
            autoComplete="off"
            maxLength={64}
            value={pseudonym}
            onChange={(e) => setPseudonym(e.target.value)}
            error={fieldError}
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("groups.members.inviting") : t("groups.members.invite")}
          </button>
        </div>
      </form>
    </section>
  );
}
