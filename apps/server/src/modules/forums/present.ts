// Turns forum rows into what one reader may see: anonymous authors stay hidden
// (staff included: revealing is a separate, audit-logged request), removed and
// hidden posts lose their text, held posts are for their author and staff,
// warnings, blocks and mutes collapse a post.
import { CONTENT_WARNINGS, type ContentWarning, type Post, type Reaction, type TopicSummary } from "@kindred/contracts";
import type { Actor } from "../../policy/index.js";
import { type CategoryAccess, forumsPolicy, isForumStaff } from "./policy.js";

export type ReaderContext = {
  actor: Actor;
  staff: boolean;
  /** Warnings the reader always wants collapsed. */
  collapse: ReadonlySet<string>;
};

export function readerContext(actor: Actor, collapseWarnings: string[] | null): ReaderContext {
  return { actor, staff: isForumStaff(actor), collapse: new Set(collapseWarnings ?? CONTENT_WARNINGS) };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export type PostRow = {
  id: string;
  topicId: string;
  number: number;
  authorId: string | null;
  pseudonym: string | null;
  anonymous: boolean;
  markdown: string;
  html: string;
  contentWarning: string | null;
  replyToNumber: number | null;
  meToo: number;
  strength: number;
  helped: number;
  createdAt: Date | string;
  editedAt: Date | string | null;
  removedAt: Date | string | null;
  hiddenAt: Date | string | null;
  /** Waiting for a moderator's approval. */
  heldAt?: Date | string | null;
  mine: string[] | null;
  blocked: boolean;
  /** The reader muted its author. */
  muted?: boolean;
};

export function presentPost(reader: ReaderContext, row: PostRow, category: CategoryAccess, topicLocked: boolean): Post {
  const { actor, staff } = reader;
  const state = row.removedAt ? "removed_by_author" : row.hiddenAt ? "hidden_by_moderator" : row.heldAt ? "held_for_approval" : "visible";
  const mine = row.authorId === actor.id;
  // Its author may still edit or take back a held post.
  const access = { authorId: row.authorId, removed: state === "removed_by_author" || state === "hidden_by_moderator", category };
  // Staff still read hidden posts (to restore them); nobody reads a post its author removed.
  // A held post reaches only its author and staff (queries leave it out for everyone else).
  const showText = state === "visible" || (state === "hidden_by_moderator" && staff) || (state === "held_for_approval" && (staff || mine));
  const warning = (row.contentWarning as ContentWarning | null) ?? null;
  const collapsed =
    !showText || mine
      ? null
      : row.blocked && !row.anonymous
        ? ("blocked" as const)
        : row.muted && !row.anonymous
          ? ("muted" as const)
          : warning && reader.collapse.has(warning)
            ? ("warning" as const)
            : null;
  return {
    id: row.id,
    topicId: row.topicId,
    number: row.number,
    author: row.anonymous || !row.authorId ? null : { id: row.authorId, pseudonym: row.pseudonym ?? "" },
    anonymous: row.anonymous,
    mine,
    html: showText ? row.html : "",
    markdown: mine && (state === "visible" || state === "held_for_approval") ? row.markdown : null,
    contentWarning: warning,
    collapsed,
    state,
    replyToNumber: row.replyToNumber,
    reactions: { me_too: row.meToo, strength: row.strength, helped: row.helped },
    myReactions: (row.mine ?? []) as Reaction[],
    createdAt: iso(row.createdAt)!,
    editedAt: iso(row.editedAt),
    can: {
      edit: forumsPolicy.can(actor, "post.edit", access),
      delete: forumsPolicy.can(actor, "post.delete", access),
      react: forumsPolicy.can(actor, "post.react", access) && state !== "held_for_approval" && (!topicLocked || staff),
      flag: forumsPolicy.can(actor, "post.flag", access),
      moderate: staff,
    },
  };
}

export type TopicRow = {
  id: string;
  title: string;
  categoryId: string;
  categorySlug: string;
  categoryName: string;
  authorId: string | null;
  pseudonym: string | null;
  anonymous: boolean;
  contentWarning: string | null;
  pinned: boolean;
  locked: boolean;
  postCount: number;
  lastPostNumber: number;
  createdAt: Date | string;
  lastPostedAt: Date | string;
  lastReadNumber: number | null;
  heldAt?: Date | string | null;
  /** The reader's sign-up time: topics from before it are never "new" to them. */
  joinedAt: Date | string;
};

/** Topics stay "new" for this long after they start, for anyone who has not opened them. */
const NEW_FOR_MS = 14 * 24 * 3600 * 1000;

export function presentTopic(row: TopicRow, now = Date.now()): TopicSummary {
  const created = new Date(row.createdAt).getTime();
  const lastRead = row.lastReadNumber;
  return {
    id: row.id,
    title: row.title,
    category: { id: row.categoryId, slug: row.categorySlug, name: row.categoryName },
    author: row.anonymous || !row.authorId ? null : { id: row.authorId, pseudonym: row.pseudonym ?? "" },
    anonymous: row.anonymous,
    contentWarning: (row.contentWarning as ContentWarning | null) ?? null,
    pinned: row.pinned,
    locked: row.locked,
    postCount: row.postCount,
    lastPostNumber: row.lastPostNumber,
    createdAt: iso(row.createdAt)!,
    lastPostedAt: iso(row.lastPostedAt)!,
    lastReadNumber: lastRead,
    isNew: lastRead === null && created > new Date(row.joinedAt).getTime() && now - created < NEW_FOR_MS,
    unreadCount: lastRead === null ? 0 : Math.max(0, row.lastPostNumber - lastRead),
    held: Boolean(row.heldAt),
  };
}
