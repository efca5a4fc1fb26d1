// The safety layer's fixed lists. The contracts package holds them next to its
// zod schemas; importing them would ship zod to every browser, so the web app
// keeps copies and the compiler checks they are identical.
import type { ALERT_OUTCOMES as CONTRACT_OUTCOMES } from "@kindred/contracts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(_: T) => undefined;

export const ALERT_OUTCOMES = [
  "connected_safe",
  "referred_crisis_line",
  "emergency_services",
  "no_risk",
  "no_response",
  "other",
] as const;
check<Same<(typeof ALERT_OUTCOMES)[number], (typeof CONTRACT_OUTCOMES)[number]>>(true);
