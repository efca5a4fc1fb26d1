// One moderator action on a review item, asked for in a small dialog: why (kept
// in the moderation record), and where the action needs them, the words the
// author will read and how long a pause lasts. Errors appear by their fields.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { FormAlert, SelectField, TextAreaField } from "../../components/FormField";
import { useFormSubmit } from "../../components/useFormSubmit";
import { moderationApi, moderationKeys, type ReviewActionBody, type ReviewItem } from "./api";
import { MAX_MESSAGE, MAX_REASON, SILENCE_HOURS, type ReviewAction } from "./constants";

type Errors = { reason?: string; message?: string; hours?: string };

/** What the author is called in the dialog: their pseudonym, or kindly vague when the post is anonymous. */
export type Subject = { name: string | null; thing: "post" | "message" };

export function ActionDialog({
  item,
  action,
  subject,
  context,
  className,
  onDone,
}: {
  item: ReviewItem;
  action: ReviewAction;
  subject: Subject;
  /** Read after the button's label by screen readers, naming the item. */
  context: string;
  className: string;
  onDone: (updated: ReviewItem, action: ReviewAction) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className={className}>
        {t(`moderation.button.${action}`)}
        <span className="visually-hidden"> ({context})</span>
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <ActionForm
                item={item}
                action={action}
                subject={subject}
                context={context}
                onCancel={close}
                onDone={(updated) => {
                  close();
                  onDone(updated, action);
                }}
              />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

const needsMessage = (a: ReviewAction) => a === "warn";
const offersMessage = (a: ReviewAction) => a === "warn" || a === "silence" || a === "edit_method_details";

function ActionForm({
  item,
  action,
  subject,
  context,
  onDone,
  onCancel,
}: {
  item: ReviewItem;
  action: ReviewAction;
  subject: Subject;
  context: string;
  onDone: (updated: ReviewItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const [hours, setHours] = useState<number>(24);
  const name = subject.name ?? t("moderation.theAuthor");
  const thing = t(`moderation.thing.${subject.thing}`);
  const words = { name, thing };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get("reason") ?? "").trim();
    const message = String(form.get("message") ?? "").trim();
    const checked: Errors = {
      reason: !reason
        ? t("moderation.action.reasonRequired")
        : reason.length > MAX_REASON
          ? t("validation.tooLong", { max: MAX_REASON })
          : undefined,
      message:
        needsMessage(action) && !message
          ? t("moderation.action.messageRequired")
          : message.length > MAX_MESSAGE
            ? t("validation.tooLong", { max: MAX_MESSAGE })
            : undefined,
    };
    await submit(
      event.currentTarget,
      checked,
      async () => {
        try {
          onDone(await moderationApi.act(item.id, bodyFor(action, reason, message, hours)));
        } catch (error) {
          // Settled or changed by someone else meanwhile: the queue shows it as it is now.
          if (error instanceof ApiError && (error.status === 409 || error.status === 404))
            void queryClient.invalidateQueries({ queryKey: moderationKeys.queue });
          throw error;
        }
      },
      { alsoFromServer: ["hours"] },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Heading slot="title" level={2} className="dialog-title">
        {t(`moderation.action.${action}.title`, words)}
      </Heading>
      <p className="muted small dialog-context">{context}</p>
      <p>{t(`moderation.action.${action}.intro`, words)}</p>
      <FormAlert message={formError} />
      <TextAreaField
        label={t("moderation.action.reason")}
        hint={t("moderation.action.reasonHint", words)}
        name="reason"
        rows={2}
        maxLength={MAX_REASON}
        error={errors.reason}
      />
      {action === "silence" ? (
        <SelectField
          label={t("moderation.action.hours")}
          hint={t("moderation.action.hoursHint")}
          name="hours"
          value={String(hours)}
          onChange={(e) => setHours(Number(e.target.value))}
          error={errors.hours}
        >
          {SILENCE_HOURS.map((h) => (
            <option key={h} value={h}>
              {t(`moderation.action.duration.h${h}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {offersMessage(action) ? (
        <TextAreaField
          label={t("moderation.action.message", words)}
          hint={t(`moderation.action.${action as "warn" | "silence" | "edit_method_details"}.messageHint`, words)}
          name="message"
          rows={4}
          maxLength={MAX_MESSAGE}
          optional={!needsMessage(action)}
          error={errors.message}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t(`moderation.action.${action}.confirm`, words)}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function bodyFor(action: ReviewAction, reason: string, message: string, hours: number): ReviewActionBody {
  switch (action) {
    case "warn":
      return { action, reason, message };
    case "silence":
      return { action, reason, hours, ...(message ? { message } : {}) };
    case "edit_method_details":
      return { action, reason, ...(message ? { message } : {}) };
    default:
      return { action, reason };
  }
}

/** A labelled row of action buttons, e.g. "About the post" or "About the author". */
export function ActionGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="review-action-group" role="group" aria-label={label}>
      <span className="review-action-label" aria-hidden="true">
        {label}
      </span>
      <div className="button-row button-row-tight">{children}</div>
    </div>
  );
}
