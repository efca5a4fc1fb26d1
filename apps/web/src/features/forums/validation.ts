// The same limits as the forums contract, with messages in the reader's language.
import type { TFunction } from "i18next";
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, MIN_TITLE_LENGTH } from "./constants";

export function validateTitle(t: TFunction, value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return t("validation.required");
  if (trimmed.length < MIN_TITLE_LENGTH) return t("forums.validation.titleShort", { min: MIN_TITLE_LENGTH });
  if (trimmed.length > MAX_TITLE_LENGTH) return t("validation.tooLong", { max: MAX_TITLE_LENGTH });
  return undefined;
}

export function validateBody(t: TFunction, value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return t("forums.validation.bodyEmpty");
  if (trimmed.length > MAX_BODY_LENGTH) return t("validation.tooLong", { max: MAX_BODY_LENGTH.toLocaleString() });
  return undefined;
}
