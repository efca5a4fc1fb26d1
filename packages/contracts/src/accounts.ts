import { z } from "zod";

export const ROLES = ["member", "specialist", "facilitator", "moderator", "admin"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles an admin grants; every active account is a member. */
export const GRANTABLE_ROLES = ["specialist", "facilitator", "moderator", "admin"] as const;
export const GrantableRole = z.enum(GRANTABLE_ROLES);
export type GrantableRole = z.infer<typeof GrantableRole>;

/** Roles whose powers need two-factor authentication switched on. */
export const ROLES_REQUIRING_2FA: readonly GrantableRole[] = GRANTABLE_ROLES;

export const Pseudonym = z
  .string()
  .trim()
  .min(3, "At least 3 characters")
  .max(30, "At most 30 characters")
  .regex(/^[A-Za-z0-9_.]+$/, "Letters, numbers, dots and underscores only");

export const Password = z.string().min(10, "At least 10 characters").max(128, "At most 128 characters");

export const SignUpBody = z.strictObject({
  pseudonym: Pseudonym,
  password: Password,
  email: z.string().trim().email().max(254).optional(),
  inviteCode: z.string().trim().min(1).max(64).optional(),
  acceptedGuidelinesVersion: z.number().int().positive(),
  locale: z.enum(["en", "es"]).optional(),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

export const SignInBody = z.strictObject({
  pseudonym: z.string().trim().min(1).max(30),
  password: z.string().min(1).max(128),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const TotpCode = z.string().trim().regex(/^\d{6}$/, "Six digits");
export const TwoFactorVerifyBody = z.strictObject({ code: TotpCode });
export const BackupCodeBody = z.strictObject({ backupCode: z.string().trim().min(4).max(32) });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: Password,
});

export const PasswordBody = z.strictObject({ password: z.string().min(1).max(128) });

export const AccountStatus = z.enum(["active", "pending", "suspended"]);

export const Certification = z.object({
  name: z.string(),
  number: z.string(),
  expiresOn: z.string(),
});

export const RoleGrantView = z.object({
  role: GrantableRole,
  grantedAt: z.string(),
  certification: Certification.nullable(),
});

export const Me = z.object({
  id: z.string(),
  pseudonym: z.string(),
  email: z.string().nullable(),
  status: AccountStatus,
  roles: z.array(Role),
  grants: z.array(RoleGrantView),
  twoFactorEnabled: z.boolean(),
  /** Roles held but not usable until two-factor authentication is on. */
  rolesAwaitingTwoFactor: z.array(GrantableRole),
  guidelinesVersion: z.number().int(),
  locale: z.enum(["en", "es"]),
  country: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const SignInResult = z.discriminatedUnion("status", [
  z.object({ status: z.literal("signed-in"), me: Me }),
  z.object({ status: z.literal("two-factor-required") }),
]);
export type SignInResult = z.infer<typeof SignInResult>;

export const TwoFactorSetup = z.object({ totpURI: z.string(), secret: z.string(), backupCodes: z.array(z.string()) });

export const GrantRoleBody = z.strictObject({
  role: GrantableRole,
  certification: z
    .strictObject({
      name: z.string().trim().min(2).max(120),
      number: z.string().trim().min(1).max(60),
      expiresOn: z.iso.date(),
    })
    .optional(),
});
export type GrantRoleBody = z.infer<typeof GrantRoleBody>;

export const AdminUserView = z.object({
  id: z.string(),
  pseudonym: z.string(),
  status: AccountStatus,
  roles: z.array(Role),
  grants: z.array(RoleGrantView),
  twoFactorEnabled: z.boolean(),
  createdAt: z.string(),
});
export type AdminUserView = z.infer<typeof AdminUserView>;

export const AdminUserPage = z.object({ items: z.array(AdminUserView), nextCursor: z.string().nullable() });

export const RegistrationMode = z.enum(["open", "invite", "approval"]);
export type RegistrationMode = z.infer<typeof RegistrationMode>;

export const InviteCreateBody = z.strictObject({
  maxUses: z.number().int().min(1).max(1000).default(1),
  expiresInDays: z.number().int().min(1).max(365).default(14),
});
export const InviteView = z.object({
  code: z.string(),
  maxUses: z.number(),
  uses: z.number(),
  expiresAt: z.string().nullable(),
});
