// Members telling the moderators about a forum post ("Flag") or a private
// message they received ("Report"). Nothing is shown publicly: the writer is not
// told who reported, and the post carries no label, as safe-messaging asks.
import { useId, useState, type FormEvent } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { Fieldset, FormAlert, TextAreaField } from "../../components/FormField";
import { FlagIcon } from "../../components/icons";
import { useFormSubmit } from "../../components/useFormSubmit";
import { forumApi } from "../forums/api";
import { FLAG_REASONS, type FlagReason } from "../forums/constants";
import { moderationApi } from "./api";

const MAX_NOTE = 1000;

/**
 * "Let a moderator know" about a post. Nothing is shown publicly: the author is
 * not told and the post carries no label, as safe-messaging practice asks.
 */
export function FlagDialog({ postId, authorLabel }: { postId: string; authorLabel: string }) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-quiet button-small post-action">
        <FlagIcon />
        {t("forums.flag.button")}
        <span className="visually-hidden"> ({authorLabel})</span>
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <FlagForm send={(body) => forumApi.flag(postId, body)} about="post" name={null} onClose={close} />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/**
 * "Report" on a private message from the other person: it reaches the moderators
 * (who read the message, and are recorded reading it); the writer is not told.
 */
export function ReportMessageDialog({ messageId, authorName }: { messageId: string; authorName: string }) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="link-button message-report">
        <FlagIcon />
        {t("messages.report.button")}
        <span className="visually-hidden"> ({t("messages.report.context", { name: authorName })})</span>
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <FlagForm
                send={(body) =>
                  moderationApi.report({ targetKind: "conversation_message", targetId: messageId, ...body })
                }
                about="message"
                name={authorName}
                onClose={close}
              />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

type Send = (body: { reason: FlagReason; note: string }) => Promise<unknown>;

function FlagForm({
  send,
  about,
  name,
  onClose,
}: {
  send: Send;
  /** What is reported: a forum post, or a private message from `name`. */
  about: "post" | "message";
  name: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { errors, formError, busy, submit } = useFormSubmit<{ reason?: string; note?: string }>();
  // "already": this person flagged the post before; that is as good as now.
  const [sent, setSent] = useState<false | "sent" | "already">(false);
  const radioName = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get("reason") ?? "") as FlagReason;
    const note = String(form.get("note") ?? "").trim();
    const checked = {
      reason: FLAG_REASONS.includes(reason) ? undefined : t("forums.flag.chooseReason"),
      note: note.length > MAX_NOTE ? t("validation.tooLong", { max: MAX_NOTE }) : undefined,
    };
    await submit(event.currentTarget, checked, async () => {
      try {
        await send({ reason, note });
        setSent("sent");
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 409)) throw error;
        setSent("already");
      }
    });
  }

  if (sent) {
    return (
      <>
        <Heading slot="title" level={2} className="dialog-title">
          {t("forums.flag.thanksTitle")}
        </Heading>
        <p role="status">
          {sent === "already"
            ? about === "message"
              ? t("messages.report.alreadyBody")
              : t("forums.flag.alreadyBody")
            : t("forums.flag.thanksBody")}
        </p>
        {about === "message" && name ? <p>{t("messages.report.spaceNote", { name })}</p> : null}
        <div className="button-row">
          <Button className="button button-primary" onPress={onClose} autoFocus>
            {t("common.close")}
          </Button>
        </div>
      </>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Heading slot="title" level={2} className="dialog-title">
        {about === "message" ? t("messages.report.title", { name }) : t("forums.flag.title")}
      </Heading>
      <p className="muted">{about === "message" ? t("messages.report.intro", { name }) : t("forums.flag.intro")}</p>
      <FormAlert message={formError} />
      <Fieldset legend={t("forums.flag.reasonLegend")} error={errors.reason}>
        <div className="radio-list">
          {FLAG_REASONS.map((reason) => (
            <div className="check radio" key={reason}>
              <input
                type="radio"
                id={`${radioName}-${reason}`}
                name="reason"
                value={reason}
                aria-invalid={errors.reason ? true : undefined}
              />
              <label htmlFor={`${radioName}-${reason}`}>{t(`forums.flag.reasons.${reason}`)}</label>
            </div>
          ))}
        </div>
      </Fieldset>
      <p className="notice notice-warm small">{t("forums.flag.crisisNote")}</p>
      <TextAreaField
        label={t("forums.flag.note")}
        hint={t("forums.flag.noteHint")}
        name="note"
        optional
        rows={3}
        maxLength={MAX_NOTE}
        error={errors.note}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("forums.flag.send")}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
