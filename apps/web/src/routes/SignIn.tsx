import type { Me } from "@kindred/contracts";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { accountApi, useMe, useSession } from "../features/accounts/api";
import { required, validateCode } from "../features/accounts/validation";
import { FormAlert, TextField } from "../components/FormField";
import { PageHeading } from "../components/Page";
import { useFormSubmit } from "../components/useFormSubmit";

export default function SignIn() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const [step, setStep] = useState<"password" | "two-factor">("password");
  const from = (location.state as { from?: string } | null)?.from;
  const destination = from && from.startsWith("/") && !from.startsWith("/sign-") ? from : "/";

  if (me.data && step === "password") return <Navigate to={destination} replace />;

  const done = (signedInMe: Me) => {
    session.signedIn(signedInMe);
    navigate(destination, { replace: true });
  };

  return (
    <div className="narrow stack">
      {step === "password" ? (
        <PasswordStep onTwoFactor={() => setStep("two-factor")} onSignedIn={done} />
      ) : (
        <TwoFactorStep onSignedIn={done} onBack={() => setStep("password")} />
      )}
      <p>
        {t("signIn.noAccount")} <Link to="/sign-up">{t("nav.signUp")}</Link>
      </p>
    </div>
  );
}

type SignedIn = (me: Me) => void;

function PasswordStep({ onTwoFactor, onSignedIn }: { onTwoFactor: () => void; onSignedIn: SignedIn }) {
  const { t } = useTranslation();
  const { errors, formError, busy, submit } = useFormSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const pseudonym = String(form.get("pseudonym") ?? "").trim();
    const password = String(form.get("password") ?? "");
    await submit(
      event.currentTarget,
      { pseudonym: required(t, pseudonym), password: required(t, password) },
      async () => {
        const result = await accountApi.signIn({ pseudonym, password });
        if (result.status === "two-factor-required") onTwoFactor();
        else onSignedIn(result.me);
      },
    );
  }

  return (
    <>
      <PageHeading title={t("signIn.title")} lead={t("signIn.lead")} />
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
          error={errors.pseudonym}
        />
        <TextField
          label={t("fields.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={128}
          error={errors.password}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary button-large" disabled={busy}>
            {busy ? t("signIn.submitting") : t("signIn.submit")}
          </button>
        </div>
      </form>
    </>
  );
}

function TwoFactorStep({ onSignedIn, onBack }: { onSignedIn: SignedIn; onBack: () => void }) {
  const { t } = useTranslation();
  const [useBackup, setUseBackup] = useState(false);
  const { errors, formError, busy, submit, reset } = useFormSubmit();
  const heading = useRef<HTMLDivElement>(null);

  useEffect(() => {
    heading.current?.querySelector<HTMLElement>("h1")?.focus();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    await submit(
      event.currentTarget,
      { code: useBackup ? required(t, value) : validateCode(t, value) },
      async () => {
        const result = await accountApi.twoFactor(
          useBackup ? { backupCode: value } : { code: value.replace(/\s/g, "") },
        );
        onSignedIn(result.me);
      },
      { serverPaths: { code: useBackup ? "backupCode" : "code" } },
    );
  }

  return (
    <>
      <div ref={heading}>
        <PageHeading
          title={t("signIn.twoFactorTitle")}
          lead={useBackup ? t("signIn.backupLead") : t("signIn.codeLead")}
        />
      </div>
      <form className="form card" onSubmit={onSubmit} noValidate>
        <FormAlert message={formError} />
        {useBackup ? (
          <TextField
            key="backup"
            label={t("fields.backupCode")}
            name="code"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={errors.code}
          />
        ) : (
          <TextField
            key="code"
            label={t("fields.code")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={7}
            required
            hint={t("signIn.codeHint")}
            error={errors.code}
          />
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary button-large" disabled={busy}>
            {t("signIn.verify")}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setUseBackup((v) => !v);
              reset();
            }}
          >
            {useBackup ? t("signIn.useCode") : t("signIn.useBackup")}
          </button>
        </div>
        <button type="button" className="link-button" onClick={onBack}>
          {t("signIn.startOver")}
        </button>
      </form>
    </>
  );
}
