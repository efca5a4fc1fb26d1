// The single entry point for "may this person do this to that record".
// Each module declares its rules in its own policy.ts as a map from a typed
// action name to a rule; routes call authorize() right after loading the record.
import type { Actor } from "./actor.js";
import { type Decision, toProblem } from "./decision.js";

export type Rule<R> = (actor: Actor | null, resource: R) => Decision;
export type Rules = Record<string, Rule<never>>;

type ResourceOf<F> = F extends (actor: Actor | null, resource: infer R) => Decision ? R : never;

export function definePolicy<T extends Record<string, Rule<any>>>(rules: T) {
  return {
    rules,
    check<A extends keyof T & string>(actor: Actor | null, action: A, resource: ResourceOf<T[A]>): Decision {
      return rules[action]!(actor, resource);
    },
    can<A extends keyof T & string>(actor: Actor | null, action: A, resource: ResourceOf<T[A]>): boolean {
      return rules[action]!(actor, resource).allowed;
    },
    /** Throws the matching problem (401/403) when refused. */
    authorize<A extends keyof T & string>(actor: Actor | null, action: A, resource: ResourceOf<T[A]>): void {
      const d = rules[action]!(actor, resource);
      if (!d.allowed) throw toProblem(d.reason);
    },
  };
}

export type { Actor } from "./actor.js";
export * from "./decision.js";
