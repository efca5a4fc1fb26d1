// Admins keep a list of watched words: each is flagged for the moderators, holds
// a post for approval, is replaced, or becomes a link. Words never stop anyone
// from posting, and words that may be a cry for help can only be flagged or
// linked to help — the server refuses the rest, and the form says so by the field.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { Fieldset, FormAlert, FormSuccess, TextField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { problemMessage } from "../../components/errors";
import { useFormSubmit } from "../../components/useFormSubmit";
import { moderationApi, moderationKeys, useWatchedWords, type WatchedWord } from "../moderation/api";
import { WATCHED_WORD_ACTIONS, type WatchedWordAction } from "../moderation/constants";

type Input = { phrase: string; action: WatchedWordAction; replacement: string | null; url: string | null };

export function WatchedWordsPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const words = useWatchedWords();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = words.data?.items ?? [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: moderationKeys.words });
  const saved = (word: WatchedWord) => {
    setError(null);
    setStatus(t("admin.words.saved", { phrase: word.phrase }));
    void refresh();
  };

  async function remove(word: WatchedWord) {
    setStatus(null);
    setError(null);
    try {
      await moderationApi.deleteWord(word.id);
      setStatus(t("admin.words.deleted", { phrase: word.phrase }));
    } catch (err) {
      setError(problemMessage(t, err));
    }
    void refresh();
  }

  return (
    <div className="stack">
      <div className="toolbar">
        <div className="stack-sm">
          <p>{t("admin.words.intro")}</p>
          <p className="field-hint">{t("admin.words.matching")}</p>
        </div>
        <WordDialog
          trigger={t("admin.words.add")}
          title={t("admin.words.add")}
          save={(input) => moderationApi.createWord(input)}
          onSaved={saved}
        />
      </div>
      <p className="notice notice-warm small">{t("admin.words.crisisNote")}</p>
      <FormSuccess message={status} />
      <FormAlert message={error} />
      {words.isPending ? <Loading /> : null}
      {words.isError ? <QueryError error={words.error} /> : null}
      {words.data && items.length === 0 ? <p className="muted">{t("admin.words.none")}</p> : null}
      {items.length > 0 ? (
        <ul className="admin-category-list watched-words" aria-label={t("admin.words.listLabel")}>
          {items.map((word) => (
            <li key={word.id} className="admin-category watched-word">
              <div className="admin-category-text">
                <h3 className="h4 watched-phrase">
                  <span className="visually-hidden">{t("admin.words.phrase")}: </span>
                  <code>{word.phrase}</code>
                </h3>
                <p className="small">
                  <strong>{t(`admin.words.actions.${word.action}.label`)}</strong>
                  {word.action === "replace" && word.replacement ? (
                    <> — {t("admin.words.replacedWith", { replacement: word.replacement })}</>
                  ) : null}
                  {word.action === "link" && word.url ? (
                    <>
                      {" "}
                      — {t("admin.words.linksTo")} <code className="watched-url">{word.url}</code>
                    </>
                  ) : null}
                </p>
              </div>
              <div className="button-row button-row-tight">
                <WordDialog
                  trigger={
                    <>
                      {t("admin.forums.editShort")}
                      <span className="visually-hidden"> {word.phrase}</span>
                    </>
                  }
                  title={t("admin.words.edit")}
                  initial={word}
                  small
                  save={(input) => moderationApi.updateWord(word.id, input)}
                  onSaved={saved}
                />
                <ConfirmButton
                  label={
                    <>
                      {t("admin.delete")}
                      <span className="visually-hidden"> {word.phrase}</span>
                    </>
                  }
                  title={t("admin.words.deleteTitle", { phrase: word.phrase })}
                  body={<p>{t("admin.words.deleteBody")}</p>}
                  confirmLabel={t("admin.words.deleteConfirm")}
                  onConfirm={() => void remove(word)}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function WordDialog({
  trigger,
  title,
  initial,
  save,
  onSaved,
  small = false,
}: {
  trigger: ReactNode;
  title: string;
  initial?: WatchedWord;
  save: (input: Input) => Promise<WatchedWord>;
  onSaved: (word: WatchedWord) => void;
  small?: boolean;
}) {
  return (
    <DialogTrigger>
      <Button className={small ? "button button-secondary button-small" : "button button-primary"}>{trigger}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <WordForm
                title={title}
                initial={initial}
                save={save}
                onCancel={close}
                onSaved={(word) => {
                  onSaved(word);
                  close();
                }}
              />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

type Errors = { phrase?: string; action?: string; replacement?: string; url?: string };

const PHRASE_CHARS = /^[\p{L}\p{N}\p{M}*'’\- ]+$/u;

function WordForm({
  title,
  initial,
  save,
  onSaved,
  onCancel,
}: {
  title: string;
  initial?: WatchedWord;
  save: (input: Input) => Promise<WatchedWord>;
  onSaved: (word: WatchedWord) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const [action, setAction] = useState<WatchedWordAction>(initial?.action ?? "flag");
  const name = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "").trim();
    const input: Input = {
      phrase: get("phrase"),
      action,
      replacement: action === "replace" ? get("replacement") : null,
      url: action === "link" ? get("url") : null,
    };
    const letters = (input.phrase.match(/[\p{L}\p{N}]/gu) ?? []).length;
    const checked: Errors = {
      phrase:
        input.phrase.length < 2
          ? t("admin.words.phraseShort")
          : input.phrase.length > 100
            ? t("validation.tooLong", { max: 100 })
            : letters < 2
              ? t("admin.words.phraseLetters")
              : !PHRASE_CHARS.test(input.phrase)
                ? t("admin.words.phraseChars")
                : input.phrase.includes("**")
                  ? t("admin.words.phraseStars")
                  : undefined,
      replacement:
        action === "replace" && !input.replacement
          ? t("admin.words.replacementRequired")
          : (input.replacement ?? "").length > 100
            ? t("validation.tooLong", { max: 100 })
            : undefined,
      url:
        action === "link" && !/^https?:\/\/\S+\.\S+/i.test(input.url ?? "") ? t("admin.words.urlInvalid") : undefined,
    };
    await submit(event.currentTarget, checked, async () => onSaved(await save(input)), {
      alsoFromServer: ["action"],
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Heading slot="title" level={2} className="dialog-title">
        {title}
      </Heading>
      <FormAlert message={formError} />
      <TextField
        label={t("admin.words.phrase")}
        hint={t("admin.words.phraseHint")}
        name="phrase"
        defaultValue={initial?.phrase ?? ""}
        maxLength={100}
        autoCapitalize="none"
        spellCheck={false}
        autoComplete="off"
        error={errors.phrase}
      />
      <Fieldset legend={t("admin.words.actionLegend")} error={errors.action}>
        <div className="radio-list">
          {WATCHED_WORD_ACTIONS.map((a) => (
            <div className="check radio" key={a}>
              <input
                type="radio"
                id={`${name}-${a}`}
                name="action"
                value={a}
                checked={action === a}
                onChange={() => setAction(a)}
                aria-invalid={errors.action ? true : undefined}
                aria-describedby={`${name}-${a}-hint`}
              />
              <div>
                <label htmlFor={`${name}-${a}`}>{t(`admin.words.actions.${a}.label`)}</label>
                <p className="field-hint" id={`${name}-${a}-hint`}>
                  {t(`admin.words.actions.${a}.hint`)}
                </p>
              </div>
            </div>
          ))}
        </div>
      </Fieldset>
      {action === "replace" ? (
        <TextField
          label={t("admin.words.replacement")}
          hint={t("admin.words.replacementHint")}
          name="replacement"
          defaultValue={initial?.replacement ?? ""}
          maxLength={100}
          error={errors.replacement}
        />
      ) : null}
      {action === "link" ? (
        <TextField
          label={t("admin.words.url")}
          hint={t("admin.words.urlHint")}
          name="url"
          type="url"
          inputMode="url"
          defaultValue={initial?.url ?? ""}
          maxLength={300}
          autoCapitalize="none"
          spellCheck={false}
          error={errors.url}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
