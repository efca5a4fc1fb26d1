import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { accountApi, useConfig, useMe, useSession } from "../features/accounts/api";
import { validatePassword, validatePseudonym, validateEmail } from "../features/accounts/validation";
import { CheckboxField, FormAlert, TextField } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { useFormSubmit } from "../components/useFormSubmit";
import { currentLocale } from "../i18n/i18n";

type Errors = Partial<Record<"pseudonym" | "password" | "email" | "inviteCode" | "guidelines", string>>;

export default function SignUp() {
  const { t } = useTranslation();
  const config = useConfig();
  const me = useMe();
  const navigate = useNavigate();
  const session = useSession();
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();

  if (me.data) return <Navigate to="/" replace />;
  if (config.isPending) return <Loading />;
  if (config.isError) return <QueryError error={config.error} />;
  const { registrationMode, guidelines } = config.data;
  const locale = currentLocale();
  const guidelinesText = locale === "es" ? guidelines.es : guidelines.en;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const pseudonym = String(form.get("pseudonym") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const email = String(form.get("email") ?? "").trim();
    const inviteCode = String(form.get("inviteCode") ?? "").trim();
    const accepted = form.get("guidelines") === "on";

    const checked: Errors = {
      pseudonym: validatePseudonym(t, pseudonym),
      password: validatePassword(t, password),
      email: email ? validateEmail(t, email) : undefined,
      inviteCode: registrationMode === "invite" && !inviteCode ? t("signUp.inviteRequired") : undefined,
      guidelines: accepted ? undefined : t("signUp.guidelinesRequired"),
    };
    const signedUp = await submit(
      event.currentTarget,
      checked,
      async () => {
        const result = await accountApi.signUp({
          pseudonym,
          password,
          ...(email ? { email } : {}),
          ...(registrationMode === "invite" ? { inviteCode } : {}),
          acceptedGuidelinesVersion: guidelines.version,
          locale,
        });
        session.signedIn(result.me, result.status === "pending-approval");
        navigate("/", { state: result.status === "pending-approval" ? { pendingApproval: true } : { welcome: true } });
      },
      { serverPaths: { guidelines: "acceptedGuidelinesVersion" } },
    );
    // The registration mode or guidelines may have changed under the form.
    if (!signedUp && Object.values(checked).every((e) => !e)) void config.refetch();
  }

  return (
    <div className="narrow stack">
      <PageHeading title={t("signUp.title")} lead={t("signUp.lead")} />
      {registrationMode === "approval" ? <Notice tone="info">{t("signUp.approvalNote")}</Notice> : null}
      {registrationMode === "invite" ? <Notice tone="info">{t("signUp.inviteNote")}</Notice> : null}
      <form className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert message={formError} />
        <TextField
          label={t("fields.pseudonym")}
          name="pseudonym"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={30}
          hint={t("signUp.pseudonymHint")}
          error={errors.pseudonym}
        />
        <TextField
          label={t("fields.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          hint={t("signUp.passwordHint")}
          error={errors.password}
        />
        <TextField
          label={t("fields.email")}
          name="email"
          type="email"
          autoComplete="email"
          optional
          hint={t("signUp.emailHint")}
          error={errors.email}
        />
        {registrationMode === "invite" ? (
          <TextField
            label={t("fields.inviteCode")}
            name="inviteCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            hint={t("signUp.inviteHint")}
            error={errors.inviteCode}
          />
        ) : null}
        <div className="guidelines field">
          <h2 id="guidelines-title" className="h3">
            {t("signUp.guidelinesTitle")}
          </h2>
          <div className="guidelines-text" tabIndex={0} role="region" aria-labelledby="guidelines-title" lang={locale}>
            {guidelinesText}
          </div>
        </div>
        <CheckboxField name="guidelines" label={t("signUp.acceptGuidelines")} required error={errors.guidelines} />
        <div className="button-row">
          <button type="submit" className="button button-primary button-large" disabled={busy}>
            {busy ? t("signUp.submitting") : t("signUp.submit")}
          </button>
        </div>
      </form>
      <p>
        {t("signUp.haveAccount")} <Link to="/sign-in">{t("nav.signIn")}</Link>
      </p>
    </div>
  );
}
