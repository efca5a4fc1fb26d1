// Every environment variable Kindred reads, parsed once. Documented in README.md.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  KINDRED_DATA_DIR: z.string().default("./data"),
  AUTH_SECRET: z.string().min(32).optional(),
  COOKIE_SECURE: bool.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO_CONTENT: bool.optional(),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().positive().default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "A URL such as redis://127.0.0.1:6379").optional().or(z.literal("")),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "A URL such as smtp://user:pass@mail.example.org:587").optional().or(z.literal("")),
  MAIL_FROM: z.string().optional(),
  EMAIL_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string | undefined;
  cookieSecure: boolean;
  logLevel: string;
  loadDemoContent: boolean;
  authRateLimitPerMinute: number;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where e-mail goes when there is no SMTP_URL. */
  outboxDir: string;
  /** How often the e-mail outbox is swept for due messages (besides the immediate nudge). */
  emailSweepSeconds: number;
  /** How long a resolved session and its person are reused before the database is asked again; 0 = never. */
  sessionCacheSeconds: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: publicUrl.replace(/\/$/, ""),
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.KINDRED_DATA_DIR),
    authSecret: e.AUTH_SECRET,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    // Demo people and posts must never reach a production community.
    loadDemoContent: e.NODE_ENV !== "production" && (e.DEMO_CONTENT ?? true),
    authRateLimitPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
    redisUrl: e.REDIS_URL || undefined,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM || `Kindred <no-reply@${new URL(publicUrl).hostname}>`,
    outboxDir: path.join(path.resolve(e.KINDRED_DATA_DIR), "outbox"),
    emailSweepSeconds: e.EMAIL_SWEEP_SECONDS,
    sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
  };
}

export class ConfigError extends Error {}
