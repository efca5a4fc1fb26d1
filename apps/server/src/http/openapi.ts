// OpenAPI helpers: every route documents the problem responses it can send.
import { Problem } from "@kindred/contracts";

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export function problemResponses(...statuses: ProblemStatus[]) {
  return Object.fromEntries(statuses.map((s) => [s, Problem.describe("application/problem+json")])) as Record<
    ProblemStatus,
    typeof Problem
  >;
}
