// HTTP for sign-up, sign-in, the signed-in person's account, and admin account tools.
import {
  AdminUserPage,
  AdminUserView,
  BackupCodeBody,
  ChangePasswordBody,
  GrantableRole,
  GrantRoleBody,
  InviteCreateBody,
  InviteView,
  Me,
  PasswordBody,
  SignInBody,
  SignUpBody,
  TwoFactorSetup,
  TwoFactorVerifyBody,
} from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import { problems } from "../../http/problem.js";
import { forwardCookies, toWebHeaders } from "../../http/session.js";
import { recordAudit } from "./audit.js";
import { accountsPolicy as policy } from "./policy.js";
import * as accounts from "./service.js";

const SignedIn = z.object({ status: z.literal("signed-in"), me: Me });
const SignUpResult = z.object({ status: z.enum(["signed-in", "pending-approval"]), me: Me });
const SignInResult = z.union([SignedIn, z.object({ status: z.literal("two-factor-required") })]);
const UserId = z.object({ id: z.string().uuid() });

export const accountsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, auth, config, notifier } = ctx;
  const authRateLimit = { rateLimit: { max: config.authRateLimitPerMinute, timeWindow: "1 minute" } };

  /** After better-auth set a session cookie, read who it belongs to. */
  async function meFromResponse(response: Response) {
    const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    if (!session) throw problems.unauthenticated();
    return accounts.getMe(db, session.user.id);
  }

  app.post(
    "/auth/sign-up",
    {
      config: authRateLimit,
      schema: {
        tags: ["accounts"],
        summary: "Create an account with a pseudonym (e-mail optional) and sign in",
        body: SignUpBody,
        response: { 201: SignUpResult, ...problemResponses(403, 409, 422, 429) },
      },
    },
    async (req, reply) => {
      const { response, status } = await accounts.signUp(db, auth, req.body);
      forwardCookies(response, reply);
      const me = await meFromResponse(response);
      return reply.status(201).send({ status: status === "pending" ? "pending-approval" : "signed-in", me });
    },
  );

  app.post(
    "/auth/sign-in",
    {
      config: authRateLimit,
      schema: {
        tags: ["accounts"],
        summary: "Sign in with pseudonym and password; may ask for a second factor",
        body: SignInBody,
        response: { 200: SignInResult, ...problemResponses(401, 403, 422, 429) },
      },
    },
    async (req, reply) => {
      const { response, twoFactorRequired } = await accounts.signIn(db, auth, req.body.pseudonym, req.body.password);
      forwardCookies(response, reply);
      if (twoFactorRequired) return { status: "two-factor-required" as const };
      return { status: "signed-in" as const, me: await meFromResponse(response) };
    },
  );

  app.post(
    "/auth/two-factor",
    {
      config: authRateLimit,
      schema: {
        tags: ["accounts"],
        summary: "Finish signing in with a code from the authenticator app, or a backup code",
        body: z.union([TwoFactorVerifyBody, BackupCodeBody]),
        response: { 200: SignedIn, ...problemResponses(400, 401, 422, 429) },
      },
    },
    async (req, reply) => {
      const response = await accounts.verifySecondFactor(auth, toWebHeaders(req), req.body);
      forwardCookies(response, reply);
      return { status: "signed-in" as const, me: await meFromResponse(response) };
    },
  );

  app.post(
    "/auth/sign-out",
    { schema: { tags: ["accounts"], summary: "Sign out and end this session", response: { 204: z.null() } } },
    async (req, reply) => {
      const response = await accounts.signOut(auth, toWebHeaders(req));
      // Sockets opened with this session close with it.
      if (req.sessionId) ctx.realtime.disconnectSession(req.sessionId);
      forwardCookies(response, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/me",
    { schema: { tags: ["accounts"], summary: "The signed-in person", response: { 200: Me, ...problemResponses(401) } } },
    async (req) => {
      policy.authorize(req.actor, "account.manage-own", undefined);
      return accounts.getMe(db, req.actor!.id);
    },
  );

  app.post(
    "/me/password",
    {
      config: authRateLimit,
      schema: {
        tags: ["accounts"],
        summary: "Change password (signs out other sessions)",
        body: ChangePasswordBody,
        response: { 204: z.null(), ...problemResponses(401, 422, 429) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "account.manage-own", undefined);
      const response = await accounts.changePassword(auth, req.actor!, toWebHeaders(req), req.body.currentPassword, req.body.newPassword);
      forwardCookies(response, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/me/two-factor/setup",
    {
      config: authRateLimit,
      schema: {
        tags: ["accounts"],
        summary: "Start two-factor set-up: returns the secret and backup codes",
        body: PasswordBody,
        response: { 200: TwoFactorSetup, ...problemResponses(401, 422, 429) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "account.manage-own", undefined);
      return accounts.startTwoFactorSetup(auth, req.actor!, toWebHeaders(req), req.body.password);
    },
  );

  app.post(
    "/me/two-factor/confirm",
    {
      config: authRateLimit,
      schema: {
        tags: ["accounts"],
        summary: "Confirm two-factor set-up with a first code",
        body: TwoFactorVerifyBody,
        response: { 200: Me, ...problemResponses(400, 401, 422, 429) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "account.manage-own", undefined);
      const response = await accounts.confirmTwoFactor(auth, toWebHeaders(req), req.body.code);
      forwardCookies(response, reply);
      return accounts.getMe(db, req.actor!.id);
    },
  );

  app.post(
    "/me/two-factor/disable",
    {
      config: authRateLimit,
      schema: {
        tags: ["accounts"],
        summary: "Turn two-factor authentication off",
        body: PasswordBody,
        response: { 200: Me, ...problemResponses(401, 422, 429) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "account.manage-own", undefined);
      const response = await accounts.disableTwoFactor(auth, toWebHeaders(req), req.body.password);
      forwardCookies(response, reply);
      return accounts.getMe(db, req.actor!.id);
    },
  );

  // ---- admin: people and roles ----

  app.get(
    "/admin/users",
    {
      schema: {
        tags: ["admin"],
        summary: "List accounts (cursor pagination by pseudonym)",
        querystring: z.strictObject({
          cursor: z.string().max(30).optional(),
          q: z.string().trim().max(30).optional(),
          status: z.enum(["active", "pending", "suspended"]).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: { 200: AdminUserPage, ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "admin.users.list", undefined);
      return accounts.listUsers(db, req.query);
    },
  );

  app.post(
    "/admin/users/:id/approve",
    {
      schema: {
        tags: ["admin"],
        summary: "Approve an account waiting for approval",
        params: UserId,
        response: { 200: AdminUserView, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "admin.users.approve", undefined);
      const { view, recorded } = await db.transaction(async (tx) => {
        const view = await accounts.approveUser(tx, req.params.id);
        await recordAudit(tx, req.actor!.id, "account.approve", "user", req.params.id);
        const recorded = await notifier.record(tx, { userId: req.params.id, kind: "account.approved", link: "/", actorId: req.actor!.id });
        return { view, recorded };
      });
      await notifier.publish(recorded);
      return view;
    },
  );

  app.post(
    "/admin/users/:id/reactivate",
    {
      schema: {
        tags: ["admin"],
        summary: "Lift a suspension: the account may sign in and take part again",
        params: UserId,
        response: { 200: AdminUserView, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "admin.users.reactivate", undefined);
      return db.transaction(async (tx) => {
        const view = await accounts.reactivateUser(tx, req.params.id);
        await recordAudit(tx, req.actor!.id, "account.reactivate", "user", req.params.id);
        return view;
      });
    },
  );

  app.post(
    "/admin/users/:id/roles",
    {
      schema: {
        tags: ["admin"],
        summary: "Grant a role (a specialist needs a certification)",
        params: UserId,
        body: GrantRoleBody,
        response: { 200: AdminUserView, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "admin.roles.grant", undefined);
      const { view, recorded } = await db.transaction(async (tx) => {
        const { view, newlyGranted } = await accounts.grantRole(tx, req.actor!.id, req.params.id, req.body);
        await recordAudit(tx, req.actor!.id, "role.grant", "user", req.params.id, { role: req.body.role });
        // Staff powers need two-factor authentication, which is set up in Settings.
        const recorded = newlyGranted
          ? await notifier.record(tx, { userId: req.params.id, kind: "account.role_granted", params: { role: req.body.role }, link: "/settings", actorId: req.actor!.id })
          : [];
        return { view, recorded };
      });
      await notifier.publish(recorded);
      return view;
    },
  );

  app.delete(
    "/admin/users/:id/roles/:role",
    {
      schema: {
        tags: ["admin"],
        summary: "Revoke a role",
        params: UserId.extend({ role: GrantableRole }),
        response: { 200: AdminUserView, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "admin.roles.revoke", { userId: req.params.id, role: req.params.role });
      const { view, recorded } = await db.transaction(async (tx) => {
        const { view, revoked } = await accounts.revokeRole(tx, req.params.id, req.params.role);
        await recordAudit(tx, req.actor!.id, "role.revoke", "user", req.params.id, { role: req.params.role });
        const recorded = revoked
          ? await notifier.record(tx, { userId: req.params.id, kind: "account.role_revoked", params: { role: req.params.role }, actorId: req.actor!.id })
          : [];
        return { view, recorded };
      });
      await notifier.publish(recorded);
      return view;
    },
  );

  app.get(
    "/admin/invites",
    {
      schema: { tags: ["admin"], summary: "Invite codes", response: { 200: z.object({ items: z.array(InviteView) }), ...problemResponses(401, 403) } },
    },
    async (req) => {
      policy.authorize(req.actor, "admin.invites.manage", undefined);
      return accounts.listInvites(db);
    },
  );

  app.post(
    "/admin/invites",
    {
      schema: {
        tags: ["admin"],
        summary: "Create an invite code",
        body: InviteCreateBody,
        response: { 201: InviteView, ...problemResponses(401, 403, 422) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "admin.invites.manage", undefined);
      const invite = await accounts.createInvite(db, req.actor!.id, req.body.maxUses, req.body.expiresInDays);
      await recordAudit(db, req.actor!.id, "invite.create", "invite_code", null);
      return reply.status(201).send(invite);
    },
  );
};
