// "Get help now": on every page, one tap away, opening over the page rather than
// leaving it. Calm, warm copy; numbers come only from the server's directory.
import type { CrisisLine } from "@kindred/contracts";
import { useId, useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useMe } from "../features/accounts/api";
import { dialable, useCrisisLines } from "../features/help/api";
import { TalkToSomeone } from "../features/safety/TalkToSomeone";
import { currentLocale } from "../i18n/i18n";
import { sortedCountries } from "./regions";
import { HeartIcon } from "./icons";

export function GetHelpButton() {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button help-button">
        <HeartIcon />
        <span>{t("help.button")}</span>
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog help-dialog">{({ close }) => <HelpContent onClose={close} />}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function HelpContent({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  // null: let the server choose (profile country, then the organization's default).
  const [country, setCountry] = useState<string | null>(null);

  return (
    <>
      <div className="dialog-header">
        <Heading slot="title" level={2} className="dialog-title">
          {t("help.title")}
        </Heading>
        <Button className="button button-quiet dialog-close" onPress={onClose}>
          {t("common.close")}
        </Button>
      </div>
      <p className="help-lead">{t("help.lead")}</p>
      <p>{t("help.intro")}</p>
      <CrisisLines country={country} onCountryChange={setCountry} />
      {/* Signed in, one can also ask the organization's own team to reach out. */}
      {me && me.status !== "suspended" ? (
        <TalkToSomeone source={null} country={country} onLeave={onClose} variant="secondary" />
      ) : null}
      <p className="muted help-footnote">{t("help.footnote")}</p>
    </>
  );
}

/**
 * The country chooser and the crisis lines for it, support lines first, then
 * emergency services. `country` null lets the server choose.
 */
export function CrisisLines({
  country,
  onCountryChange,
}: {
  country: string | null;
  onCountryChange: (country: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const lines = useCrisisLines(country);
  const selectId = useId();
  const data = lines.data;
  const support = data?.lines.filter((l) => l.kind !== "emergency") ?? [];
  const emergency = data?.lines.filter((l) => l.kind === "emergency") ?? [];

  return (
    <>
      {data ? (
        <div className="field help-country">
          <label className="field-label" htmlFor={selectId}>
            {t("help.country")}
          </label>
          <select
            id={selectId}
            className="input select"
            value={data.country}
            onChange={(e) => onCountryChange(e.target.value)}
          >
            {sortedCountries(
              data.countries.includes(data.country) ? data.countries : [data.country, ...data.countries],
              locale,
            ).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      <div aria-live="polite" aria-busy={lines.isFetching}>
        {lines.isPending ? <p className="muted">{t("common.loading")}</p> : null}
        {lines.isError ? <p className="notice notice-info">{t("help.loadError")}</p> : null}
        {data && data.lines.length === 0 ? <p>{t("help.none")}</p> : null}
        {support.length > 0 ? (
          <ul className="line-list" aria-label={t("help.linesLabel")}>
            {support.map((line) => (
              <CrisisLineItem key={line.id} line={line} level={3} />
            ))}
          </ul>
        ) : null}
        {emergency.length > 0 ? (
          <section className="help-emergency" aria-labelledby={`${selectId}-emergency`}>
            <h3 id={`${selectId}-emergency`} className="help-subtitle">
              {t("help.emergencyTitle")}
            </h3>
            <ul className="line-list">
              {emergency.map((line) => (
                <CrisisLineItem key={line.id} line={line} level={4} />
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}

function CrisisLineItem({ line, level }: { line: CrisisLine; level: 3 | 4 }) {
  const Name = level === 3 ? "h3" : "h4";
  const { t } = useTranslation();
  const number = dialable(line.contact);
  const actions: { href: string; label: string; external?: boolean }[] = [];
  if (number && (line.kind === "call" || line.kind === "emergency")) {
    actions.push({ href: `tel:${number}`, label: t("help.call", { contact: line.contact }) });
  }
  if (number && line.kind === "text") {
    actions.push({ href: `sms:${number}`, label: t("help.text", { contact: line.contact }) });
  }
  if (line.kind === "chat" && line.url) {
    actions.push({ href: line.url, label: t("help.chat"), external: true });
  } else if (line.url) {
    actions.push({ href: line.url, label: t("help.website"), external: true });
  }

  return (
    <li className="line">
      <div className="line-text">
        <Name className="line-name">{line.name}</Name>
        <p className="line-meta">
          <span className="line-kind">{t(`help.kind.${line.kind}`)}</span>
          {!number || line.kind === "chat" ? <span className="line-contact"> · {line.contact}</span> : null}
        </p>
        {line.description ? <p className="line-description">{line.description}</p> : null}
      </div>
      {actions.length > 0 ? (
        <div className="line-actions">
          {actions.map((a) => (
            <a
              key={a.href}
              className={a.external ? "button button-secondary" : "button button-primary"}
              href={a.href}
              {...(a.external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
            >
              {a.label}
              {a.external ? <span className="visually-hidden"> ({t("common.opensNewTab")})</span> : null}
            </a>
          ))}
        </div>
      ) : null}
    </li>
  );
}
