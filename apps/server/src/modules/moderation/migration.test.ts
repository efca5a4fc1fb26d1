// Migration 0004 folds the forum's old flags into the one review queue: open
// flags become one pending item per post (as severe as its worst flag),
// settled ones a resolved item per settlement, and forum_flag is dropped.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, expect, it } from "vitest";

const migrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../drizzle");
const before = fs.mkdtempSync(path.join(os.tmpdir(), "kindred-migrations-"));
afterAll(() => fs.rmSync(before, { recursive: true, force: true }));

/** The migrations folder as it was before 0004. */
function migrationsBefore0004() {
  fs.cpSync(migrations, before, { recursive: true });
  const journalPath = path.join(before, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < 4);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return before;
}

it("moves open and settled forum flags into review items and flags, then drops forum_flag", async () => {
  const client = new PGlite();
  const db = drizzle(client);
  try {
    await migrate(db, { migrationsFolder: migrationsBefore0004() });
    await client.exec(`
      insert into "user" (id, name, email) values ('u-author', 'author', 'a@x.invalid'), ('u-f1', 'f1', 'f1@x.invalid'),
        ('u-f2', 'f2', 'f2@x.invalid'), ('u-mod', 'mod', 'm@x.invalid');
      insert into forum_category (id, slug, name) values ('c1', 'c1', 'C1');
      insert into forum_topic (id, category_id, title, author_id) values ('t1', 'c1', 'T1', 'u-author');
      insert into forum_post (id, topic_id, number, author_id, markdown, html, search)
        values ('p1', 't1', 1, 'u-author', 'one', 'one', ''), ('p2', 't1', 2, 'u-author', 'two', 'two', '');
      insert into forum_flag (id, post_id, flagger_id, reason, note, created_at) values
        ('f-open-1', 'p1', 'u-f1', 'spam', 'selling', '2030-01-01T10:00:00Z'),
        ('f-open-2', 'p1', 'u-f2', 'crisis_concern', 'worried', '2030-01-01T11:00:00Z');
      insert into forum_flag (id, post_id, flagger_id, reason, note, created_at, resolved_at, resolved_by, outcome) values
        ('f-kept', 'p2', 'u-f1', 'harassment', '', '2030-01-01T09:00:00Z', '2030-01-02T09:00:00Z', 'u-mod', 'kept'),
        ('f-again', 'p2', 'u-f1', 'other', '', '2030-01-03T09:00:00Z', '2030-01-04T09:00:00Z', 'u-mod', 'hidden');
    `);
    await migrate(db, { migrationsFolder: migrations });

    const items = await client.query<Record<string, unknown>>(
      `select target_id, author_id, status, severity, created_at, resolved_at, resolved_by, outcome,
              (select array_agg(f.id order by f.id) from review_flag f where f.item_id = i.id) as flags
       from review_item i order by target_id, created_at`,
    );
    expect(items.rows).toEqual([
      {
        target_id: "p1", author_id: "u-author", status: "pending", severity: 100, created_at: new Date("2030-01-01T10:00:00Z"),
        resolved_at: null, resolved_by: null, outcome: null, flags: ["f-open-1", "f-open-2"],
      },
      {
        target_id: "p2", author_id: "u-author", status: "resolved", severity: 50, created_at: new Date("2030-01-01T09:00:00Z"),
        resolved_at: new Date("2030-01-02T09:00:00Z"), resolved_by: "u-mod", outcome: "dismissed", flags: ["f-kept"],
      },
      {
        target_id: "p2", author_id: "u-author", status: "resolved", severity: 10, created_at: new Date("2030-01-03T09:00:00Z"),
        resolved_at: new Date("2030-01-04T09:00:00Z"), resolved_by: "u-mod", outcome: "hidden", flags: ["f-again"],
      },
    ]);
    const flags = await client.query(`select id, source, flagger_id, reason, note from review_flag where id = 'f-open-2'`);
    expect(flags.rows).toEqual([{ id: "f-open-2", source: "member", flagger_id: "u-f2", reason: "crisis_concern", note: "worried" }]);
    const table = await client.query(`select to_regclass('public.forum_flag') as t`);
    expect(table.rows).toEqual([{ t: null }]);
  } finally {
    await client.close();
  }
});
