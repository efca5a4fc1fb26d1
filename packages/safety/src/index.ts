// @kindred/safety: the crisis detector. See ../README.md.
import { lexicons } from "./lexicons.js";

export type { Tier, Category, Language, Evidence, Assessment } from "./types.js";
export { CATEGORIES } from "./types.js";
export { assess, detectLanguage, methodDetails } from "./assess.js";

// Compile the lexicons at import: a broken lexicon fails loudly at start-up
// instead of every later assess() quietly answering tier 0.
lexicons();
