// Who may read and change organization-wide configuration.
import { type Actor, allow, definePolicy, power } from "../../policy/index.js";

type NoRecord = undefined;

export const organizationPolicy = definePolicy({
  // Crisis lines and the public configuration are for everyone, signed in or not.
  "config.read": (_a: Actor | null, _: NoRecord) => allow,
  "crisis-lines.read": (_a: Actor | null, _: NoRecord) => allow,
  "settings.update": (a: Actor | null, _: NoRecord) => power(a, "admin"),
  "guidelines.publish": (a: Actor | null, _: NoRecord) => power(a, "admin"),
  "crisis-lines.manage": (a: Actor | null, _: NoRecord) => power(a, "admin"),
});
