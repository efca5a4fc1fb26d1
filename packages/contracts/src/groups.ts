// Recovery groups: who may see and join them, their members and their feed.
import { z } from "zod";
import { Reaction } from "./forums.js";
import { WriteSupport } from "./safety.js";

/** public: listed and open · private: listed, join by request · hidden: invite only, never listed to outsiders. */
export const GROUP_VISIBILITIES = ["public", "private", "hidden"] as const;
export const GroupVisibility = z.enum(GROUP_VISIBILITIES);
export type GroupVisibility = z.infer<typeof GroupVisibility>;

/** What a group is about; a group may have several. Labels live in the web app's translations. */
export const GROUP_FOCUSES = [
  "alcohol", "opioids", "stimulants", "cannabis", "gambling", "multiple_pathways", "twelve_step", "smart_recovery",
  "harm_reduction", "faith_based", "mental_health", "dual_diagnosis", "family_members", "young_people", "women", "men",
  "lgbtq", "veterans", "spanish_speaking", "newcomers", "long_term_recovery",
] as const;
export const GroupFocus = z.enum(GROUP_FOCUSES);
export type GroupFocus = z.infer<typeof GroupFocus>;

export const GROUP_ROLES = ["member", "facilitator"] as const;
export const GroupRole = z.enum(GROUP_ROLES);
export type GroupRole = z.infer<typeof GroupRole>;

/** none: not in it · requested: waiting for a facilitator · invited: may accept · member/facilitator: in it. */
export const MEMBERSHIP_STATES = ["none", "requested", "invited", "member", "facilitator"] as const;
export const MembershipState = z.enum(MEMBERSHIP_STATES);
export type MembershipState = z.infer<typeof MembershipState>;

export const GroupSlug = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(64, "At most 64 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lowercase letters, numbers and dashes");

export const GROUP_POST_MAX = 5_000;

export const Group = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  focus: z.array(GroupFocus),
  /** BCP 47 language the group meets in (en, es…). */
  language: z.string(),
  visibility: GroupVisibility,
  guidelines: z.string(),
  memberCount: z.number().int(),
  membership: MembershipState,
  /** Join requests waiting, for facilitators; 0 for everyone else. */
  pendingRequests: z.number().int(),
  createdAt: z.string(),
  can: z.object({ edit: z.boolean(), post: z.boolean(), announce: z.boolean(), manageMembers: z.boolean(), createMeeting: z.boolean() }),
});
export type Group = z.infer<typeof Group>;

export const GroupList = z.object({ items: z.array(Group), can: z.object({ create: z.boolean() }) });
export type GroupList = z.infer<typeof GroupList>;

export const GroupListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  mine: z.enum(["true", "false"]).optional(),
});

const GroupFields = {
  name: z.string().trim().min(3, "At least 3 characters").max(120, "At most 120 characters"),
  description: z.string().trim().max(2_000, "At most 2,000 characters").default(""),
  focus: z.array(GroupFocus).max(8, "At most 8").default([]),
  language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "A language code such as en or es").default("en"),
  visibility: GroupVisibility,
  guidelines: z.string().trim().max(5_000, "At most 5,000 characters").default(""),
};

export const CreateGroup = z.strictObject({ slug: GroupSlug.optional(), ...GroupFields });
export type CreateGroup = z.input<typeof CreateGroup>;
export const UpdateGroup = z.strictObject({
  name: GroupFields.name.optional(),
  description: GroupFields.description.unwrap().optional(),
  focus: z.array(GroupFocus).max(8, "At most 8").optional(),
  language: GroupFields.language.unwrap().optional(),
  visibility: GroupVisibility.optional(),
  guidelines: z.string().trim().max(5_000, "At most 5,000 characters").optional(),
});
export type UpdateGroup = z.input<typeof UpdateGroup>;

export const GroupMember = z.object({
  userId: z.string(),
  pseudonym: z.string(),
  role: GroupRole.nullable(),
  state: z.enum(["requested", "invited", "member", "facilitator"]),
  note: z.string(),
  since: z.string(),
});
export type GroupMember = z.infer<typeof GroupMember>;
export const GroupMembers = z.object({ items: z.array(GroupMember) });

export const JoinRequest = z.strictObject({ note: z.string().trim().max(500, "At most 500 characters").default("") });
export const InviteMember = z.strictObject({ pseudonym: z.string().trim().min(1, "Who should be invited?").max(64) });
export const SetGroupRole = z.strictObject({ role: GroupRole });
export const MemberParams = z.object({ slug: GroupSlug, userId: z.string().min(1).max(64) });

export const GroupPost = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), pseudonym: z.string() }).nullable(),
  announcement: z.boolean(),
  html: z.string(),
  markdown: z.string().nullable(),
  createdAt: z.string(),
  reactions: z.record(z.string(), z.number().int()),
  mine: z.array(Reaction),
  can: z.object({ delete: z.boolean(), react: z.boolean() }),
});
export type GroupPost = z.infer<typeof GroupPost>;
export const GroupFeed = z.object({ items: z.array(GroupPost), nextCursor: z.string().nullable() });

/** Pushed to the `group:<id>` room; members read the feed again, each through their own policy. */
export type GroupFeedEvent = { groupId: string; postId: string; kind: "created" | "updated" | "removed" };
export type GroupFeed = z.infer<typeof GroupFeed>;
export const GroupFeedQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const NewGroupPost = z.strictObject({
  body: z.string().trim().min(1, "Write something first").max(GROUP_POST_MAX, `At most ${GROUP_POST_MAX.toLocaleString("en")} characters`),
  announcement: z.boolean().default(false),
});
export type NewGroupPost = z.input<typeof NewGroupPost>;
export const WrittenGroupPost = z.object({ post: GroupPost, support: WriteSupport });
