// What every write passes through, in this order:
//   1. silence      — a silenced person may read but not write (except to the safety team);
//   2. rate limit   — a new account writes at most N posts and messages an hour;
//   3. watched words — replace and link rewrite the text; flag and require-approval are noted;
//   4. the crisis detector's screen (modules/safety, called by the write itself);
//   5. holds        — a watched word or a new account's first posts wait for approval,
//                     but never words the detector rates tier 2 or more: those are flagged instead.
// "Talk to someone now" and reports never pass through here: they are never refused.
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { HttpProblem } from "../../http/problem.js";
import { effectiveRoles } from "../../policy/actor.js";
import type { Actor } from "../../policy/index.js";
import { HELP_FROM_TIER } from "../safety/screen.js";
import { raiseReview, type ReviewTargetKind } from "./review.js";
import { loadWatchedWords, type Screened, screenWords } from "./words.js";

export type WriteKind = "forum_post" | "forum_edit" | "forum_reaction" | "conversation_message" | "group_post";

export type Admission = {
  /** This write would be held as one of a new account's first posts (decided finally after the detector's screen). */
  holdAsNewAccount: boolean;
};

const formatUntil = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function silencedProblem(until: Date) {
  return new HttpProblem(
    403,
    "silenced",
    "You can read but not post for now",
    `A moderator paused your posting until ${formatUntil(until)}. You can still read, reply to the safety team, and ask to talk to someone now.`,
    undefined,
    { until: until.toISOString() },
  );
}

/** Staff (any role whose powers are on) are not new accounts, whatever their age. */
const isStaff = (actor: Actor) => effectiveRoles(actor).length > 1;

/**
 * Steps 1 and 2: refuses a silenced person (403 `silenced`) and a new account
 * over its hourly limit (429 `new-account-rate-limit`). Reads only.
 */
export async function admitWrite(db: Db, actor: Actor, kind: WriteKind, opts: { toSafetyTeam?: boolean } = {}): Promise<Admission> {
  const [row] = await selectRows<{ silencedUntil: Date | null; isNew: boolean; heldPosts: number; perHour: number }>(
    db,
    sql`select (select until from silence where user_id = u.id and until > now()) as "silencedUntil",
          u.created_at > now() - make_interval(days => s.new_account_days) as "isNew",
          s.new_account_held_posts as "heldPosts", s.new_account_posts_per_hour as "perHour"
        from "user" u cross join org_settings s where u.id = ${actor.id} and s.id = 1`,
  );
  if (!row) return { holdAsNewAccount: false };
  if (row.silencedUntil && !(kind === "conversation_message" && opts.toSafetyTeam)) throw silencedProblem(new Date(row.silencedUntil));
  const counts = kind === "forum_post" || kind === "conversation_message" || kind === "group_post";
  if (!row.isNew || isStaff(actor) || !counts) return { holdAsNewAccount: false };
  const wantsRate = row.perHour > 0;
  const wantsHold = kind === "forum_post" && row.heldPosts > 0;
  if (!wantsRate && !wantsHold) return { holdAsNewAccount: false };

  const [c] = await selectRows<{ lastHour: number; oldest: Date | null; posts: number }>(
    db,
    sql`with recent as (
          select created_at from forum_post where author_id = ${actor.id} and created_at > now() - interval '1 hour'
          union all
          select created_at from conversation_message where author_id = ${actor.id} and kind = 'message' and created_at > now() - interval '1 hour'
          union all
          select created_at from group_post where author_id = ${actor.id} and created_at > now() - interval '1 hour')
        select (select count(*)::int from recent) as "lastHour", (select min(created_at) from recent) as oldest,
          ${wantsHold ? sql`(select count(*)::int from forum_post where author_id = ${actor.id})` : sql`0`} as posts`,
  );
  if (wantsRate && c!.lastHour >= row.perHour) {
    const until = new Date(new Date(c!.oldest!).getTime() + 3600_000);
    const what = kind === "conversation_message" ? "messages" : "posts";
    throw new HttpProblem(
      429,
      "new-account-rate-limit",
      "Please slow down a little",
      `New accounts can write ${row.perHour} forum posts and messages an hour; you can write ${what} again after ${formatUntil(until)}. If you need someone now, use "talk to someone now".`,
      undefined,
      { until: until.toISOString(), kind },
    );
  }
  return { holdAsNewAccount: wantsHold && c!.posts < row.heldPosts };
}

