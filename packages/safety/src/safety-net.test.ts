import { describe, expect, it } from "vitest";
import { assess } from "./index.js";

const tier = (t: string) => assess(t).tier;
const rules = (t: string) => assess(t).evidence.map((e) => e.rule);

describe("safety net", () => {
  it("raises self + means + immediacy + intent to 4", () => {
    expect(tier("took the entire bottle of my dad's tablets just now, goodbye")).toBe(4);
    expect(rules("took the entire bottle of my dad's tablets just now, goodbye").some((r) => r.startsWith("net."))).toBe(true);
  });
  it("reads means + a hidden or saved place as a plan (3)", () => {
    expect(tier("tengo la navaja escondida en el cajón")).toBeGreaterThanOrEqual(3);
  });
  it("never lowers the rules' verdict", () => {
    expect(tier("I took all my pills tonight and I'm saying goodbye to everyone.")).toBe(4);
    const a = assess("I'm really scared, my friend just told me she is going to kill herself tonight.");
    expect(a.tier).toBeGreaterThanOrEqual(3);
    expect(a.categories).toContain("concern_for_other");
  });
  it("stays quiet on benign messages", () => {
    expect(tier("Had a good walk by the river today and called my sponsor. Grateful.")).toBe(0);
    expect(tier("I take my pills every night now")).toBeLessThan(2);
    expect(tier("just bought a new knife for my kitchen")).toBeLessThan(2);
  });
  it("is vetoed by benign activities, media, jokes and the distant past", () => {
    expect(tier("stuck on this level for hours, I'm done, goodbye this game, the bridge boss is impossible right now")).toBeLessThan(2);
    expect(tier("the movie ends with him on the roof right now saying goodbye")).toBeLessThan(2);
    expect(tier("years ago I was on that bridge at night ready to end it, now 4 years sober")).toBeLessThan(3);
  });
  it("does not read one phrase as both the intent and its confirmation", () => {
    expect(tier("lowkey wanna kms but not gonna do anything, just venting")).toBeLessThan(4);
  });
  it("reads an armed threat at the door as imminent abuse", () => {
    const a = assess("my stepdad is outside with a knife saying he'll kill me");
    expect(a.tier).toBe(4);
    expect(a.categories).toContain("abuse");
  });
});
