import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, FormSuccess, TextField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { useFormSubmit } from "../../components/useFormSubmit";
import { currentLocale } from "../../i18n/i18n";
import { adminApi, invitesKey, useInvites } from "./api";

export function InvitesPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const invites = useInvites();
  const { errors, formError, busy, submit } = useFormSubmit();
  const [created, setCreated] = useState<string | null>(null);
  const dateFormat = new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const maxUses = Number(form.get("maxUses"));
    const expiresInDays = Number(form.get("expiresInDays"));
    const checked = {
      maxUses:
        Number.isInteger(maxUses) && maxUses >= 1 && maxUses <= 1000
          ? undefined
          : t("validation.between", { min: 1, max: 1000 }),
      expiresInDays:
        Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= 365
          ? undefined
          : t("validation.between", { min: 1, max: 365 }),
    };
    setCreated(null);
    await submit(event.currentTarget, checked, async () => {
      const invite = await adminApi.createInvite({ maxUses, expiresInDays });
      setCreated(t("admin.inviteCreated", { code: invite.code }));
      void queryClient.invalidateQueries({ queryKey: invitesKey });
    });
  }

  return (
    <div className="stack">
      <form className="form card" onSubmit={onSubmit} noValidate>
        <h3>{t("admin.newInvite")}</h3>
        <FormAlert message={formError} />
        <div className="grid-2">
          <TextField
            label={t("admin.maxUses")}
            name="maxUses"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            defaultValue={1}
            error={errors.maxUses}
          />
          <TextField
            label={t("admin.expiresInDays")}
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            defaultValue={14}
            error={errors.expiresInDays}
          />
        </div>
        <FormSuccess message={created} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("admin.createInvite")}
          </button>
        </div>
      </form>
      <h3>{t("admin.invitesTitle")}</h3>
      {invites.isPending ? <Loading /> : null}
      {invites.isError ? <QueryError error={invites.error} /> : null}
      {invites.data && invites.data.items.length === 0 ? <p className="muted">{t("admin.noInvites")}</p> : null}
      {invites.data && invites.data.items.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("admin.invitesTitle")}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.code")}</th>
                <th scope="col">{t("admin.used")}</th>
                <th scope="col">{t("admin.expiresAt")}</th>
              </tr>
            </thead>
            <tbody>
              {invites.data.items.map((invite) => {
                const expired = invite.expiresAt !== null && new Date(invite.expiresAt) < new Date();
                return (
                  <tr key={invite.code}>
                    <td>
                      <code>{invite.code}</code>
                    </td>
                    <td>{t("admin.usesOf", { uses: invite.uses, max: invite.maxUses })}</td>
                    <td>
                      {invite.expiresAt ? dateFormat.format(new Date(invite.expiresAt)) : t("admin.never")}
                      {expired ? ` (${t("admin.expired")})` : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
