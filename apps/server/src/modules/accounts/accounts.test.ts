import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { session, user } from "../../db/schema/index.js";
import { createTestApp, member, Person, staff, type TestApp, totp, uniquePseudonym, userRow } from "../../testing/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countUsers = async () => (await t.app.kindred.db.select({ id: user.id }).from(user)).length;

function expectProblem(res: { status: number; headers: Record<string, unknown>; body: any }, status: number, type?: string) {
  expect(res.status).toBe(status);
  expect(String(res.headers["content-type"])).toContain("application/problem+json");
  expect(res.body.status).toBe(status);
  expect(typeof res.body.title).toBe("string");
  if (type) expect(res.body.type).toMatch(new RegExp(`/${type}$`));
}

describe("sign-up", () => {
  it("creates a pseudonymous account without e-mail and signs the person in with a secure HTTP-only cookie", async () => {
    const p = new Person(t.app, uniquePseudonym("Hope"));
    const res = await p.signUp();
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("signed-in");
    expect(res.body.me.pseudonym).toBe(p.pseudonym);
    expect(res.body.me.email).toBeNull();
    expect(res.body.me.roles).toEqual(["member"]);
    const setCookie = ([] as string[]).concat(res.headers["set-cookie"] as string[]).join("\n");
    expect(setCookie).toMatch(/session_token=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/Secure/);
    const me = await p.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.guidelinesVersion).toBe(1);
  });

  it("stores an optional e-mail and never shows the placeholder", async () => {
    const p = new Person(t.app, uniquePseudonym());
    const res = await p.signUp({ email: "Someone@Example.org" });
    expect(res.body.me.email).toBe("someone@example.org");
  });

  it("stores the password as an argon2id hash", async () => {
    const p = await member(t.app);
    const rows = await t.app.kindred.db.query.account.findMany({ where: (a, { eq }) => eq(a.userId, p.id) });
    expect(rows[0]!.password).toMatch(/^\$argon2id\$/);
  });

  it("refuses a duplicate pseudonym, whatever its case, and writes nothing", async () => {
    const p = await member(t.app);
    const before = await countUsers();
    const res = await new Person(t.app, p.pseudonym.toUpperCase()).signUp();
    expectProblem(res, 409, "pseudonym-taken");
    expect(res.body.errors[0].path).toBe("body.pseudonym");
    expect(await countUsers()).toBe(before);
  });

  it("refuses a common password and one containing the pseudonym", async () => {
    const before = await countUsers();
    const common = await new Person(t.app, uniquePseudonym(), "password123").signUp();
    expectProblem(common, 422, "validation");
    expect(common.body.errors[0].path).toBe("body.password");
    const name = uniquePseudonym("Maple");
    const own = await new Person(t.app, name, `${name}-1234567`).signUp();
    expectProblem(own, 422, "validation");
    expect(await countUsers()).toBe(before);
  });

  it("refuses a short password and a missing guidelines acceptance", async () => {
    const before = await countUsers();
    expectProblem(await new Person(t.app, uniquePseudonym(), "short").signUp(), 422, "validation");
    const noGuidelines = await new Person(t.app, uniquePseudonym()).post("/api/auth/sign-up", {
      pseudonym: uniquePseudonym(),
      password: "quiet-river-morning-42",
    });
    expectProblem(noGuidelines, 422, "validation");
    const oldGuidelines = await new Person(t.app, uniquePseudonym()).signUp({ acceptedGuidelinesVersion: 99 });
    expectProblem(oldGuidelines, 422, "validation");
    expect(await countUsers()).toBe(before);
  });
});

