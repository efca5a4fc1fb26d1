// Importing a Meeting Guide feed (a file's JSON, or a URL on this machine's
// loopback). A dry run reports what would be created, updated, left unchanged
// and skipped (with the field at fault); a real run writes in one transaction,
// and writes nothing at all when entries were skipped unless the admin accepts
// the valid part.
import type { ImportReport, ImportRequest } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, selectRows } from "../../db/client.js";
import { type FieldError, HttpProblem, problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { freeSlug, slugify } from "../groups/service.js";
import { type FeedContext, fromEntry, type ImportedMeeting, MeetingGuideEntry, toEntry } from "./meeting-guide.js";
import { meetingsPolicy } from "./policy.js";
import { refreshSearch } from "./search.js";
import { fullSelect, insertMeeting, type MeetingRow, updateMeetingRow } from "./service.js";

export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
const MAX_ENTRIES = 20_000;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Reads the feed from the request: the array itself, or fetched from a loopback URL. */
async function readFeed(input: z.output<typeof ImportRequest>): Promise<unknown[]> {
  if (input.feed !== undefined && input.url) throw problems.validation([{ path: "body.url", message: "Give the feed or its address, not both" }]);
  let feed: unknown = input.feed;
  if (input.url) {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw problems.validation([{ path: "body.url", message: "Not a web address" }]);
    }
    if (!/^https?:$/.test(url.protocol) || !LOOPBACK.has(url.hostname)) {
      throw problems.validation([{ path: "body.url", message: "Only feeds on this machine (http://localhost/… or 127.0.0.1) can be fetched; upload other feeds as a file" }]);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const text = await res.text();
      if (text.length > IMPORT_BODY_LIMIT) throw new Error("too large");
      feed = JSON.parse(text);
    } catch (err) {
      const why = err instanceof SyntaxError ? "it is not JSON" : (err as Error).message === "too large" ? "it is larger than 5 MB" : "the address did not answer with a feed";
      throw problems.validation([{ path: "body.url", message: `Could not read a feed there: ${why}` }]);
    }
  }
  if (feed === undefined) throw problems.validation([{ path: "body.feed", message: "Choose a feed file or give its address" }]);
  if (!Array.isArray(feed)) throw problems.validation([{ path: "body.feed", message: "A Meeting Guide feed is a JSON array of meetings" }]);
  if (feed.length > MAX_ENTRIES) throw problems.validation([{ path: "body.feed", message: `At most ${MAX_ENTRIES.toLocaleString("en")} meetings at once` }]);
  return feed;
}

/** Entries compared as the feed would print them, without `updated` (which only says when). */
function comparable(entry: unknown): Record<string, unknown> | null {
  const parsed = MeetingGuideEntry.safeParse(entry);
  if (!parsed.success) return null;
  const { updated: _updated, ...rest } = parsed.data;
  const days = Array.isArray(rest.day) ? [...rest.day].sort((a, b) => a - b) : rest.day;
  return { ...rest, day: Array.isArray(days) && days.length === 1 ? days[0] : days, types: rest.types ? [...rest.types].sort() : rest.types };
}
const differingFields = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();

type Plan = { index: number; meeting: ImportedMeeting; existing: MeetingRow | null; fields: string[] };

