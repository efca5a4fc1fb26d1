// One alert in the on-call queue: how urgent, about what, how long it has
// waited and who took it, the words that raised it (method details hidden until
// asked for), and what the person on call can do: acknowledge, reach out in a
// private conversation, resolve with an outcome.
import { useQueryClient } from "@tanstack/react-query";
import { forwardRef, useId, useState, type FormEvent } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../../api/client";
import { FormAlert, SelectField, TextAreaField } from "../../components/FormField";
import { problemMessage } from "../../components/errors";
import { useFormSubmit } from "../../components/useFormSubmit";
import { currentLocale } from "../../i18n/i18n";
import { useMe } from "../accounts/api";
import { messageKeys } from "../messages/api";
import { fullTime, relativeTime } from "../notifications/time";
import { ALERT_OUTCOMES } from "./constants";
import { MethodText, hasMethodDetails } from "./MethodText";
import { asTier, safetyApi, safetyKeys, type Alert, type AlertOutcome } from "./api";
import { useDuration } from "./duration";

type Props = { alert: Alert; now: number; highlighted: boolean; onDone: (message: string) => void };

export const AlertCard = forwardRef<HTMLLIElement, Props>(function AlertCard({ alert, now, highlighted, onDone }, ref) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const duration = useDuration();
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tier = asTier(alert.tier);
  const person = alert.author?.pseudonym ?? t("safety.someoneGone");
  const ago = (iso: string) => relativeTime(iso, now, locale, t("notifications.justNow"));
  const refresh = () => queryClient.invalidateQueries({ queryKey: safetyKeys.alerts });

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      // Someone else took or closed it meanwhile: show the queue as it is now, and say so.
      if (err instanceof ApiError && err.status === 409) void refresh();
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  const acknowledge = () =>
    act(async () => {
      await safetyApi.acknowledge(alert.id);
      await refresh();
      onDone(t("safety.acknowledged", { name: person }));
    });

  const reachOut = () =>
    act(async () => {
      const { conversationId } = await safetyApi.reachOut(alert.id);
      void refresh();
      void queryClient.invalidateQueries({ queryKey: messageKeys.all });
      await navigate(`/messages/${encodeURIComponent(conversationId)}`);
    });

  const canReachOut = !!alert.author && alert.author.id !== me?.id && alert.status !== "resolved";

  return (
    <li
      ref={ref}
      id={`alert-${alert.id}`}
      tabIndex={-1}
      className={[
        "card alert-card",
        `alert-tier-${tier}`,
        highlighted ? "alert-highlight" : "",
        alert.status === "resolved" ? "alert-resolved" : "",
      ]
        .filter(Boolean)
        .join(" ")}
      aria-labelledby={headingId}
      data-testid="alert-card"
      data-status={alert.status}
    >
      <div className="alert-head">
        <h3 id={headingId} className="alert-title">
          <span className={`tier-badge tier-${tier}`}>{t(`safety.tier.${tier}`)}</span>
          <span className="alert-person">{person}</span>
        </h3>
        <ul className="alert-flags tags" aria-label={t("safety.statusLabel")}>
          {alert.escalatedAt && alert.status !== "resolved" ? (
            <li className="chip chip-escalated" data-testid="alert-escalated">
              {t("safety.escalated")}
            </li>
          ) : null}
          {alert.talkRequested ? <li className="chip chip-crisis">{t("safety.askedToTalk")}</li> : null}
          <li className={`chip chip-status-${alert.status}`}>{t(`safety.status.${alert.status}`)}</li>
        </ul>
      </div>

      <p className="alert-facts">
        <span>
          {t("safety.raised")}{" "}
          <time dateTime={alert.createdAt} title={fullTime(alert.createdAt, locale)}>
            {ago(alert.createdAt)}
          </time>
        </span>
        {alert.escalatedAt ? (
          <span>
            {t("safety.escalatedAt")}{" "}
            <time dateTime={alert.escalatedAt} title={fullTime(alert.escalatedAt, locale)}>
              {ago(alert.escalatedAt)}
            </time>
          </span>
        ) : null}
        {alert.acknowledgedBy && alert.acknowledgedAt ? (
          <span data-testid="alert-taken">
            {t("safety.takenBy", {
              name: alert.acknowledgedBy.pseudonym,
              after: duration(alert.timeToAcknowledgeSeconds ?? 0),
            })}
          </span>
        ) : null}
      </p>

      {alert.categories.length > 0 ? (
        <ul className="tags alert-categories" aria-label={t("safety.categoriesLabel")}>
          {alert.categories.map((c) => (
            <li key={c} className="tag">
              {t(`safety.category.${c}`)}
            </li>
          ))}
        </ul>
      ) : null}

      <AlertSource alert={alert} />

      {alert.status === "resolved" ? (
        <dl className="details alert-outcome">
          <div>
            <dt>{t("safety.outcomeLabel")}</dt>
            <dd>
              {alert.outcome ? t(`safety.outcome.${alert.outcome}`) : "—"}
              {alert.resolvedAt ? (
                <span className="muted">
                  {" "}
                  ·{" "}
                  <time dateTime={alert.resolvedAt} title={fullTime(alert.resolvedAt, locale)}>
                    {ago(alert.resolvedAt)}
                  </time>
                </span>
              ) : null}
            </dd>
          </div>
          {alert.outcomeNote ? (
            <div>
              <dt>{t("safety.noteLabel")}</dt>
              <dd className="alert-note">{alert.outcomeNote}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}

      <FormAlert message={error} />
      <div className="button-row button-row-tight alert-actions">
        {alert.status === "open" ? (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void acknowledge()}>
            {t("safety.acknowledge")}
          </button>
        ) : null}
        {alert.conversationId ? (
          <Link to={`/messages/${encodeURIComponent(alert.conversationId)}`} className="button button-secondary">
            {t("safety.openConversation")}
          </Link>
        ) : canReachOut ? (
          <button
            type="button"
            className={alert.status === "open" ? "button button-secondary" : "button button-primary"}
            disabled={busy}
            onClick={() => void reachOut()}
          >
            {t("safety.reachOut", { name: person })}
          </button>
        ) : null}
        {alert.status !== "resolved" ? <ResolveDialog alert={alert} person={person} onDone={onDone} /> : null}
      </div>
    </li>
  );
});

/** The words that raised the alert, with method details replaced by a chip until asked for. */
function AlertSource({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(false);
  const excerptId = useId();
  const source = alert.source;

  if (!source) {
    return <p className="muted alert-where">{t("safety.fromHelpButton")}</p>;
  }
  const hasHidden = hasMethodDetails(source.excerpt, source.methodSpans);

  return (
    <div className="alert-source stack-sm">
      <MethodText
        text={source.excerpt}
        spans={source.methodSpans}
        reveal={reveal}
        id={excerptId}
        className="alert-excerpt"
        testId="alert-excerpt"
      />
      <div className="alert-source-links">
        {hasHidden ? (
          <button
            type="button"
            className="link-button"
            aria-controls={excerptId}
            aria-expanded={reveal}
            onClick={() => setReveal((r) => !r)}
          >
            {reveal ? t("safety.hideDetails") : t("safety.showDetails")}
          </button>
        ) : null}
        {source.link ? (
          <Link to={source.link}>{t("safety.openPost")}</Link>
        ) : (
          <span className="muted">{t("safety.inConversation")}</span>
        )}
      </div>
      {alert.related ? (
        <p className="alert-related">
          {t("safety.relatedIntro")}{" "}
          <Link to={alert.related.link}>
            {alert.related.author
              ? t("safety.relatedPostBy", { name: alert.related.author.pseudonym })
              : t("safety.relatedPost")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

type ResolveErrors = { outcome?: string; note?: string };

function ResolveDialog({ alert, person, onDone }: { alert: Alert; person: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-secondary">{t("safety.resolve")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-small">
          <Dialog className="dialog">
            {({ close }) => (
              <ResolveForm
                alert={alert}
                person={person}
                onCancel={close}
                onResolved={(message) => {
                  close();
                  onDone(message);
                }}
              />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function ResolveForm({
  alert,
  person,
  onCancel,
  onResolved,
}: {
  alert: Alert;
  person: string;
  onCancel: () => void;
  onResolved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<AlertOutcome | "">("");
  const [note, setNote] = useState("");
  const { errors, formError, busy, submit } = useFormSubmit<ResolveErrors>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked: ResolveErrors = { outcome: outcome ? undefined : t("safety.chooseOutcome") };
    await submit(event.currentTarget, checked, async () => {
      await safetyApi.resolve(alert.id, { outcome: outcome as AlertOutcome, note: note.trim() });
      await queryClient.invalidateQueries({ queryKey: safetyKeys.alerts });
      onResolved(t("safety.resolved", { name: person }));
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Heading slot="title" level={2} className="dialog-title">
        {t("safety.resolveTitle", { name: person })}
      </Heading>
      <p>{t("safety.resolveLead")}</p>
      <FormAlert message={formError} />
      <SelectField
        label={t("safety.outcomeLabel")}
        name="outcome"
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as AlertOutcome)}
        error={errors.outcome}
      >
        <option value="" disabled>
          {t("safety.outcomePlaceholder")}
        </option>
        {ALERT_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`safety.outcome.${o}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t("safety.noteLabel")}
        hint={t("safety.noteHint")}
        optional
        name="note"
        rows={4}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={errors.note}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("safety.resolveSubmit")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
