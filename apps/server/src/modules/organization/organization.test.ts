import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, Person, staff, type TestApp } from "../../testing/harness.js";

let t: TestApp;
let admin: Person;
beforeAll(async () => {
  t = await createTestApp();
  admin = await staff(t.app, ["admin"], { pseudonym: "OrgAdmin" });
});
afterAll(() => t.close());

describe("crisis lines", () => {
  it("are seeded with the verified lines, for visitors too", async () => {
    const visitor = new Person(t.app);
    const us = await visitor.get("/api/crisis-lines?country=US");
    expect(us.status).toBe(200);
    const contacts = us.body.lines.map((l: { contact: string }) => l.contact);
    expect(contacts).toEqual(["988", "741741", "1-800-662-4357", "911"]);
    const au = await visitor.get("/api/crisis-lines?country=AU");
    expect(au.body.lines.map((l: { contact: string }) => l.contact)).toEqual(["13 11 14", "0477 13 11 14", "000"]);
    const ie = await visitor.get("/api/crisis-lines?country=IE");
    expect(ie.body.lines.map((l: { contact: string }) => l.contact)).toEqual(["116 123", "112", "112"]);
  });

  it("fall back to EU-wide lines in the EU and to the organization's country elsewhere", async () => {
    const visitor = new Person(t.app);
    const de = await visitor.get("/api/crisis-lines?country=DE");
    expect(de.body.country).toBe("DE");
    expect(de.body.lines.map((l: { contact: string }) => l.contact)).toEqual(["112"]);
    const jp = await visitor.get("/api/crisis-lines?country=JP");
    expect(jp.body.country).toBe("US");
    const none = await visitor.get("/api/crisis-lines");
    expect(none.body.country).toBe("US");
  });

  it("an admin adds, edits and removes a line", async () => {
    const created = await admin.post("/api/admin/crisis-lines", {
      country: "NZ",
      name: "Need to talk?",
      kind: "text",
      contact: "1737",
      description: "Free call or text, any time.",
    });
    expect(created.status).toBe(201);
    const edited = await admin.put(`/api/admin/crisis-lines/${created.body.id}`, { ...created.body, id: undefined, name: "1737 Need to talk?" });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe("1737 Need to talk?");
    const nz = await new Person(t.app).get("/api/crisis-lines?country=NZ");
    expect(nz.body.lines).toHaveLength(1);
    expect((await admin.delete(`/api/admin/crisis-lines/${created.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/admin/crisis-lines/${created.body.id}`)).status).toBe(404);
  });
});

describe("settings and guidelines", () => {
  it("the public configuration shows the registration mode and current guidelines", async () => {
    const res = await new Person(t.app).get("/api/config");
    expect(res.body).toMatchObject({ registrationMode: "open", defaultCountry: "US", guidelines: { version: 1 } });
    expect(res.body.guidelines.en).toContain("anonymity");
    expect(res.body.guidelines.es.length).toBeGreaterThan(100);
  });

  it("publishing new guidelines makes sign-ups accept the new version", async () => {
    const published = await admin.post("/api/admin/guidelines", {
      en: "Be kind. Protect anonymity. Every path is valid.",
      es: "Sé amable. Protege el anonimato. Todos los caminos valen.",
    });
    expect(published.status).toBe(201);
    expect(published.body.guidelines.version).toBe(2);
    const old = await new Person(t.app, "LateComer").signUp({ acceptedGuidelinesVersion: 1 });
    expect(old.status).toBe(422);
    const ok = await new Person(t.app, "LateComer").signUp({ acceptedGuidelinesVersion: 2 });
    expect(ok.status).toBe(201);
    expect(ok.body.me.guidelinesVersion).toBe(2);
  });
});
