// better-auth does sessions, password storage and TOTP; Kindred's routes call it
// server-side (auth.api.*) so every endpoint keeps Kindred's schemas and errors.
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor, username } from "better-auth/plugins";
import type { Db } from "../../db/client.js";
import * as schema from "../../db/schema/index.js";

// OWASP's argon2id baseline (19 MiB, 2 passes).
// algorithm 2 = Argon2id (the const enum cannot be imported under isolatedModules).
const argon2Options = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export type AuthOptions = { db: Db; secret: string; baseURL: string; secureCookies: boolean };

export function createAuth(opts: AuthOptions) {
  return betterAuth({
    appName: "Kindred",
    secret: opts.secret,
    baseURL: opts.baseURL,
    basePath: "/api/auth/internal",
    database: drizzleAdapter(opts.db, {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        twoFactor: schema.twoFactor,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      password: {
        hash: (password) => hash(password, argon2Options),
        verify: ({ hash: stored, password }) => verify(stored, password),
      },
    },
    user: {
      additionalFields: {
        // input: true is safe because the better-auth HTTP handler is never mounted:
        // only Kindred's own sign-up route (which sets these after its checks) calls signUpEmail.
        status: { type: "string", required: false, input: true, defaultValue: "active" },
        guidelinesVersion: { type: "number", required: false, input: true, defaultValue: 0 },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    // Kindred applies its own per-route rate limits and CSRF (Origin) check in Fastify.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: "kindred",
      useSecureCookies: opts.secureCookies,
      disableCSRFCheck: true,
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
    plugins: [
      username({ minUsernameLength: 3, maxUsernameLength: 30 }),
      twoFactor({ issuer: "Kindred", skipVerificationOnEnable: false }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