export async function importFeed(
  db: Db, actor: Actor, input: z.output<typeof ImportRequest>, ctx: FeedContext & { defaultTimeZone: string }, now = new Date(),
): Promise<ImportReport> {
  meetingsPolicy.authorize(actor, "meeting.import", null);
  const feed = await readFeed(input);
  const report: ImportReport = { dryRun: input.dryRun, applied: false, created: [], updated: [], unchanged: [], skipped: [] };
  const slugs = feed.map((e) => (e && typeof e === "object" && typeof (e as { slug?: unknown }).slug === "string" ? (e as { slug: string }).slug : null));
  const existing = new Map(
    (await selectRows<MeetingRow>(db, sql`${fullSelect(actor)} where m.slug = any(${sql.param(slugs.filter((s): s is string => s !== null))}::text[])`)).map((m) => [m.slug, m]),
  );
  const seen = new Set<string>();
  const plans: Plan[] = [];
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  feed.forEach((raw, index) => {
    const line = { index, slug: slugs[index] ?? null, name: raw && typeof raw === "object" && typeof (raw as { name?: unknown }).name === "string" ? String((raw as { name: string }).name).slice(0, 255) : null };
    const result = fromEntry(raw, index, { ...ctx, today });
    if ("errors" in result) return void report.skipped.push({ ...line, errors: result.errors.map((e) => ({ field: e.path, message: e.message })) });
    const { meeting } = result;
    if (seen.has(meeting.slug)) return void report.skipped.push({ ...line, errors: [{ field: `[${index}].slug`, message: "Appears earlier in the same feed" }] });
    seen.add(meeting.slug);
    const current = existing.get(meeting.slug) ?? null;
    if (current && current.groupId && current.groupVisibility !== "public") {
      return void report.skipped.push({ ...line, errors: [{ field: `[${index}].slug`, message: "Used by a meeting of a private or hidden group, which a feed cannot change" }] });
    }
    if (!current) {
      report.created.push(line);
      return void plans.push({ index, meeting, existing: null, fields: [] });
    }
    const fields = differingFields(comparable(toEntry(current, ctx))!, comparable(raw)!);
    if (fields.length === 0) return void report.unchanged.push(line);
    report.updated.push({ ...line, fields });
    plans.push({ index, meeting, existing: current, fields });
  });

  if (input.dryRun) return report;
  if (report.skipped.length > 0 && !input.acceptValid) {
    const errors: FieldError[] = report.skipped.flatMap((s) => s.errors.map((e) => ({ path: `body.feed${e.field}`, message: e.message })));
    throw new HttpProblem(
      409, "import-has-errors", "Some meetings in the feed have errors",
      `${report.skipped.length} of ${feed.length} entries cannot be imported. Nothing was written; fix them, or import the valid part.`, errors.slice(0, 200),
    );
  }
  await db.transaction(async (tx) => {
    const groups = await groupIds(tx, actor, plans.map((p) => p.meeting.groupName));
    for (const p of plans) {
      const { groupName, slug, ...meeting } = p.meeting;
      const groupId = groupName ? groups.get(groupName.toLowerCase()) ?? null : null;
      if (p.existing) {
        const { groupId: _g, facilitators: _f, ...fields } = meeting;
        await updateMeetingRow(tx, p.existing, fields);
        if (p.existing.groupId !== groupId) {
          await tx.execute(sql`update meeting set group_id = ${groupId} where id = ${p.existing.id}`);
          await refreshSearch(tx, sql`m.id = ${p.existing.id}`);
        }
      } else {
        await insertMeeting(tx, actor.id, timeOrderedId(), slug, { ...meeting, groupId }, []);
      }
    }
    await recordAudit(tx, actor.id, "meeting.imported", "meeting", null, {
      created: report.created.length, updated: report.updated.length, unchanged: report.unchanged.length, skipped: report.skipped.length,
    });
  });
  return { ...report, applied: true };
}

/** The public group of each name, created when there is none (a feed's `group` is a public name). */
async function groupIds(tx: Db, actor: Actor, names: (string | null)[]) {
  const wanted = [...new Set(names.filter((n): n is string => !!n).map((n) => n.trim()))];
  const map = new Map<string, string>();
  if (wanted.length === 0) return map;
  const rows = await selectRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from recovery_group where visibility = 'public' and lower(name) = any(${sql.param(wanted.map((n) => n.toLowerCase()))}::text[]) order by created_at`,
  );
  for (const r of rows) if (!map.has(r.name.toLowerCase())) map.set(r.name.toLowerCase(), r.id);
  for (const name of wanted) {
    if (map.has(name.toLowerCase())) continue;
    const id = timeOrderedId();
    const slug = await freeSlug(tx, "recovery_group", slugify(name));
    await tx.execute(sql`insert into recovery_group (id, slug, name, visibility, created_by) values (${id}, ${slug}, ${name.slice(0, 120)}, 'public', ${actor.id})`);
    await tx.execute(sql`insert into group_member (group_id, user_id, state) values (${id}, ${actor.id}, 'facilitator')`);
    map.set(name.toLowerCase(), id);
  }
  return map;
}
