// One-click unsubscribe: a signed, stateless token naming the person and what
// they stop receiving (one kind, or the digest). No sign-in needed to use it.
import crypto from "node:crypto";
import { NOTIFICATION_KINDS, type NotificationKind } from "@kindred/contracts";

export type UnsubscribeScope = NotificationKind | "digest";

const sign = (secret: string, payload: string) =>
  crypto.createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url").slice(0, 32);

export function unsubscribeToken(secret: string, userId: string, scope: UnsubscribeScope): string {
  const payload = `${userId}|${scope}`;
  return `${Buffer.from(payload).toString("base64url")}.${sign(secret, payload)}`;
}

export function readUnsubscribeToken(secret: string, token: string): { userId: string; scope: UnsubscribeScope } | null {
  const [encoded, signature] = token.split(".");
  if (!encoded || !signature) return null;
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const [userId, scope] = payload.split("|");
  if (!userId || !scope || (scope !== "digest" && !Object.hasOwn(NOTIFICATION_KINDS, scope))) return null;
  return { userId, scope: scope as UnsubscribeScope };
}
