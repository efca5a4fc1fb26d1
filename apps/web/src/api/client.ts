// The one way the web app talks to the Kindred API: JSON in, JSON out, same-origin
// cookies, and RFC 9457 problems turned into an ApiError that forms can read.
import type { Problem } from "@kindred/contracts";

export type FieldError = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  /** The problem's short type name, e.g. "validation" or "two-factor-required". */
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** `silenced` and `new-account-rate-limit`: when writing is possible again (ISO 8601). */
  readonly until: string | undefined;
  /** `new-account-rate-limit`: what was being written (forum_post or conversation_message). */
  readonly kind: string | undefined;

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.type = shortType(problem.type);
    this.title = problem.title ?? "";
    this.detail = problem.detail;
    this.until = problem.until;
    this.kind = problem.kind;
    // The server prefixes field paths with where they were found ("body.pseudonym").
    this.errors = (problem.errors ?? []).map((e) => ({
      path: e.path.replace(/^(body|querystring|params)\./, ""),
      message: e.message,
    }));
  }

  /** The first message for a form field, if the server sent one. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.path === field || e.path.startsWith(`${field}.`))?.message;
  }
}

function shortType(type: string | undefined): string {
  if (!type) return "about:blank";
  const slash = type.lastIndexOf("/");
  return slash >= 0 ? type.slice(slash + 1) : type;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  const init: RequestInit = { method, credentials: "same-origin", headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { type: "network", title: "No connection" });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === "object" ? (data as Partial<Problem>) : {};
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

export const enc = encodeURIComponent;