describe("sign-in and sessions", () => {
  it("signs in by pseudonym, case-insensitively, and signs out", async () => {
    const p = await member(t.app);
    const fresh = new Person(t.app, p.pseudonym.toLowerCase());
    const res = await fresh.signIn();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("signed-in");
    expect(res.body.me.id).toBe(p.id);
    expect((await fresh.post("/api/auth/sign-out")).status).toBe(204);
    expectProblem(await fresh.get("/api/me"), 401, "unauthenticated");
  });

  it("refuses a wrong password with the same answer as an unknown pseudonym", async () => {
    const p = await member(t.app);
    const wrong = await new Person(t.app, p.pseudonym).signIn("not-the-password-1");
    const unknown = await new Person(t.app, "nobody_here_at_all").signIn("not-the-password-1");
    expectProblem(wrong, 401, "invalid-credentials");
    expectProblem(unknown, 401, "invalid-credentials");
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it("does not accept a stolen cookie replayed after sign-out", async () => {
    const p = await member(t.app);
    const stolen = new Map(p.cookies);
    expect((await p.post("/api/auth/sign-out")).status).toBe(204);
    const thief = new Person(t.app);
    thief.cookies = stolen;
    expectProblem(await thief.get("/api/me"), 401);
    expectProblem(await thief.patch("/api/me/profile", { pronouns: "x" }), 401);
  });

  it("treats an expired session as signed out", async () => {
    const p = await member(t.app);
    await t.app.kindred.db.update(session).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(session.userId, p.id));
    expectProblem(await p.get("/api/me"), 401);
  });

  it("changes the password, ends other sessions, and keeps this one", async () => {
    const p = await member(t.app);
    const other = new Person(t.app, p.pseudonym);
    expect((await other.signIn()).status).toBe(200);
    const res = await p.post("/api/me/password", { currentPassword: p.password, newPassword: "a-brand-new-path-77" });
    expect(res.status).toBe(204);
    expect((await p.get("/api/me")).status).toBe(200);
    expectProblem(await other.get("/api/me"), 401);
    expectProblem(await new Person(t.app, p.pseudonym).signIn(p.password), 401);
    expect((await new Person(t.app, p.pseudonym).signIn("a-brand-new-path-77")).status).toBe(200);
  });

  it("refuses a password change with the wrong current password or a weak new one", async () => {
    const p = await member(t.app);
    expectProblem(await p.post("/api/me/password", { currentPassword: "wrong-password-1", newPassword: "a-brand-new-path-77" }), 422);
    expectProblem(await p.post("/api/me/password", { currentPassword: p.password, newPassword: "iloveyou12" }), 422);
    expect((await new Person(t.app, p.pseudonym).signIn()).status).toBe(200);
  });

  it("refuses writes that do not come from Kindred's own origin (CSRF)", async () => {
    const p = await member(t.app);
    const res = await p.request("PATCH", "/api/me/profile", { pronouns: "she/her" }, { origin: "https://evil.example" });
    expectProblem(res, 403, "cross-site-request");
    const profile = await p.get("/api/me/profile");
    expect(profile.body.pronouns).toBeNull();
  });
});

describe("two-factor authentication", () => {
  it("is set up with a code, then asked for at sign-in", async () => {
    const p = await member(t.app);
    const setup = await p.post("/api/me/two-factor/setup", { password: p.password });
    expect(setup.status).toBe(200);
    expect(setup.body.totpURI).toContain(encodeURIComponent(`Kindred:${p.pseudonym}`));
    expect(setup.body.totpURI).not.toContain("invalid");
    expect(setup.body.backupCodes.length).toBeGreaterThanOrEqual(8);
    expectProblem(await p.post("/api/me/two-factor/confirm", { code: "000000" === totp(setup.body.secret) ? "111111" : "000000" }), 400, "invalid-code");
    const confirm = await p.post("/api/me/two-factor/confirm", { code: totp(setup.body.secret) });
    expect(confirm.status).toBe(200);
    expect(confirm.body.twoFactorEnabled).toBe(true);

    const again = new Person(t.app, p.pseudonym);
    const first = await again.signIn();
    expect(first.body).toEqual({ status: "two-factor-required" });
    expectProblem(await again.get("/api/me"), 401);
    const wrong = await again.post("/api/auth/two-factor", { code: totp(setup.body.secret, Date.now() - 10 * 60_000) });
    expectProblem(wrong, 400, "invalid-code");
    expectProblem(await again.get("/api/me"), 401);
    const ok = await again.post("/api/auth/two-factor", { code: totp(setup.body.secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.me.id).toBe(p.id);
    expect((await again.get("/api/me")).status).toBe(200);

    const viaBackup = new Person(t.app, p.pseudonym);
    await viaBackup.signIn();
    const backup = await viaBackup.post("/api/auth/two-factor", { backupCode: setup.body.backupCodes[0] });
    expect(backup.status).toBe(200);
  });

  it("keeps staff powers off until two-factor authentication is on", async () => {
    const admin = await staff(t.app, ["admin"], { twoFactor: false });
    const me = await admin.get("/api/me");
    expect(me.body.roles).toEqual(["member"]);
    expect(me.body.rolesAwaitingTwoFactor).toEqual(["admin"]);
    expectProblem(await admin.get("/api/admin/users"), 403, "two-factor-required");
    await admin.enableTwoFactor();
    expect((await admin.get("/api/me")).body.roles).toEqual(["member", "admin"]);
    expect((await admin.get("/api/admin/users")).status).toBe(200);
  });

  it("can be turned off with the password", async () => {
    const p = await member(t.app);
    await p.enableTwoFactor();
    expectProblem(await p.post("/api/me/two-factor/disable", { password: "wrong-password-1" }), 422);
    const off = await p.post("/api/me/two-factor/disable", { password: p.password });
    expect(off.status).toBe(200);
    expect(off.body.twoFactorEnabled).toBe(false);
  });
});

describe("registration modes", () => {
  it("invite mode needs a valid invite code, each use counted", async () => {
    const admin = await staff(t.app, ["admin"]);
    expect((await admin.patch("/api/admin/settings", { registrationMode: "invite" })).status).toBe(200);
    try {
      const before = await countUsers();
      expectProblem(await new Person(t.app, uniquePseudonym()).signUp(), 422);
      expectProblem(await new Person(t.app, uniquePseudonym()).signUp({ inviteCode: "NOPE1-NOPE2" }), 422);
      expect(await countUsers()).toBe(before);
      const invite = await admin.post("/api/admin/invites", { maxUses: 1 });
      expect(invite.status).toBe(201);
      const ok = await new Person(t.app, uniquePseudonym()).signUp({ inviteCode: invite.body.code });
      expect(ok.status).toBe(201);
      expectProblem(await new Person(t.app, uniquePseudonym()).signUp({ inviteCode: invite.body.code }), 422);
      const list = await admin.get("/api/admin/invites");
      expect(list.body.items.find((i: { code: string }) => i.code === invite.body.code).uses).toBe(1);
    } finally {
      await admin.patch("/api/admin/settings", { registrationMode: "open" });
    }
  });

  it("approval mode lets people in as pending until an admin approves", async () => {
    const admin = await staff(t.app, ["admin"]);
    const existing = await member(t.app);
    await admin.patch("/api/admin/settings", { registrationMode: "approval" });
    try {
      const p = new Person(t.app, uniquePseudonym());
      const res = await p.signUp();
      expect(res.status).toBe(201);
      expect(res.body.status).toBe("pending-approval");
      expect((await p.get("/api/me")).body.status).toBe("pending");
      expectProblem(await p.get(`/api/members/${existing.pseudonym}`), 403);
      expectProblem(await existing.get(`/api/members/${p.pseudonym}`), 404);
      const pending = await admin.get("/api/admin/users?status=pending");
      expect(pending.body.items.map((u: { id: string }) => u.id)).toContain(p.id);
      const approved = await admin.post(`/api/admin/users/${p.id}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe("active");
      expect((await p.get(`/api/members/${existing.pseudonym}`)).status).toBe(200);
      expectProblem(await admin.post(`/api/admin/users/${p.id}/approve`), 409, "not-pending");
    } finally {
      await admin.patch("/api/admin/settings", { registrationMode: "open" });
    }
  });

  it("lets an admin lift a suspension, once", async () => {
    const admin = await staff(t.app, ["admin"]);
    const p = await member(t.app);
    await t.app.kindred.db.update(user).set({ status: "suspended" }).where(eq(user.id, p.id));
    expectProblem(await p.post(`/api/admin/users/${p.id}/reactivate`), 403);
    const lifted = await admin.post(`/api/admin/users/${p.id}/reactivate`);
    expect(lifted.status).toBe(200);
    expect(lifted.body.status).toBe("active");
    expect((await new Person(t.app, p.pseudonym).signIn()).status).toBe(200);
    expectProblem(await admin.post(`/api/admin/users/${p.id}/reactivate`), 409, "not-suspended");
  });

  it("refuses sign-in to a suspended account", async () => {
    const p = await member(t.app);
    await t.app.kindred.db.update(user).set({ status: "suspended" }).where(eq(user.id, p.id));
    expectProblem(await new Person(t.app, p.pseudonym).signIn(), 403);
    expect((await userRow(t.app, p.id))!.status).toBe("suspended");
  });
});

describe("roles", () => {
  it("an admin grants a specialist role with a certification, and revokes it", async () => {
    const admin = await staff(t.app, ["admin"]);
    const p = await member(t.app);
    const noCert = await admin.post(`/api/admin/users/${p.id}/roles`, { role: "specialist" });
    expectProblem(noCert, 422);
    const expired = await admin.post(`/api/admin/users/${p.id}/roles`, {
      role: "specialist",
      certification: { name: "CPRS", number: "1", expiresOn: "2001-01-01" },
    });
    expectProblem(expired, 422);
    const granted = await admin.post(`/api/admin/users/${p.id}/roles`, {
      role: "specialist",
      certification: { name: "Certified Peer Recovery Specialist", number: "PR-123", expiresOn: "2099-05-01" },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toContain("specialist");
    expect(granted.body.grants[0].certification).toEqual({ name: "Certified Peer Recovery Specialist", number: "PR-123", expiresOn: "2099-05-01" });
    const revoked = await admin.delete(`/api/admin/users/${p.id}/roles/specialist`);
    expect(revoked.body.roles).toEqual(["member"]);
  });

  it("an admin cannot remove their own admin role", async () => {
    const admin = await staff(t.app, ["admin"]);
    expectProblem(await admin.delete(`/api/admin/users/${admin.id}/roles/admin`), 403);
    expect((await admin.get("/api/me")).body.roles).toContain("admin");
  });
});
