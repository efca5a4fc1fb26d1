import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, type Person, type TestApp } from "../../testing/harness.js";

let t: TestApp;
let owner: Person;
let viewer: Person;
beforeAll(async () => {
  t = await createTestApp();
  owner = await member(t.app, "OwnerPerson");
  viewer = await member(t.app, "ViewerPerson");
});
afterAll(() => t.close());

describe("profile", () => {
  it("starts empty with safe default visibility", async () => {
    const res = await owner.get("/api/me/profile");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pseudonym: "OwnerPerson", pronouns: null, pathways: [], email: null });
    expect(res.body.visibility.recoveringFrom).toBe("only_me");
  });

  it("saves every field and its visibility", async () => {
    const res = await owner.patch("/api/me/profile", {
      pronouns: "she/her",
      pathways: ["smart", "harm_reduction", "smart"],
      recoveringFrom: "alcohol",
      languages: ["en", "es"],
      timeZone: "America/Chicago",
      country: "US",
      locale: "es",
      visibility: { pronouns: "members", recoveringFrom: "specialists", pathways: "only_me" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      pronouns: "she/her",
      pathways: ["smart", "harm_reduction"],
      recoveringFrom: "alcohol",
      languages: ["en", "es"],
      timeZone: "America/Chicago",
      country: "US",
      locale: "es",
    });
    expect(res.body.visibility).toMatchObject({ pronouns: "members", recoveringFrom: "specialists", pathways: "only_me", languages: "members" });
    expect((await owner.get("/api/me/profile")).body.pronouns).toBe("she/her");
  });

  it("shows others only the fields the owner lets members see, and no last names or e-mail", async () => {
    await owner.patch("/api/me/profile", { email: "owner@example.org", visibility: { languages: "members", country: "only_me" } });
    const res = await viewer.get("/api/members/ownerperson");
    expect(res.status).toBe(200);
    expect(res.body.pseudonym).toBe("OwnerPerson");
    expect(res.body.pronouns).toBe("she/her");
    expect(res.body.languages).toEqual(["en", "es"]);
    expect(res.body).not.toHaveProperty("pathways");
    expect(res.body).not.toHaveProperty("recoveringFrom");
    expect(res.body).not.toHaveProperty("country");
    expect(res.raw).not.toContain("owner@example.org");
  });

  it("uses the profile's country for crisis lines", async () => {
    await owner.patch("/api/me/profile", { country: "GB" });
    const lines = await owner.get("/api/crisis-lines");
    expect(lines.body.country).toBe("GB");
    expect(lines.body.lines.map((l: { contact: string }) => l.contact)).toContain("116 123");
  });

  it("removes the e-mail when asked, and refuses one already in use", async () => {
    await owner.patch("/api/me/profile", { email: "shared@example.org" });
    const taken = await viewer.patch("/api/me/profile", { email: "shared@example.org", pronouns: "he/him" });
    expect(taken.status).toBe(409);
    expect((await viewer.get("/api/me/profile")).body.pronouns).toBeNull();
    const removed = await owner.patch("/api/me/profile", { email: null });
    expect(removed.body.email).toBeNull();
  });

  it("404s for someone who does not exist", async () => {
    expect((await viewer.get("/api/members/nobody_by_that_name")).status).toBe(404);
  });
});

describe("blocking", () => {
  it("blocks, lists and unblocks a person", async () => {
    expect((await viewer.post("/api/me/blocks", { pseudonym: "OwnerPerson" })).status).toBe(201);
    expect((await viewer.post("/api/me/blocks", { pseudonym: "OwnerPerson" })).status).toBe(201);
    const list = await viewer.get("/api/me/blocks");
    expect(list.body.items.map((i: { pseudonym: string }) => i.pseudonym)).toEqual(["OwnerPerson"]);
    expect((await viewer.get("/api/members/OwnerPerson")).body.blockedByMe).toBe(true);
    expect((await viewer.delete("/api/me/blocks/OwnerPerson")).status).toBe(204);
    expect((await viewer.get("/api/me/blocks")).body.items).toEqual([]);
  });

  it("refuses to block yourself or nobody", async () => {
    expect((await viewer.post("/api/me/blocks", { pseudonym: "ViewerPerson" })).status).toBe(422);
    expect((await viewer.post("/api/me/blocks", { pseudonym: "ghost_person" })).status).toBe(404);
    expect((await viewer.get("/api/me/blocks")).body.items).toEqual([]);
  });
});
