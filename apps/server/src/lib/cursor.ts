// Keyset page markers ("cursors"): the last row's sort key, as opaque
// base64url JSON. A marker that does not decode to the expected shape is bad
// input naming querystring.cursor, never a 500.
import { problems } from "../http/problem.js";

export const encodeCursor = (key: object) => Buffer.from(JSON.stringify(key)).toString("base64url");

/** null without a marker; the key when `isValid` accepts it; otherwise a 422 with `hint` (what to do instead). */
export function decodeCursor<T>(
  raw: string | undefined,
  isValid: (c: Record<string, unknown>) => boolean,
  hint = "start from the first page",
): T | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (c !== null && typeof c === "object" && isValid(c as Record<string, unknown>)) return c as T;
  } catch {
    /* answered below */
  }
  throw problems.validation([{ path: "querystring.cursor", message: `This page marker is not valid; ${hint}` }]);
}

/** A timestamp as PostgreSQL printed it (a row's created_at::text). */
export const isTimestamp = (v: unknown) => typeof v === "string" && !Number.isNaN(Date.parse(v));