/** Step 3: the watched words, applied to the text before it is stored. */
export async function applyWatchedWords(db: Db, input: { title?: string | null; body: string; format: "markdown" | "plain" }): Promise<Screened> {
  return screenWords(input, await loadWatchedWords(db));
}

export type HoldReason = "watched_word" | "new_account";

/**
 * Step 5: whether the write waits for a moderator, and the review flags it
 * raises (inside the write's transaction). Words rated tier 2 or more are never
 * held: what would have held them is flagged instead.
 */
export async function holdAndFlag(
  tx: Db,
  target: { kind: ReviewTargetKind; id: string; authorId: string },
  words: Screened,
  admission: Admission,
  tier: number,
  opts: { canHold: boolean },
): Promise<HoldReason | null> {
  const flag = (source: "watched_word" | "new_account", reason: string, note: string) =>
    raiseReview(tx, { targetKind: target.kind, targetId: target.id, authorId: target.authorId, source, reason, note });
  const quoted = (rows: { phrase: string }[]) => rows.map((r) => `“${r.phrase}”`).join(", ");
  const mayBeCrisis = tier >= HELP_FROM_TIER;

  for (const w of words.flagged) await flag("watched_word", "watched_word", `Watched word ${quoted([w])}`);
  if (words.notReplaced.length > 0)
    await flag("watched_word", "watched_word", `Not replaced, because the words may be a cry for help: ${quoted(words.notReplaced)}`);

  let hold: HoldReason | null = null;
  if (words.requireApproval.length > 0) {
    if (opts.canHold && !mayBeCrisis) hold = "watched_word";
    else
      await flag(
        "watched_word",
        "watched_word",
        mayBeCrisis
          ? `Not held, because the words may be a cry for help: ${quoted(words.requireApproval)}`
          : `Watched word (needs approval) ${quoted(words.requireApproval)}`,
      );
  }
  if (!hold && admission.holdAsNewAccount) {
    if (opts.canHold && !mayBeCrisis) hold = "new_account";
    else await flag("new_account", "new_account", "One of a new account's first posts; not held, because the words may be a cry for help");
  }
  if (hold === "watched_word") await flag("watched_word", "held_for_approval", `Held for approval: ${quoted(words.requireApproval)}`);
  if (hold === "new_account") await flag("new_account", "held_for_approval", "Held for approval: one of a new account's first posts");
  return hold;
}

/**
 * For a message: whether its writer and the other people in the conversation
 * blocked one another (either way), and whether someone there is on the safety
 * team (a silenced person may still answer them).
 */
export async function conversationPeers(db: Db, actorId: string, memberIds: readonly string[]) {
  const others = memberIds.filter((id) => id !== actorId);
  if (others.length === 0) return { blockedEitherWay: false, safetyTeam: false };
  const ids = sql.join(others.map((id) => sql`${id}`), sql`, `);
  const [row] = await selectRows<{ blockedEitherWay: boolean; safetyTeam: boolean }>(
    db,
    sql`select
          exists (select 1 from block b where (b.blocker_id = ${actorId} and b.blocked_id in (${ids}))
                                        or (b.blocked_id = ${actorId} and b.blocker_id in (${ids}))) as "blockedEitherWay",
          exists (select 1 from role_grant g join "user" u on u.id = g.user_id
                  where g.user_id in (${ids}) and g.role in ('moderator', 'admin', 'specialist')
                    and u.status = 'active' and u.two_factor_enabled) as "safetyTeam"`,
  );
  return row!;
}
