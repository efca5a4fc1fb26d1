import { WriteSupport } from "./safety.js";
import { z } from "zod";
import { GrantableRole } from "./accounts.js";

/** Content warnings an author may put on a post; readers see it collapsed behind the warning. */
export const CONTENT_WARNINGS = ["relapse", "self_harm", "suicide", "trauma", "substance_detail", "eating", "abuse", "grief"] as const;
export const ContentWarning = z.enum(CONTENT_WARNINGS);
export type ContentWarning = z.infer<typeof ContentWarning>;

/** Reactions that fit a peer-support setting: one of each per person per post, never a down-vote. */
export const REACTIONS = ["me_too", "strength", "helped"] as const;
export const Reaction = z.enum(REACTIONS);
export type Reaction = z.infer<typeof Reaction>;

export const FLAG_REASONS = ["harassment", "spam", "unsafe_advice", "crisis_concern", "other"] as const;
export const FlagReason = z.enum(FLAG_REASONS);
export type FlagReason = z.infer<typeof FlagReason>;

/** Who may read a category: every active member, or only people holding a role (staff always may). */
export const CATEGORY_AUDIENCES = ["members", "role"] as const;
export const CategoryAudience = z.enum(CATEGORY_AUDIENCES);

export const MAX_TITLE_LENGTH = 150;
export const MAX_BODY_LENGTH = 20_000;

const Title = z.string().trim().min(3, "At least 3 characters").max(MAX_TITLE_LENGTH, `At most ${MAX_TITLE_LENGTH} characters`);
const Body = z.string().trim().min(1, "Write something first").max(MAX_BODY_LENGTH, `At most ${MAX_BODY_LENGTH.toLocaleString("en")} characters`);
const Slug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lowercase letters, numbers and dashes");
export const ForumId = z.string().min(1).max(64);

export const Category = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  audience: CategoryAudience,
  role: GrantableRole.nullable(),
  topicCount: z.number().int(),
  lastPostedAt: z.string().nullable(),
  /** Topics in it with posts this person has not read. */
  unreadTopics: z.number().int(),
  watching: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({
  items: z.array(Category),
  can: z.object({ manage: z.boolean(), moderate: z.boolean() }),
});
export type CategoryList = z.infer<typeof CategoryList>;

export const CreateCategory = z.strictObject({
  slug: Slug,
  name: z.string().trim().min(2).max(80),
  description: z.string().trim().max(500).default(""),
  position: z.number().int().min(0).max(10_000).optional(),
  audience: CategoryAudience.default("members"),
  role: GrantableRole.nullable().default(null),
});
export type CreateCategory = z.input<typeof CreateCategory>;
/** Only the fields sent change (no defaults here: a missing field keeps its value). */
export const UpdateCategory = z.strictObject({
  slug: Slug.optional(),
  name: z.string().trim().min(2).max(80).optional(),
  description: z.string().trim().max(500).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  audience: CategoryAudience.optional(),
  role: GrantableRole.nullable().optional(),
});
export type UpdateCategory = z.input<typeof UpdateCategory>;

/** An author as a reader sees them: anonymous posts show no one. */
export const Author = z.object({ id: z.string(), pseudonym: z.string() }).nullable();

export const TopicSummary = z.object({
  id: z.string(),
  title: z.string(),
  category: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  author: Author,
  anonymous: z.boolean(),
  contentWarning: ContentWarning.nullable(),
  pinned: z.boolean(),
  locked: z.boolean(),
  postCount: z.number().int(),
  lastPostNumber: z.number().int(),
  createdAt: z.string(),
  lastPostedAt: z.string(),
  /** Null when the reader never opened it; else the last post number they read. */
  lastReadNumber: z.number().int().nullable(),
  /** Never opened and posted since the reader joined. */
  isNew: z.boolean(),
  /** Its first post waits for a moderator: only its author and moderators see the topic. */
  held: z.boolean(),
  unreadCount: z.number().int(),
});
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TopicListQuery = z.object({
  category: Slug.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(30),
});
export const TopicPage = z.object({ items: z.array(TopicSummary), nextCursor: z.string().nullable() });
export type TopicPage = z.infer<typeof TopicPage>;

export const ReactionCounts = z.object({ me_too: z.number().int(), strength: z.number().int(), helped: z.number().int() });

