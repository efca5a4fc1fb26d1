// Refuses passwords found in public lists of common passwords (~49,000 entries).
import { dictionary } from "@zxcvbn-ts/language-common";

const common = new Set<string>(dictionary.passwords.map((p: string) => p.toLowerCase()));

export function passwordWeakness(password: string, pseudonym: string): string | null {
  const lower = password.toLowerCase();
  if (common.has(lower)) return "This password is on a list of commonly used passwords; please choose another";
  if (lower.includes(pseudonym.toLowerCase())) return "Your password should not contain your pseudonym";
  if (new Set(password).size < 4) return "Please use a less repetitive password";
  return null;
}
