import type { CrisisLine, CrisisLineInput } from "@kindred/contracts";
import { CRISIS_LINE_KINDS } from "../constants";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { FormAlert, FormSuccess, SelectField, TextAreaField, TextField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { problemMessage } from "../../components/errors";
import { useFormSubmit } from "../../components/useFormSubmit";
import { COUNTRY_CODES, countryName, sortedCountries } from "../../components/regions";
import { currentLocale } from "../../i18n/i18n";
import { useCrisisLines } from "../help/api";
import { adminApi } from "./api";

const KINDS = CRISIS_LINE_KINDS;

export function CrisisLinesPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [country, setCountry] = useState<string | null>(null);
  const lines = useCrisisLines(country);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = lines.data?.country ?? country ?? "";
  const items = (lines.data?.lines ?? []).filter((l) => l.country === shown);
  const countryOptions = lines.data ? [...new Set([...lines.data.countries, shown].filter(Boolean))] : [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: ["crisis-lines"] });

  async function remove(line: CrisisLine) {
    setStatus(null);
    setError(null);
    try {
      await adminApi.deleteLine(line.id);
      setStatus(t("admin.lineDeleted", { name: line.name }));
    } catch (err) {
      setError(problemMessage(t, err));
    }
    void refresh();
  }

  return (
    <div className="stack">
      <p>{t("admin.linesIntro")}</p>
      <div className="toolbar">
        {lines.data ? (
          <SelectField
            label={t("admin.showCountry")}
            value={shown}
            onChange={(e) => setCountry(e.target.value)}
            className="toolbar-field"
          >
            {sortedCountries(countryOptions, locale).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <LineDialog
          trigger={t("admin.addLine")}
          title={t("admin.addLine")}
          initial={{ country: shown || "US" }}
          onSaved={(line) => {
            setStatus(t("admin.lineSaved", { name: line.name }));
            setCountry(line.country);
            void refresh();
          }}
          save={(input) => adminApi.createLine(input)}
        />
      </div>
      <FormSuccess message={status} />
      <FormAlert message={error} />
      {lines.isPending ? <Loading /> : null}
      {lines.isError ? <QueryError error={lines.error} /> : null}
      {lines.data && items.length === 0 ? (
        <p className="muted">{t("admin.noLines", { country: countryName(shown, locale) })}</p>
      ) : null}
      {items.length > 0 ? (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={t("admin.linesTableLabel", { country: countryName(shown, locale) })}
        >
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.lineName")}</th>
                <th scope="col">{t("admin.lineKind")}</th>
                <th scope="col">{t("admin.lineContact")}</th>
                <th scope="col">{t("admin.lineOrder")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((line) => (
                <tr key={line.id}>
                  <td>
                    {line.name}
                    {line.description ? <div className="muted small">{line.description}</div> : null}
                  </td>
                  <td>{t(`help.kind.${line.kind}`)}</td>
                  <td>{line.contact}</td>
                  <td>{line.sortOrder}</td>
                  <td>
                    <div className="button-row button-row-tight">
                      <LineDialog
                        trigger={t("admin.editNamed", { name: line.name })}
                        title={t("admin.editLine")}
                        initial={line}
                        small
                        onSaved={(saved) => {
                          setStatus(t("admin.lineSaved", { name: saved.name }));
                          void refresh();
                        }}
                        save={(input) => adminApi.updateLine(line.id, input)}
                      />
                      <ConfirmButton
                        label={t("admin.deleteNamed", { name: line.name })}
                        title={t("admin.deleteLineTitle", { name: line.name })}
                        body={<p>{t("admin.deleteLineBody")}</p>}
                        confirmLabel={t("admin.delete")}
                        onConfirm={() => void remove(line)}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function LineDialog({
  trigger,
  title,
  initial,
  save,
  onSaved,
  small = false,
}: {
  trigger: string;
  title: string;
  initial: Partial<CrisisLine>;
  save: (input: CrisisLineInput) => Promise<CrisisLine>;
  onSaved: (line: CrisisLine) => void;
  small?: boolean;
}) {
  return (
    <DialogTrigger>
      <Button className={small ? "button button-secondary button-small" : "button button-primary"}>{trigger}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <LineForm
                title={title}
                initial={initial}
                save={save}
                onCancel={close}
                onSaved={(line) => {
                  onSaved(line);
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

function LineForm({
  title,
  initial,
  save,
  onSaved,
  onCancel,
}: {
  title: string;
  initial: Partial<CrisisLine>;
  save: (input: CrisisLineInput) => Promise<CrisisLine>;
  onSaved: (line: CrisisLine) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { errors, formError, busy, submit } = useFormSubmit();
  const countries = [...sortedCountries(COUNTRY_CODES, locale), { code: "EU", name: countryName("EU", locale) }];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "").trim();
    const input: CrisisLineInput = {
      country: get("country"),
      name: get("name"),
      kind: get("kind") as CrisisLineInput["kind"],
      contact: get("contact"),
      description: get("description"),
      url: get("url") || null,
      sortOrder: Number(get("sortOrder") || "0"),
    };
    const checked = {
      name: input.name.length < 2 ? t("validation.required") : undefined,
      contact: input.contact.length < 2 ? t("validation.required") : undefined,
      url: input.url && !/^https?:\/\/\S+$/.test(input.url) ? t("validation.url") : undefined,
      sortOrder:
        Number.isInteger(input.sortOrder) && input.sortOrder >= 0 && input.sortOrder <= 1000
          ? undefined
          : t("validation.between", { min: 0, max: 1000 }),
    };
    await submit(event.currentTarget, checked, async () => onSaved(await save(input)), {
      alsoFromServer: ["country", "kind", "description"],
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Heading slot="title" level={2} className="dialog-title">
        {title}
      </Heading>
      <p className="muted">{t("admin.lineFactsNote")}</p>
      <FormAlert message={formError} />
      <div className="grid-2">
        <SelectField
          label={t("fields.country")}
          name="country"
          defaultValue={initial.country ?? "US"}
          error={errors.country}
        >
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("admin.lineKind")} name="kind" defaultValue={initial.kind ?? "call"} error={errors.kind}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`help.kind.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t("admin.lineName")}
        name="name"
        defaultValue={initial.name ?? ""}
        maxLength={120}
        error={errors.name}
      />
      <TextField
        label={t("admin.lineContact")}
        name="contact"
        defaultValue={initial.contact ?? ""}
        maxLength={80}
        hint={t("admin.lineContactHint")}
        error={errors.contact}
      />
      <TextAreaField
        label={t("admin.lineDescription")}
        name="description"
        optional
        rows={3}
        defaultValue={initial.description ?? ""}
        maxLength={300}
        error={errors.description}
      />
      <TextField
        label={t("admin.lineUrl")}
        name="url"
        type="url"
        optional
        defaultValue={initial.url ?? ""}
        maxLength={300}
        error={errors.url}
      />
      <TextField
        label={t("admin.lineOrder")}
        name="sortOrder"
        type="number"
        inputMode="numeric"
        min={0}
        max={1000}
        defaultValue={initial.sortOrder ?? 0}
        hint={t("admin.lineOrderHint")}
        error={errors.sortOrder}
      />
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
