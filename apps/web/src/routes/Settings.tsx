import type { Me } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import QRCode from "qrcode";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { accountApi, meKey, useMe, type TwoFactorSetup } from "../features/accounts/api";
import { required, validateCode, validatePassword, validatePseudonym } from "../features/accounts/validation";
import { forumKeys } from "../features/forums/api";
import { moderationApi, moderationKeys, useMutes } from "../features/moderation/api";
import { blocksKey, profileApi, useBlocks } from "../features/profile/api";
import { ConfirmButton } from "../components/ConfirmDialog";
import { FormAlert, FormSuccess, TextField } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { problemMessage } from "../components/errors";
import { currentLocale } from "../i18n/i18n";
import { useFormSubmit } from "../components/useFormSubmit";

export default function SettingsPage() {
  return (
    <RequireAuth>
      <Settings />
    </RequireAuth>
  );
}

function Settings() {
  const { t } = useTranslation();
  const me = useMe().data!;
  return (
    <div className="stack-lg">
      <PageHeading title={t("settings.title")} lead={t("settings.lead")} />
      <NotificationsSection />
      <PasswordSection />
      <TwoFactorSection me={me} />
      <MutesSection me={me} />
      <BlocksSection me={me} />
    </div>
  );
}

function NotificationsSection() {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t("settings.notificationsTitle")}</h2>
      <p>{t("settings.notificationsIntro")}</p>
      <p>
        <Link to="/settings/notifications" className="button button-secondary">
          {t("settings.notificationsLink")}
        </Link>
      </p>
    </section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const { errors, formError, busy, submit } = useFormSubmit();
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    const repeat = String(form.get("repeatPassword") ?? "");
    setSaved(null);
    const checked = {
      currentPassword: required(t, currentPassword),
      newPassword: validatePassword(t, newPassword),
      repeatPassword: repeat !== newPassword ? t("validation.passwordsDiffer") : undefined,
    };
    await submit(formElement, checked, async () => {
      await accountApi.changePassword({ currentPassword, newPassword });
      formElement.reset();
      setSaved(t("settings.passwordChanged"));
    });
  }

  return (
    <section className="card stack" aria-labelledby="password-title">
      <h2 id="password-title">{t("settings.passwordTitle")}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert message={formError} />
        <TextField
          label={t("fields.currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword}
        />
        <TextField
          label={t("fields.newPassword")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t("signUp.passwordHint")}
          error={errors.newPassword}
        />
        <TextField
          label={t("fields.repeatPassword")}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          error={errors.repeatPassword}
        />
        <FormSuccess message={saved} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("settings.changePassword")}
          </button>
        </div>
      </form>
    </section>
  );
}

function TwoFactorSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const updateMe = (next: Me) => queryClient.setQueryData(meKey, next);

  return (
    <section className="card stack" aria-labelledby="two-factor" id="two-factor-section">
      <h2 id="two-factor" tabIndex={-1}>
        {t("settings.twoFactorTitle")}
      </h2>
      <p>{t("settings.twoFactorIntro")}</p>
      {me.rolesAwaitingTwoFactor.length > 0 && !me.twoFactorEnabled ? (
        <Notice tone="info">
          {t("home.twoFactorBody", { roles: me.rolesAwaitingTwoFactor.map((r) => t(`roles.${r}`)).join(", ") })}
        </Notice>
      ) : null}
      <FormSuccess message={status} />
      {me.twoFactorEnabled ? (
        <>
          <p className="status-line">
            <span className="dot dot-on" aria-hidden="true" /> {t("settings.twoFactorOn")}
          </p>
          <DisableTwoFactor
            onDone={(next) => {
              updateMe(next);
              setStatus(t("settings.twoFactorDisabled"));
            }}
          />
        </>
      ) : setup ? (
        <ConfirmTwoFactor
          setup={setup}
          onCancel={() => setSetup(null)}
          onDone={(next) => {
            updateMe(next);
            setSetup(null);
            setStatus(t("settings.twoFactorEnabled"));
          }}
        />
      ) : (
        <>
          <p className="status-line">
            <span className="dot" aria-hidden="true" /> {t("settings.twoFactorOff")}
          </p>
          <StartTwoFactor
            onStarted={(s) => {
              setStatus(null);
              setSetup(s);
            }}
          />
        </>
      )}
    </section>
  );
}

