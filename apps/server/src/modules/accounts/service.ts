// Sign-up, sign-in, sessions, passwords, two-factor and roles. No HTTP in here:
// functions take plain values and Headers and return plain values; where better-auth
// issues cookies, the Response is returned so the route can forward Set-Cookie.
import type { AdminUserView, GrantableRole, GrantRoleBody, Me, SignUpBody } from "@kindred/contracts";
import { APIError } from "better-auth/api";
import { and, asc, eq, gt, ilike, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { inviteCode, profile, roleGrant, user } from "../../db/schema/index.js";
import { HttpProblem, problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { effectiveRoles, rolesAwaitingTwoFactor } from "../../policy/actor.js";
import { currentGuidelines, getSettings } from "../organization/service.js";
import { loadActor } from "./actor-loader.js";
import type { Auth } from "./auth.js";
import { displayEmail, placeholderEmail } from "./email.js";
import { passwordWeakness } from "./passwords.js";

export type AuthResult = { response: Response };

const invalidCredentials = () =>
  new HttpProblem(401, "invalid-credentials", "Pseudonym or password not recognised", "Check both and try again.");

/** Turns better-auth's errors into Kindred problems, never leaking internals. */
export function translateAuthError(
  err: unknown,
  fallback: () => HttpProblem = invalidCredentials,
  onWrongPassword: () => HttpProblem = invalidCredentials,
): never {
  if (err instanceof HttpProblem) throw err;
  if (err instanceof APIError) {
    const code = (err.body as { code?: string } | undefined)?.code ?? "";
    if (code.includes("INVALID_PASSWORD") || code.includes("INVALID_USERNAME_OR_PASSWORD") || code.includes("INVALID_EMAIL_OR_PASSWORD"))
      throw onWrongPassword();
    if (code.includes("INVALID_CODE") || code.includes("INVALID_TWO_FACTOR") || code.includes("INVALID_BACKUP_CODE") || code.includes("OTP"))
      throw new HttpProblem(400, "invalid-code", "That code did not work", "Check the code in your authenticator app and try again.");
    if (err.statusCode === 401) throw problems.unauthenticated();
    throw fallback();
  }
  throw err;
}

export async function signUp(
  db: Db,
  auth: Auth,
  body: SignUpBody,
  opts: { byOperator?: boolean } = {},
): Promise<{ response: Response; status: "active" | "pending" }> {
  const [settings, guidelines] = await Promise.all([getSettings(db), currentGuidelines(db)]);
  if (body.acceptedGuidelinesVersion !== guidelines.version)
    throw problems.validation(
      [{ path: "body.acceptedGuidelinesVersion", message: "Please read and accept the current community guidelines" }],
      "The community guidelines have changed; please read them again.",
    );
  const weakness = passwordWeakness(body.password, body.pseudonym);
  if (weakness) throw problems.validation([{ path: "body.password", message: weakness }], weakness + ".");

  const username = body.pseudonym.toLowerCase();
  const [taken] = await db.select({ id: user.id }).from(user).where(eq(user.username, username));
  if (taken)
    throw problems.conflict("pseudonym-taken", "Pseudonym already taken", "Someone already uses this pseudonym; please choose another.", [
      { path: "body.pseudonym", message: "Already taken" },
    ]);
  const email = body.email?.toLowerCase();
  if (email) {
    const [emailTaken] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
    if (emailTaken)
      throw problems.conflict("email-taken", "E-mail already in use", "Another account uses this e-mail address.", [
        { path: "body.email", message: "Another account uses this e-mail address" },
      ]);
  }

  const mode = opts.byOperator ? "open" : settings.registrationMode;
  if (mode === "invite") await claimInvite(db, body.inviteCode);
  const status = mode === "approval" ? "pending" : "active";

  const response = await callAuth(
    () =>
      auth.api.signUpEmail({
        body: {
          email: email ?? placeholderEmail(),
          password: body.password,
          name: body.pseudonym,
          username,
          displayUsername: body.pseudonym,
          status,
          guidelinesVersion: guidelines.version,
        },
        asResponse: true,
      }),
    { fallback: () => problems.badRequest("Sign-up failed.") },
  );
  const created = await db.select({ id: user.id }).from(user).where(eq(user.username, username));
  const id = created[0]!.id;
  await db.update(user).set({ guidelinesAcceptedAt: new Date() }).where(eq(user.id, id));
  await db.insert(profile).values({ userId: id, locale: body.locale ?? "en" }).onConflictDoNothing();
  return { response, status };
}

async function claimInvite(db: Db, code: string | undefined) {
  const bad = (message: string) => problems.validation([{ path: "body.inviteCode", message }], message + ".");
  if (!code) throw bad("An invite code is needed to join this community");
  // One atomic UPDATE so two people cannot both take the last use of a code.
  const claimed = await db
    .update(inviteCode)
    .set({ uses: sql`${inviteCode.uses} + 1` })
    .where(
      and(
        eq(inviteCode.code, code),
        sql`${inviteCode.uses} < ${inviteCode.maxUses}`,
        sql`(${inviteCode.expiresAt} is null or ${inviteCode.expiresAt} > now())`,
      ),
    )
    .returning({ code: inviteCode.code });
  if (claimed.length === 0) throw bad("This invite code is not valid or has expired");
}

type Translation = { fallback?: () => HttpProblem; onWrongPassword?: () => HttpProblem };

/** Calls better-auth and turns any refusal (thrown or as a non-2xx Response) into a Kindred problem. */
async function callAuth(fn: () => Promise<Response>, t: Translation = {}): Promise<Response> {
  try {
    const response = await fn();
    if (response.ok) return response;
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new APIError(response.status as never, body as never);
  } catch (err) {
    translateAuthError(err, t.fallback, t.onWrongPassword);
  }
}

export async function signIn(db: Db, auth: Auth, pseudonym: string, password: string) {
  const username = pseudonym.trim().toLowerCase();
  const [u] = await db.select({ status: user.status }).from(user).where(eq(user.username, username));
  const response = await callAuth(() => auth.api.signInUsername({ body: { username, password }, asResponse: true }));
  if (u?.status === "suspended") {
    // Credentials were right, but the account may not be used; end the session just created.
    await revokeSessionsFromResponse(auth, response);
    throw problems.forbidden("This account is suspended. Please contact the organization.");
  }
  const body = (await response.clone().json()) as { twoFactorRedirect?: boolean };
  return { response, twoFactorRequired: Boolean(body.twoFactorRedirect) };
}

async function revokeSessionsFromResponse(auth: Auth, response: Response) {
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  await auth.api.signOut({ headers: new Headers({ cookie }) }).catch(() => {});
}

export async function verifySecondFactor(auth: Auth, headers: Headers, input: { code?: string; backupCode?: string }) {
  return callAuth(
    () =>
      input.backupCode
        ? auth.api.verifyBackupCode({ body: { code: input.backupCode }, headers, asResponse: true })
        : auth.api.verifyTOTP({ body: { code: input.code! }, headers, asResponse: true }),
    { fallback: () => new HttpProblem(400, "invalid-code", "That code did not work", "Check the code and try again.") },
  );
}

export async function signOut(auth: Auth, headers: Headers) {
  return auth.api.signOut({ headers, asResponse: true });
}

export async function changePassword(auth: Auth, actor: Actor, headers: Headers, current: string, next: string) {
  const weakness = passwordWeakness(next, actor.pseudonym);
  if (weakness) throw problems.validation([{ path: "body.newPassword", message: weakness }], weakness + ".");
  const wrongCurrent = () =>
    problems.validation([{ path: "body.currentPassword", message: "Your current password is not right" }]);
  return callAuth(
    () =>
      auth.api.changePassword({
        body: { currentPassword: current, newPassword: next, revokeOtherSessions: true },
        headers,
        asResponse: true,
      }),
    { fallback: wrongCurrent, onWrongPassword: wrongCurrent },
  );
}

const wrongPassword = () =>
  problems.validation([{ path: "body.password", message: "Your password is not right" }], "Your password is not right.");

export async function startTwoFactorSetup(auth: Auth, actor: Actor, headers: Headers, password: string) {
  try {
    const result = await auth.api.enableTwoFactor({ body: { password }, headers });
    if (result.method !== "totp") throw new Error("unexpected two-factor method");
    const uri = new URL(result.totpURI);
    const secret = uri.searchParams.get("secret") ?? "";
    // Label the entry in the authenticator app by pseudonym, never by e-mail.
    const totpURI = `otpauth://totp/${encodeURIComponent(`Kindred:${actor.pseudonym}`)}${uri.search}`;
    return { totpURI, secret, backupCodes: result.backupCodes };
  } catch (err) {
    translateAuthError(err, wrongPassword, wrongPassword);
  }
}

export async function confirmTwoFactor(auth: Auth, headers: Headers, code: string) {
  return verifySecondFactor(auth, headers, { code });
}

export async function disableTwoFactor(auth: Auth, headers: Headers, password: string) {
  return callAuth(() => auth.api.disableTwoFactor({ body: { password }, headers, asResponse: true }), {
    fallback: wrongPassword,
    onWrongPassword: wrongPassword,
  });
}

async function grantsOf(db: Db, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, (typeof roleGrant.$inferSelect)[]>();
  const rows = await db.select().from(roleGrant).where(inArray(roleGrant.userId, userIds));
  const map = new Map<string, (typeof roleGrant.$inferSelect)[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r]);
  return map;
}

function presentGrant(g: typeof roleGrant.$inferSelect) {
  return {
    role: g.role,
    grantedAt: g.grantedAt.toISOString(),
    certification:
      g.certificationName && g.certificationNumber && g.certificationExpiresOn
        ? { name: g.certificationName, number: g.certificationNumber, expiresOn: String(g.certificationExpiresOn) }
        : null,
  };
}

export async function getMe(db: Db, userId: string): Promise<Me> {
  const actor = await loadActor(db, userId);
  if (!actor) throw problems.unauthenticated();
  const [u] = await db.select().from(user).where(eq(user.id, userId));
  const [p] = await db.select({ locale: profile.locale, country: profile.country }).from(profile).where(eq(profile.userId, userId));
  const grants = (await grantsOf(db, [userId])).get(userId) ?? [];
  return {
    id: actor.id,
    pseudonym: actor.pseudonym,
    email: displayEmail(u!.email),
    status: actor.status,
    roles: effectiveRoles(actor),
    grants: grants.map(presentGrant),
    twoFactorEnabled: actor.twoFactorEnabled,
    rolesAwaitingTwoFactor: rolesAwaitingTwoFactor(actor),
    guidelinesVersion: u!.guidelinesVersion,
    locale: (p?.locale ?? "en") as "en" | "es",
    country: p?.country ?? null,
  };
}

export async function listUsers(db: Db, opts: { cursor?: string; q?: string; status?: "active" | "pending" | "suspended"; limit: number }) {
  const conditions = [
    opts.cursor ? gt(user.username, opts.cursor) : undefined,
    opts.q ? ilike(user.username, `%${opts.q.toLowerCase().replace(/[%_\\]/g, (c) => "\\" + c)}%`) : undefined,
    opts.status ? eq(user.status, opts.status) : undefined,
  ].filter(Boolean);
  const rows = await db
    .select()
    .from(user)
    .where(and(...conditions))
    .orderBy(asc(user.username))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const grants = await grantsOf(db, page.map((u) => u.id));
  return {
    items: page.map((u) => presentAdminUser(u, grants.get(u.id) ?? [])),
    nextCursor: rows.length > opts.limit ? (page[page.length - 1]!.username ?? null) : null,
  };
}

function presentAdminUser(u: typeof user.$inferSelect, grants: (typeof roleGrant.$inferSelect)[]): AdminUserView {
  const actor: Actor = {
    id: u.id,
    pseudonym: u.displayUsername ?? u.name,
    status: u.status,
    twoFactorEnabled: u.twoFactorEnabled,
    grantedRoles: new Set(grants.map((g) => g.role as GrantableRole)),
  };
  return {
    id: u.id,
    pseudonym: actor.pseudonym,
    status: u.status,
    roles: ["member", ...grants.map((g) => g.role).sort()] as AdminUserView["roles"],
    grants: grants.map(presentGrant),
    twoFactorEnabled: u.twoFactorEnabled,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function adminUserView(db: Db, userId: string): Promise<AdminUserView> {
  const [u] = await db.select().from(user).where(eq(user.id, userId));
  if (!u) throw problems.notFound("This account");
  const grants = (await grantsOf(db, [userId])).get(userId) ?? [];
  return presentAdminUser(u, grants);
}

/** Grants (or renews) a role; `newlyGranted` is false when only the certification changed. */
export async function grantRole(db: Db, grantedBy: string, userId: string, body: GrantRoleBody) {
  const before = await adminUserView(db, userId); // 404 when the person does not exist
  if (body.role === "specialist" && !body.certification)
    throw problems.validation(
      [{ path: "body.certification", message: "A peer support specialist needs a certification on file" }],
      "A peer support specialist needs a certification name, number and expiry date.",
    );
  if (body.certification && body.certification.expiresOn <= new Date().toISOString().slice(0, 10))
    throw problems.validation([{ path: "body.certification.expiresOn", message: "This certification has expired" }]);
  const cert = body.role === "specialist" ? body.certification : undefined;
  const values = {
    grantedBy,
    grantedAt: new Date(),
    certificationName: cert?.name ?? null,
    certificationNumber: cert?.number ?? null,
    certificationExpiresOn: cert?.expiresOn ?? null,
  };
  await db
    .insert(roleGrant)
    .values({ userId, role: body.role, ...values })
    .onConflictDoUpdate({ target: [roleGrant.userId, roleGrant.role], set: values });
  return { view: await adminUserView(db, userId), newlyGranted: !before.roles.includes(body.role) };
}

export async function revokeRole(db: Db, userId: string, role: GrantableRole) {
  await adminUserView(db, userId);
  const removed = await db
    .delete(roleGrant)
    .where(and(eq(roleGrant.userId, userId), eq(roleGrant.role, role)))
    .returning({ role: roleGrant.role });
  return { view: await adminUserView(db, userId), revoked: removed.length > 0 };
}

export async function approveUser(db: Db, userId: string) {
  const view = await adminUserView(db, userId);
  if (view.status !== "pending")
    throw problems.conflict("not-pending", "Nothing to approve", "This account is not waiting for approval.");
  await db.update(user).set({ status: "active", updatedAt: new Date() }).where(eq(user.id, userId));
  return adminUserView(db, userId);
}

export async function reactivateUser(db: Db, userId: string) {
  const view = await adminUserView(db, userId);
  if (view.status !== "suspended")
    throw problems.conflict("not-suspended", "Nothing to lift", "This account is not suspended.");
  await db.update(user).set({ status: "active", updatedAt: new Date() }).where(eq(user.id, userId));
  return adminUserView(db, userId);
}

export async function createInvite(db: Db, createdBy: string, maxUses: number, expiresInDays: number) {
  const code = randomInviteCode();
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  const [row] = await db.insert(inviteCode).values({ code, createdBy, maxUses, expiresAt }).returning();
  return presentInvite(row!);
}

export async function listInvites(db: Db) {
  const rows = await db.select().from(inviteCode).orderBy(asc(inviteCode.createdAt));
  return { items: rows.map(presentInvite) };
}

function presentInvite(row: typeof inviteCode.$inferSelect) {
  return { code: row.code, maxUses: row.maxUses, uses: row.uses, expiresAt: row.expiresAt?.toISOString() ?? null };
}

function randomInviteCode() {
  // Unambiguous letters and digits, easy to read aloud or type from paper.
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
