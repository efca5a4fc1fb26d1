// Meeting Guide type codes (O open, C closed, D discussion…) with their labels in
// the reader's language, from the code4recovery specification package.
import { getTypesForLanguage } from "@code4recovery/spec";

const labelsCache = new Map<string, Record<string, string>>();

/** Code → label in the reader's language (English for a language the package lacks). */
export function typeLabels(locale: string): Record<string, string> {
  let labels = labelsCache.get(locale);
  if (!labels) {
    labels = getTypesForLanguage(locale) as Record<string, string>;
    if (Object.keys(labels).length === 0) labels = getTypesForLanguage("en") as Record<string, string>;
    labelsCache.set(locale, labels);
  }
  return labels;
}

export const typeLabel = (code: string, locale: string) => typeLabels(locale)[code] ?? code;

/** Every type, sorted by its label in the reader's language. */
export function sortedTypes(locale: string): { code: string; label: string }[] {
  const collator = new Intl.Collator(locale);
  return Object.entries(typeLabels(locale))
    .map(([code, label]) => ({ code, label }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
