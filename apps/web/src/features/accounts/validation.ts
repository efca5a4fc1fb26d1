// The same limits as the server's contract, with messages in the reader's language.
import type { TFunction } from "i18next";

export function validatePseudonym(t: TFunction, value: string): string | undefined {
  if (!value) return t("validation.required");
  if (value.length < 3) return t("validation.pseudonymShort");
  if (value.length > 30) return t("validation.pseudonymLong");
  if (!/^[A-Za-z0-9_.]+$/.test(value)) return t("validation.pseudonymChars");
  return undefined;
}

export function validatePassword(t: TFunction, value: string): string | undefined {
  if (!value) return t("validation.required");
  if (value.length < 10) return t("validation.passwordShort");
  if (value.length > 128) return t("validation.passwordLong");
  return undefined;
}

export function validateEmail(t: TFunction, value: string): string | undefined {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : t("validation.email");
}

export function validateCode(t: TFunction, value: string): string | undefined {
  return /^\d{6}$/.test(value.replace(/\s/g, "")) ? undefined : t("validation.code");
}

export function required(t: TFunction, value: string): string | undefined {
  return value.trim() ? undefined : t("validation.required");
}
