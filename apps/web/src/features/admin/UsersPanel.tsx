import type { AdminUserView, GrantRoleBody, GrantableRole } from "@kindred/contracts";
import { GRANTABLE_ROLES } from "../constants";
import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { FormAlert, FormSuccess, SelectField, TextField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { problemMessage, serverFieldError } from "../../components/errors";
import { currentLocale } from "../../i18n/i18n";
import { useMe } from "../accounts/api";
import { adminApi, adminUsersKey, useAdminUsers, type AdminUserPage, type StatusFilter } from "./api";

export function UsersPanel() {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatusFilter] = useState<StatusFilter>("");
  const users = useAdminUsers(q, status);
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="stack">
      <form
        className="inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(search.trim());
        }}
      >
        <div className="inline-form-row">
          <TextField
            label={t("admin.searchUsers")}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            autoCapitalize="none"
            spellCheck={false}
          />
          <SelectField
            label={t("admin.statusFilter")}
            value={status}
            onChange={(e) => setStatusFilter(e.target.value as StatusFilter)}
            className="status-filter"
          >
            <option value="">{t("admin.allStatuses")}</option>
            <option value="pending">{t("status.pending")}</option>
            <option value="active">{t("status.active")}</option>
            <option value="suspended">{t("status.suspended")}</option>
          </SelectField>
          <button type="submit" className="button button-secondary">
            {t("admin.search")}
          </button>
        </div>
      </form>
      <FormSuccess message={notice} />
      {users.isPending ? <Loading /> : null}
      {users.isError ? <QueryError error={users.error} /> : null}
      {users.data && items.length === 0 ? <p className="muted">{t("admin.noUsers")}</p> : null}
      <ul className="user-list card">
        {items.map((user) => (
          <UserCard key={user.id} user={user} queryKey={adminUsersKey(q, status)} onStatus={setNotice} />
        ))}
      </ul>
      {users.hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={users.isFetchingNextPage}
            onClick={() => void users.fetchNextPage()}
          >
            {users.isFetchingNextPage ? t("common.loading") : t("admin.loadMore")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function UserCard({
  user,
  queryKey,
  onStatus,
}: {
  user: AdminUserView;
  queryKey: readonly unknown[];
  onStatus: (s: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dateFormat = new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium" });
  const headingId = `user-${user.id}`;

  const replace = (next: AdminUserView) => {
    queryClient.setQueryData<InfiniteData<AdminUserPage>>(queryKey, (data) =>
      data
        ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((u) => (u.id === next.id ? next : u)) })) }
        : data,
    );
  };

  async function run(action: () => Promise<AdminUserView>, success: string) {
    setBusy(true);
    setError(null);
    try {
      replace(await action());
      onStatus(success);
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  const grantable = GRANTABLE_ROLES.filter((r) => !user.grants.some((g) => g.role === r));

  return (
    <li className="user-row">
      <div className="user-id">
        <h3 id={headingId} className="h4">
          <Link to={`/members/${encodeURIComponent(user.pseudonym)}`}>{user.pseudonym}</Link>
        </h3>
        <span className={`badge badge-${user.status}`}>{t(`status.${user.status}`)}</span>
      </div>
      <dl className="user-facts">
        <div className="user-roles">
          <dt>{t("admin.roles")}</dt>
          <dd>
            {user.grants.length === 0 ? (
              t("roles.member")
            ) : (
              <ul className="grant-list">
                {user.grants.map((g) => (
                  <li key={g.role}>
                    <span>
                      {t(`roles.${g.role}`)}
                      {g.certification ? (
                        <span className="muted small">
                          {" "}
                          · {g.certification.name} #{g.certification.number} ·{" "}
                          {t("admin.expires", { date: formatDay(g.certification.expiresOn) })}
                        </span>
                      ) : null}
                      {!user.twoFactorEnabled ? (
                        <span className="muted small"> · {t("admin.awaitingTwoFactor")}</span>
                      ) : null}
                    </span>
                    {!(g.role === "admin" && me?.id === user.id) ? (
                      <ConfirmButton
                        className="link-button small"
                        label={
                          <>
                            {t("admin.remove")}
                            <span className="visually-hidden">
                              {" "}
                              {t("admin.revokeHidden", { role: t(`roles.${g.role}`), pseudonym: user.pseudonym })}
                            </span>
                          </>
                        }
                        title={t("admin.revokeTitle", { role: t(`roles.${g.role}`), pseudonym: user.pseudonym })}
                        body={<p>{t("admin.revokeBody")}</p>}
                        confirmLabel={t("admin.revoke")}
                        isDisabled={busy}
                        onConfirm={() =>
                          void run(
                            () => adminApi.revoke(user.id, g.role),
                            t("admin.revoked", { role: t(`roles.${g.role}`), pseudonym: user.pseudonym }),
                          )
                        }
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("admin.twoFactor")}</dt>
          <dd>{user.twoFactorEnabled ? t("admin.twoFactorOn") : t("admin.twoFactorOff")}</dd>
        </div>
        <div>
          <dt>{t("admin.joined")}</dt>
          <dd>{dateFormat.format(new Date(user.createdAt))}</dd>
        </div>
      </dl>
      <div className="user-actions">
        {user.status === "pending" ? (
          <button
            type="button"
            className="button button-primary button-small"
            disabled={busy}
            onClick={() =>
              void run(() => adminApi.approve(user.id), t("admin.approved", { pseudonym: user.pseudonym }))
            }
          >
            {t("admin.approveNamed", { pseudonym: user.pseudonym })}
          </button>
        ) : null}
        {user.status === "suspended" ? (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() =>
              void run(() => adminApi.reactivate(user.id), t("admin.reactivated", { pseudonym: user.pseudonym }))
            }
          >
            {t("admin.reactivateNamed", { pseudonym: user.pseudonym })}
          </button>
        ) : null}
        {grantable.length > 0 && user.status === "active" ? (
          <DialogTrigger>
            <Button className="button button-secondary button-small">
              {t("admin.giveRole")}
              <span className="visually-hidden"> {t("admin.toPseudonym", { pseudonym: user.pseudonym })}</span>
            </Button>
            <ModalOverlay className="modal-overlay" isDismissable>
              <Modal className="modal modal-small">
                <Dialog className="dialog">
                  {({ close }) => (
                    <>
                      <Heading slot="title" level={2} className="dialog-title">
                        {t("admin.grantRoleTo", { pseudonym: user.pseudonym })}
                      </Heading>
                      <GrantForm
                        roles={grantable}
                        onCancel={close}
                        onGrant={async (body) => {
                          const next = await adminApi.grant(user.id, body);
                          replace(next);
                          onStatus(t("admin.granted", { role: t(`roles.${body.role}`), pseudonym: user.pseudonym }));
                          close();
                        }}
                      />
                    </>
                  )}
                </Dialog>
              </Modal>
            </ModalOverlay>
          </DialogTrigger>
        ) : null}
      </div>
      <FormAlert message={error} />
    </li>
  );
}

function GrantForm({
  roles,
  onGrant,
  onCancel,
}: {
  roles: readonly GrantableRole[];
  onGrant: (body: GrantRoleBody) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<GrantableRole>(roles[0]!);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let body: GrantRoleBody = { role };
    if (role === "specialist") {
      const name = String(form.get("certName") ?? "").trim();
      const number = String(form.get("certNumber") ?? "").trim();
      const expiresOn = String(form.get("certExpires") ?? "");
      const next = {
        "certification.name": name.length < 2 ? t("validation.required") : undefined,
        "certification.number": number ? undefined : t("validation.required"),
        "certification.expiresOn": /^\d{4}-\d{2}-\d{2}$/.test(expiresOn) ? undefined : t("validation.date"),
      };
      setErrors(next);
      if (Object.values(next).some(Boolean)) {
        setFormError(t("errors.validation"));
        return;
      }
      body = { role, certification: { name, number, expiresOn } };
    }
    setFormError(null);
    setBusy(true);
    try {
      await onGrant(body);
    } catch (err) {
      setErrors({
        "certification.name": serverFieldError(err, "certification.name"),
        "certification.number": serverFieldError(err, "certification.number"),
        "certification.expiresOn": serverFieldError(err, "certification.expiresOn"),
      });
      setFormError(problemMessage(t, err));
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <SelectField label={t("admin.role")} value={role} onChange={(e) => setRole(e.target.value as GrantableRole)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <p className="muted small">{t("admin.twoFactorNote")}</p>
      {role === "specialist" ? (
        <fieldset className="fieldset">
          <legend className="field-label">{t("admin.certification")}</legend>
          <TextField label={t("admin.certName")} name="certName" maxLength={120} error={errors["certification.name"]} />
          <TextField
            label={t("admin.certNumber")}
            name="certNumber"
            maxLength={60}
            error={errors["certification.number"]}
          />
          <TextField
            label={t("admin.certExpires")}
            name="certExpires"
            type="date"
            error={errors["certification.expiresOn"]}
          />
        </fieldset>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("admin.grant")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** A calendar date (YYYY-MM-DD) in the reader's format, without time-zone drift. */
function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