export const Post = z.object({
  id: z.string(),
  topicId: z.string(),
  number: z.number().int(),
  author: Author,
  anonymous: z.boolean(),
  /** The reader wrote it (so an anonymous post can say "you" to its own author). */
  mine: z.boolean(),
  /** Sanitised HTML rendered from the Markdown; empty when removed or hidden. */
  html: z.string(),
  /** The Markdown itself, only for its author (to edit) — null otherwise. */
  markdown: z.string().nullable(),
  contentWarning: ContentWarning.nullable(),
  /** Why the reader sees it collapsed, if they do. */
  collapsed: z.enum(["warning", "blocked", "muted"]).nullable(),
  /**
   * held_for_approval: waiting for a moderator; only its author and moderators see it. A held
   * reply has no place in the topic yet: its `number` is a negative placeholder until approved.
   */
  state: z.enum(["visible", "removed_by_author", "hidden_by_moderator", "held_for_approval"]),
  replyToNumber: z.number().int().nullable(),
  reactions: ReactionCounts,
  myReactions: z.array(Reaction),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  can: z.object({ edit: z.boolean(), delete: z.boolean(), react: z.boolean(), flag: z.boolean(), moderate: z.boolean() }),
});
export type Post = z.infer<typeof Post>;
/** A post as its author gets it back from a write: with what the safety layer says to them privately. */
export const WrittenPost = Post.extend({ support: WriteSupport });
export type WrittenPost = z.infer<typeof WrittenPost>;

export const TopicView = z.object({
  topic: TopicSummary,
  posts: z.array(Post),
  /** Post numbers of the neighbouring pages; null at either end. */
  previousFrom: z.number().int().nullable(),
  nextFrom: z.number().int().nullable(),
  watching: z.boolean(),
  can: z.object({ reply: z.boolean(), moderate: z.boolean(), watch: z.boolean() }),
});
export type TopicView = z.infer<typeof TopicView>;

export const TopicViewQuery = z.object({
  /** First post number of the page; "unread" starts at the first post the reader has not read. */
  from: z.union([z.literal("unread"), z.coerce.number().int().min(1)]).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const NewTopic = z.strictObject({
  categoryId: ForumId,
  title: Title,
  body: Body,
  contentWarning: ContentWarning.nullable().default(null),
  anonymous: z.boolean().default(false),
});
export type NewTopic = z.input<typeof NewTopic>;

export const NewReply = z.strictObject({
  body: Body,
  contentWarning: ContentWarning.nullable().default(null),
  anonymous: z.boolean().default(false),
  replyToNumber: z.number().int().min(1).nullable().default(null),
});
export type NewReply = z.input<typeof NewReply>;

export const EditPost = z.strictObject({
  body: Body,
  contentWarning: ContentWarning.nullable().optional(),
});
export type EditPost = z.input<typeof EditPost>;

export const ModerateTopic = z.strictObject({ pinned: z.boolean().optional(), locked: z.boolean().optional() });

export const MarkRead = z.strictObject({ lastReadNumber: z.number().int().min(1) });

export const PostRevision = z.object({
  markdown: z.string(),
  contentWarning: ContentWarning.nullable(),
  editedAt: z.string(),
  editor: Author,
});
export const PostRevisions = z.object({ items: z.array(PostRevision) });

export const RevealedAuthor = z.object({ id: z.string(), pseudonym: z.string() });

export const SearchQuery = z.object({
  q: z.string().trim().min(2, "At least 2 characters").max(200),
  category: Slug.optional(),
  author: z.string().trim().min(1).max(30).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** A snippet as text pieces, `hit` marking the matched words: rendered without HTML. */
export const Snippet = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export const SearchHit = z.object({
  topicId: z.string(),
  topicTitle: z.string(),
  postNumber: z.number().int(),
  category: z.object({ slug: z.string(), name: z.string() }),
  author: Author,
  anonymous: z.boolean(),
  contentWarning: ContentWarning.nullable(),
  snippet: Snippet,
  createdAt: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResults = z.object({ items: z.array(SearchHit), nextCursor: z.string().nullable() });
export type SearchResults = z.infer<typeof SearchResults>;

export const NewFlag = z.strictObject({ reason: FlagReason, note: z.string().trim().max(1000).default("") });
export type NewFlag = z.input<typeof NewFlag>;

export const HidePost = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const ForumPreferences = z.strictObject({
  /** Warnings this person always wants collapsed; the others show with their label but open. */
  collapseWarnings: z.array(ContentWarning).max(CONTENT_WARNINGS.length),
});
export type ForumPreferences = z.infer<typeof ForumPreferences>;

/** Pushed to the `topic:<id>` room; readers refetch the page so each sees it through their own policy. */
export type ForumTopicEvent = { topicId: string; postNumber: number; kind: "created" | "updated" };

export const ReactionState = z.object({ reactions: ReactionCounts, myReactions: z.array(Reaction) });
export type ReactionState = z.infer<typeof ReactionState>;
