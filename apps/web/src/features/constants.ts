// Runtime lists the UI iterates over. The contracts package holds the same lists
// next to its zod schemas; importing them here would ship zod to every browser,
// so the web app keeps copies and the compiler checks that they stay identical.
import type { CrisisLine, GrantableRole, Pathway, Visibility } from "@kindred/contracts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(_: T) => undefined;

export const PATHWAYS = [
  "twelve_step",
  "smart",
  "refuge_recovery",
  "medication_assisted",
  "harm_reduction",
  "faith_based",
  "secular",
  "other",
] as const;
check<Same<(typeof PATHWAYS)[number], Pathway>>(true);

export const VISIBILITIES = ["only_me", "specialists", "members"] as const;
check<Same<(typeof VISIBILITIES)[number], Visibility>>(true);

export const GRANTABLE_ROLES = ["specialist", "facilitator", "moderator", "admin"] as const;
check<Same<(typeof GRANTABLE_ROLES)[number], GrantableRole>>(true);

export const CRISIS_LINE_KINDS = ["call", "text", "chat", "emergency"] as const;
check<Same<(typeof CRISIS_LINE_KINDS)[number], CrisisLine["kind"]>>(true);