function PasswordForm({
  submitLabel,
  onSubmit,
  hint,
}: {
  submitLabel: string;
  hint?: string;
  onSubmit: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { errors, formError, busy, submit } = useFormSubmit();
  return (
    <form
      className="form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const password = String(new FormData(event.currentTarget).get("password") ?? "");
        await submit(event.currentTarget, { password: required(t, password) }, () => onSubmit(password));
      }}
    >
      <FormAlert message={formError} />
      <TextField
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        hint={hint}
        error={errors.password}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function StartTwoFactor({ onStarted }: { onStarted: (setup: TwoFactorSetup) => void }) {
  const { t } = useTranslation();
  return (
    <PasswordForm
      submitLabel={t("settings.twoFactorStart")}
      hint={t("settings.twoFactorPasswordHint")}
      onSubmit={async (password) => onStarted(await accountApi.setupTwoFactor(password))}
    />
  );
}

function DisableTwoFactor({ onDone }: { onDone: (me: Me) => void }) {
  const { t } = useTranslation();
  return (
    <details className="disclosure">
      <summary>{t("settings.twoFactorDisableTitle")}</summary>
      <p>{t("settings.twoFactorDisableHint")}</p>
      <PasswordForm
        submitLabel={t("settings.twoFactorDisable")}
        onSubmit={async (password) => onDone(await accountApi.disableTwoFactor(password))}
      />
    </details>
  );
}

function ConfirmTwoFactor({
  setup,
  onDone,
  onCancel,
}: {
  setup: TwoFactorSetup;
  onDone: (me: Me) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const { errors, formError, busy, submit } = useFormSubmit();

  useEffect(() => {
    let live = true;
    QRCode.toDataURL(setup.totpURI, { margin: 1, width: 220, errorCorrectionLevel: "M" })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [setup.totpURI]);

  return (
    <div className="stack">
      <ol className="steps">
        <li>
          <h3 className="h4">{t("settings.twoFactorStep1")}</h3>
          <div className="qr-row">
            {qr ? <img className="qr" src={qr} width={220} height={220} alt={t("settings.qrAlt")} /> : null}
            <div className="stack-sm">
              <p>{t("settings.secretLabel")}</p>
              <p>
                <code className="secret">{setup.secret}</code>
              </p>
              <details className="disclosure">
                <summary>{t("settings.uriLabel")}</summary>
                <p>
                  <code className="secret wrap">{setup.totpURI}</code>
                </p>
              </details>
            </div>
          </div>
        </li>
        <li>
          <h3 className="h4">{t("settings.twoFactorStep2")}</h3>
          <p>{t("settings.backupCodesHint")}</p>
          <ul className="backup-codes" aria-label={t("settings.backupCodesLabel")}>
            {setup.backupCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </li>
        <li>
          <h3 className="h4">{t("settings.twoFactorStep3")}</h3>
          <form
            className="form"
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s/g, "");
              await submit(event.currentTarget, { code: validateCode(t, code) }, async () =>
                onDone(await accountApi.confirmTwoFactor(code)),
              );
            }}
          >
            <FormAlert message={formError} />
            <TextField
              label={t("fields.code")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              hint={t("signIn.codeHint")}
              error={errors.code}
            />
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("settings.twoFactorConfirm")}
              </button>
              <button type="button" className="button button-secondary" onClick={onCancel}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

function BlocksSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const active = me.status === "active";
  const blocks = useBlocks(active);
  const { errors, formError, busy, submit } = useFormSubmit();
  const [unblockError, setUnblockError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const locale = currentLocale();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });

  async function unblock(pseudonym: string) {
    setStatus(null);
    setUnblockError(null);
    try {
      await profileApi.unblock(pseudonym);
      setStatus(t("settings.unblocked", { pseudonym }));
    } catch (err) {
      setUnblockError(problemMessage(t, err));
    }
    void queryClient.invalidateQueries({ queryKey: blocksKey });
    void queryClient.invalidateQueries({ queryKey: ["member"] });
  }

  return (
    <section className="card stack" aria-labelledby="blocks-title">
      <h2 id="blocks-title">{t("settings.blocksTitle")}</h2>
      <p>{t("settings.blocksIntro")}</p>
      {!active ? (
        <Notice tone="info">{t("settings.blocksPending")}</Notice>
      ) : (
        <>
          <form
            className="form inline-form"
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              const formElement = event.currentTarget;
              const pseudonym = String(new FormData(formElement).get("pseudonym") ?? "").trim();
              setStatus(null);
              setUnblockError(null);
              await submit(formElement, { pseudonym: validatePseudonym(t, pseudonym) }, async () => {
                await profileApi.block(pseudonym);
                formElement.reset();
                setStatus(t("settings.blocked", { pseudonym }));
                void queryClient.invalidateQueries({ queryKey: blocksKey });
                void queryClient.invalidateQueries({ queryKey: ["member"] });
              });
            }}
          >
            <FormAlert message={formError ?? unblockError} />
            <div className="inline-form-row">
              <TextField
                label={t("settings.blockByPseudonym")}
                name="pseudonym"
                autoCapitalize="none"
                spellCheck={false}
                autoComplete="off"
                error={errors.pseudonym}
              />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("settings.block")}
              </button>
            </div>
          </form>
          <FormSuccess message={status} />
          {blocks.isPending ? <Loading /> : null}
          {blocks.isError ? <QueryError error={blocks.error} /> : null}
          {blocks.data && blocks.data.items.length === 0 ? <p className="muted">{t("settings.noBlocks")}</p> : null}
          {blocks.data && blocks.data.items.length > 0 ? (
            <ul className="plain-list" aria-label={t("settings.blockedListLabel")}>
              {blocks.data.items.map((b) => (
                <li key={b.pseudonym} className="list-row">
                  <div>
                    <Link to={`/members/${encodeURIComponent(b.pseudonym)}`}>{b.pseudonym}</Link>
                    <p className="muted small">
                      {t("settings.blockedSince", { date: dateFormat.format(new Date(b.blockedAt)) })}
                    </p>
                  </div>
                  <ConfirmButton
                    label={t("settings.unblockNamed", { pseudonym: b.pseudonym })}
                    title={t("settings.unblockTitle", { pseudonym: b.pseudonym })}
                    body={<p>{t("settings.unblockBody")}</p>}
                    confirmLabel={t("settings.unblock")}
                    onConfirm={() => void unblock(b.pseudonym)}
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

/** People one has muted: their posts are folded away and their activity does not notify. */
function MutesSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const active = me.status === "active";
  const mutes = useMutes(active);
  const { errors, formError, busy, submit } = useFormSubmit();
  const [unmuteError, setUnmuteError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const locale = currentLocale();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: moderationKeys.mutes });
    void queryClient.invalidateQueries({ queryKey: forumKeys.all });
  };

  async function unmute(pseudonym: string) {
    setStatus(null);
    setUnmuteError(null);
    try {
      await moderationApi.unmute(pseudonym);
      setStatus(t("settings.unmuted", { pseudonym }));
    } catch (err) {
      setUnmuteError(problemMessage(t, err));
    }
    changed();
  }

  return (
    <section className="card stack" aria-labelledby="mutes-title">
      <h2 id="mutes-title">{t("settings.mutesTitle")}</h2>
      <p>{t("settings.mutesIntro")}</p>
      {!active ? (
        <Notice tone="info">{t("settings.mutesPending")}</Notice>
      ) : (
        <>
          <form
            className="form inline-form"
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              const formElement = event.currentTarget;
              const pseudonym = String(new FormData(formElement).get("pseudonym") ?? "").trim();
              setStatus(null);
              setUnmuteError(null);
              await submit(formElement, { pseudonym: validatePseudonym(t, pseudonym) }, async () => {
                await moderationApi.mute(pseudonym);
                formElement.reset();
                setStatus(t("settings.muted", { pseudonym }));
                changed();
              });
            }}
          >
            <FormAlert message={formError ?? unmuteError} />
            <div className="inline-form-row">
              <TextField
                label={t("settings.muteByPseudonym")}
                name="pseudonym"
                autoCapitalize="none"
                spellCheck={false}
                autoComplete="off"
                error={errors.pseudonym}
              />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("settings.mute")}
              </button>
            </div>
          </form>
          <FormSuccess message={status} />
          {mutes.isPending ? <Loading /> : null}
          {mutes.isError ? <QueryError error={mutes.error} /> : null}
          {mutes.data && mutes.data.items.length === 0 ? <p className="muted">{t("settings.noMutes")}</p> : null}
          {mutes.data && mutes.data.items.length > 0 ? (
            <ul className="plain-list" aria-label={t("settings.mutedListLabel")}>
              {mutes.data.items.map((m) => (
                <li key={m.pseudonym} className="list-row">
                  <div>
                    <Link to={`/members/${encodeURIComponent(m.pseudonym)}`}>{m.pseudonym}</Link>
                    <p className="muted small">
                      {t("settings.mutedSince", { date: dateFormat.format(new Date(m.mutedAt)) })}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => void unmute(m.pseudonym)}
                  >
                    {t("settings.unmuteNamed", { pseudonym: m.pseudonym })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
