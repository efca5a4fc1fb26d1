// RFC 9457 problem+json: the one error format of the API.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

export const PROBLEM_BASE = "https://kindred.example/problems/";

export type FieldError = { path: string; message: string };

/** A domain error that routes and services throw; rendered as problem+json. */
export class HttpProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly type: string,
    public readonly title: string,
    public readonly detail?: string,
    public readonly errors?: FieldError[],
    /** Extension members the contract's Problem lists (e.g. `until` for a silence). */
    public readonly extensions?: { until?: string; kind?: string },
  ) {
    super(title);
  }
}

export const problems = {
  badRequest: (detail: string, errors?: FieldError[]) =>
    new HttpProblem(400, "bad-request", "The request could not be understood", detail, errors),
  validation: (errors: FieldError[], detail = "Some fields need attention.") =>
    new HttpProblem(422, "validation", "Some fields need attention", detail, errors),
  unauthenticated: (detail = "Please sign in to continue.") =>
    new HttpProblem(401, "unauthenticated", "Sign-in needed", detail),
  forbidden: (detail = "You do not have permission to do this.") =>
    new HttpProblem(403, "forbidden", "Not allowed", detail),
  twoFactorRequired: () =>
    new HttpProblem(
      403,
      "two-factor-required",
      "Two-factor authentication needed",
      "Turn on two-factor authentication in Settings to use this role's powers.",
    ),
  notFound: (what = "This page or record") => new HttpProblem(404, "not-found", "Not found", `${what} does not exist.`),
  conflict: (type: string, title: string, detail?: string, errors?: FieldError[]) =>
    new HttpProblem(409, type, title, detail, errors),
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: HttpProblem) {
  return reply
    .status(p.status)
    .type("application/problem+json")
    .send({
      type: PROBLEM_BASE + p.type,
      title: p.title,
      status: p.status,
      ...(p.detail ? { detail: p.detail } : {}),
      instance: request.url.split("?")[0],
      ...(p.errors ? { errors: p.errors } : {}),
      ...p.extensions,
    });
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, request, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: [error.validationContext, ...pathOf(v.instancePath)].filter(Boolean).join("."),
        message: v.message ?? "Invalid value",
      }));
      return sendProblem(reply, request, problems.validation(errors));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: { message: error.message } }, "response did not match its schema");
      return sendProblem(reply, request, new HttpProblem(500, "internal", "Something went wrong on our side"));
    }
    const status = error.statusCode ?? 500;
    if (status === 413)
      return sendProblem(reply, request, new HttpProblem(413, "too-large", "Request too large", "The request body is too large."));
    if (status === 429)
      return sendProblem(
        reply,
        request,
        new HttpProblem(429, "rate-limited", "Too many attempts", "Please wait a minute and try again."),
      );
    if (status === 415)
      return sendProblem(reply, request, new HttpProblem(415, "unsupported-media-type", "Send JSON", error.message));
    if (status >= 400 && status < 500)
      // Fastify's own client errors: malformed JSON, empty body with JSON content type, bad params.
      return sendProblem(reply, request, problems.badRequest(error.message));
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, request, new HttpProblem(500, "internal", "Something went wrong on our side"));
  });
}

function pathOf(instancePath: string | undefined): string[] {
  return (instancePath ?? "").split("/").filter(Boolean);
}
