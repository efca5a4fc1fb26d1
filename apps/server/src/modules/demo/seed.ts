// A small, believable community so a newcomer sees a lived-in app.
// Loaded once into an empty database; never when NODE_ENV=production (see config.ts).
import fs from "node:fs";
import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Notifier, NotifyInput } from "../notifications/service.js";
import { seedDemoRota } from "../safety/demo.js";
import type { Pathway, ProfileUpdate } from "@kindred/contracts";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { user } from "../../db/schema/index.js";
import { totp } from "../../lib/totp.js";
import type { Auth } from "../accounts/auth.js";
import * as accounts from "../accounts/service.js";
import { currentGuidelines } from "../organization/service.js";
import { seedDemoForum } from "../forums/demo.js";
import { seedDemoGroups } from "../groups/demo.js";
import { updateOwnProfile } from "../profiles/service.js";

export const DEMO_PASSWORD = "kindred-demo-2026";

type DemoPerson = {
  pseudonym: string;
  role: string;
  grants: ("specialist" | "facilitator" | "moderator" | "admin")[];
  profile: ProfileUpdate;
};

const paths = (...p: Pathway[]) => p;

export const DEMO_PEOPLE: DemoPerson[] = [
  { pseudonym: "admin", role: "admin", grants: ["admin"], profile: { pronouns: "they/them", country: "US", timeZone: "America/New_York" } },
  { pseudonym: "Wren", role: "moderator", grants: ["moderator"], profile: { pronouns: "she/her", pathways: paths("secular"), country: "US", languages: ["en"] } },
  { pseudonym: "Juniper", role: "peer support specialist", grants: ["specialist"], profile: { pronouns: "she/her", pathways: paths("twelve_step", "medication_assisted"), recoveringFrom: "opioids, 9 years in recovery", languages: ["en", "es"], country: "US", timeZone: "America/Chicago", visibility: { recoveringFrom: "members" } } },
  { pseudonym: "Dario", role: "peer support specialist", grants: ["specialist"], profile: { pronouns: "he/him", pathways: paths("smart", "harm_reduction"), recoveringFrom: "alcohol and gambling", languages: ["es", "en"], country: "US", locale: "es", visibility: { recoveringFrom: "members" } } },
  { pseudonym: "Marisol", role: "facilitator", grants: ["facilitator"], profile: { pronouns: "she/her", pathways: paths("refuge_recovery"), languages: ["es", "en"], country: "US", locale: "es" } },
  { pseudonym: "TeddyB", role: "facilitator", grants: ["facilitator"], profile: { pronouns: "he/him", pathways: paths("twelve_step"), languages: ["en"], country: "GB", timeZone: "Europe/London" } },
  { pseudonym: "MorningLight", role: "member", grants: [], profile: { pronouns: "she/her", pathways: paths("medication_assisted"), recoveringFrom: "fentanyl", languages: ["en"], country: "US" } },
  { pseudonym: "RiverStone", role: "member", grants: [], profile: { pronouns: "he/him", pathways: paths("smart"), recoveringFrom: "alcohol", languages: ["en"], country: "CA", timeZone: "America/Toronto" } },
  { pseudonym: "QuietHarbor", role: "member", grants: [], profile: { pathways: paths("faith_based", "twelve_step"), languages: ["en"], country: "AU", timeZone: "Australia/Sydney" } },
  { pseudonym: "SteadyOak", role: "member", grants: [], profile: { pronouns: "they/them", pathways: paths("harm_reduction"), recoveringFrom: "stimulants, and depression", languages: ["en"], country: "IE" } },
];

export type DemoSummary = { password: string; people: { pseudonym: string; role: string }[]; totpFile: string };

/** Seeds the demo community into an empty database; returns the credentials to print. */
export async function loadDemoContent(
  db: Db,
  auth: Auth,
  dataDir: string,
  log: FastifyBaseLogger,
  notifier?: Pick<Notifier, "notify">,
): Promise<DemoSummary | null> {
  const summary: DemoSummary = {
    password: DEMO_PASSWORD,
    people: DEMO_PEOPLE.map((p) => ({ pseudonym: p.pseudonym, role: p.role })),
    totpFile: path.join(dataDir, "demo-two-factor.json"),
  };
  const [anyone] = await db.select({ id: user.id }).from(user).limit(1);
  if (anyone) {
    const [demoAdmin] = await db.select({ id: user.id }).from(user).where(eq(user.username, "admin"));
    return demoAdmin ? summary : null;
  }
  const guidelines = await currentGuidelines(db);
  const [admin] = DEMO_PEOPLE;
  const secrets: Record<string, string> = {};
  let adminId = "";
  const welcomes: NotifyInput[] = [];
  const people = new Map<string, string>();
  for (const person of DEMO_PEOPLE) {
    const { response } = await accounts.signUp(db, auth, {
      pseudonym: person.pseudonym,
      password: DEMO_PASSWORD,
      acceptedGuidelinesVersion: guidelines.version,
      locale: person.profile.locale,
    });
    const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const headers = new Headers({ cookie });
    const [row] = await db.select({ id: user.id }).from(user).where(eq(user.username, person.pseudonym.toLowerCase()));
    const id = row!.id;
    if (person === admin) adminId = id;
    people.set(person.pseudonym, id);
    await updateOwnProfile(db, id, person.profile);
    for (const role of person.grants) {
      // The staff find their role waiting under the bell, as if the admin had just given it.
      if (person !== admin) welcomes.push({ userId: id, kind: "account.role_granted", params: { role }, link: "/settings", actorId: adminId });
      await accounts.grantRole(db, adminId || id, id, {
        role,
        certification:
          role === "specialist"
            ? { name: "Certified Peer Recovery Specialist", number: `CPRS-${20400 + Object.keys(secrets).length}`, expiresOn: `${new Date().getUTCFullYear() + 1}-06-30` }
            : undefined,
      });
    }
    if (person.grants.length > 0) {
      // Staff powers need two-factor authentication: switch it on through the real flow.
      const setup = await accounts.startTwoFactorSetup(auth, { id, pseudonym: person.pseudonym, status: "active", grantedRoles: new Set(), twoFactorEnabled: false }, headers, DEMO_PASSWORD);
      await accounts.confirmTwoFactor(auth, headers, totp(setup.secret));
      secrets[person.pseudonym] = setup.secret;
    }
    await auth.api.signOut({ headers }).catch(() => {});
  }
  await seedDemoForum(db, people);
  await seedDemoRota(db, people);
  await seedDemoGroups(db, people);
  await notifier?.notify(welcomes);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(summary.totpFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  log.info({ people: DEMO_PEOPLE.length }, "demo community loaded");
  return summary;
}
