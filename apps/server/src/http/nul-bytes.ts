// PostgreSQL text cannot hold the NUL character, so a string containing one
// would fail deep inside a write. It never carries meaning in what people type:
// it is removed from every request body and query before validation.
import type { FastifyInstance } from "fastify";

function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) (value as Record<string, unknown>)[key] = withoutNul(inner);
  }
  return value;
}

export function registerNulStripping(app: FastifyInstance) {
  app.addHook("preValidation", async (request) => {
    if (request.body !== undefined) request.body = withoutNul(request.body);
    if (request.query) withoutNul(request.query);
    if (request.params) withoutNul(request.params);
  });
}
