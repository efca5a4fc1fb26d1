import { describe, expect, it } from "vitest";
import { DEV_EXAMPLES } from "./dev-examples.js";
import { assess, CATEGORIES, detectLanguage, methodDetails } from "./index.js";

const tier = (text: string) => assess(text).tier;

describe("development examples", () => {
  it.each(DEV_EXAMPLES.map((e) => [e.tier, e.text, e] as const))("tier %i: %s", (_t, _text, e) => {
    const a = assess(e.text);
    expect(a.tier).toBe(e.tier);
    expect(a.language).toBe(e.language);
    for (const c of e.categories ?? []) expect(a.categories).toContain(c);
  });

  it("has at least 150 examples covering every tier in both languages", () => {
    expect(DEV_EXAMPLES.length).toBeGreaterThanOrEqual(150);
    for (const language of ["en", "es"] as const)
      for (const t of [0, 1, 2, 3, 4])
        expect(DEV_EXAMPLES.some((e) => e.language === language && e.tier === t)).toBe(true);
  });
});

describe("the server's phrases", () => {
  it("reads a goodbye after taking pills as tier 4 and blurs the pills", () => {
    const text = "I took all my pills tonight and I'm saying goodbye to everyone.";
    const a = assess(text);
    expect(a.tier).toBe(4);
    expect(a.categories).toEqual(expect.arrayContaining(["suicide", "overdose"]));
    const spans = methodDetails(text);
    expect(spans.some((s) => text.slice(s.start, s.end).includes("pills"))).toBe(true);
  });
  it("leaves a good day at tier 0", () => {
    expect(assess("Had a good walk by the river today and called my sponsor. Grateful.")).toMatchObject({
      tier: 0,
      categories: [],
    });
  });
  it("reads a friend's stated intent as concern for another at tier 3 or more", () => {
    const a = assess("I'm really scared, my friend just told me she is going to kill herself tonight.");
    expect(a.tier).toBeGreaterThanOrEqual(3);
    expect(a.categories).toContain("concern_for_other");
  });
});

describe("modifiers", () => {
  it("negation lowers one step, but risk-carrying negations stay risky", () => {
    expect(tier("I want to die")).toBe(2);
    expect(tier("I would never kill myself")).toBe(1);
    expect(tier("I don't want to live like this")).toBe(2);
    expect(tier("I can't go on")).toBe(2);
    expect(tier("No quiero seguir así")).toBe(2);
  });
  it("a negated or past intent is no intent", () => {
    expect(tier("I'm going to kill myself")).toBe(3);
    expect(tier("I'm not going to kill myself")).toBe(1);
  });
  it("hypotheticals and questions about others lower one step", () => {
    expect(tier("Imagine wanting to die over a video game")).toBeLessThanOrEqual(1);
    expect(tier("Do you ever want to die?")).toBe(1);
  });
  it("past and recovered lower one step", () => {
    expect(tier("I overdosed last night")).toBe(3);
    expect(tier("Two years since I overdosed, grateful every day")).toBeLessThanOrEqual(1);
    expect(tier("Hace tres años intenté quitarme la vida")).toBe(1);
  });
  it("a recent time raises a past act", () => {
    expect(tier("I cut myself")).toBe(2);
    expect(tier("I cut myself again last night")).toBe(3);
  });
  it("third person is concern for another, at the other person's tier", () => {
    const a = assess("My brother says he wants to die.");
    expect(a.tier).toBe(2);
    expect(a.categories).toEqual(expect.arrayContaining(["concern_for_other", "suicide"]));
  });
  it("quotations, lyrics and news lower one step", () => {
    expect(tier('The lyric goes "I want to die tonight" and it hits hard')).toBeLessThanOrEqual(1);
    expect(tier("The article says overdoses doubled in the county")).toBe(0);
  });
  it("idioms remove their own match", () => {
    expect(tier("This workout is killing me")).toBe(0);
    expect(tier("I could kill for a coffee")).toBe(0);
    expect(tier("dying to see you")).toBe(0);
    expect(tier("me muero de risa")).toBe(0);
    expect(tier("me mata el calor")).toBe(0);
    expect(tier("dead tired")).toBe(0);
    expect(tier("I killed it at work today")).toBe(0);
  });
  it("harm-reduction advice is not dangerous use", () => {
    expect(tier("Never use alone, carry naloxone, test your supply")).toBe(0);
    expect(tier("Nunca consumas solo y lleva naloxona")).toBe(0);
  });
  it("never suppresses tier 4", () => {
    for (const text of [
      "I took all my pills lol",
      "I don't know why but I took all my pills",
      "Years ago I was sober, now I took all my pills",
      'In the news today: "I swallowed 30 pills"',
      "If anyone cares, my brother isn't breathing and his lips are blue",
    ])
      expect(tier(text)).toBe(4);
  });
});

describe("Spanish, evasive spellings and emoji", () => {
  it("reads Spanish first-person forms and risky negations", () => {
    expect(tier("Me quiero matar")).toBe(2);
    expect(tier("voy a suicidarme")).toBe(3);
    expect(tier("Ya no quiero vivir")).toBe(2);
    expect(tier("quiero cortarme")).toBe(2);
    expect(assess("Mi hermana dice que se quiere morir").categories).toContain("concern_for_other");
  });
  it("reads evasive spellings", () => {
    for (const text of [
      "kms",
      "i want to unalive myself",
      "sewerslide thoughts again",
      "s.u.i.c.i.d.a.l",
      "k1ll mys3lf",
      "feeling sui tonight",
    ])
      expect(tier(text)).toBeGreaterThanOrEqual(2);
    expect(tier("been s3lf h4rming again")).toBe(3);
    expect(tier("od'd last night")).toBe(3);
    expect(tier("I want to end it all")).toBe(2);
  });
  it("reads emoji", () => {
    expect(tier("i want 💀")).toBe(2);
    expect(tier("💊💊💊 goodbye 👋")).toBe(4);
    expect(tier("🔪🩸")).toBe(2);
    expect(tier("💀💀💀 this meme")).toBe(0);
  });
});

describe("evidence", () => {
  it("points back into the original text", () => {
    const text = "Long day. Cooked dinner. Ｉ ｗａｎｔ to d.i.e tonight, honestly 😞";
    const a = assess(text);
    expect(a.tier).toBeGreaterThanOrEqual(2);
    for (const e of a.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(e.end).toBeGreaterThan(e.start);
      expect(CATEGORIES).toContain(e.category);
    }
    const top = a.evidence[0]!;
    expect(text.slice(top.start, top.end)).toMatch(/d\.i\.e/);
  });
  it("lists every category at tier 1 or more, highest tier first", () => {
    const a = assess("I'm so lonely. I want to die. I took all my pills.");
    expect(a.categories[0]).toBe("suicide");
    expect(a.categories).toContain("distress");
    const tiers = a.categories.map((c) => Math.max(...a.evidence.filter((e) => e.category === c).map((e) => e.tier)));
    expect([...tiers].sort((x, y) => y - x)).toEqual(tiers);
  });
});

describe("long messages", () => {
  it("does not miss tier 4 at the end of a long message", () => {
    const text = `${"Work was fine and the bus was late again, we argued about dinner. ".repeat(1600)}I took all my pills.`;
    expect(text.length).toBeGreaterThan(100_000);
    expect(assess(text).tier).toBe(4);
  });
  it("assesses a 10 KB post quickly", () => {
    const post = "Some days are harder than others, and today I kept thinking about my family and my job. "
      .repeat(115)
      .slice(0, 10_000);
    assess(post);
    const started = performance.now();
    for (let i = 0; i < 20; i++) assess(post);
    expect((performance.now() - started) / 20).toBeLessThan(20);
  });
});

describe("language detection", () => {
  it("tells English from Spanish", () => {
    expect(detectLanguage("I had a good day at the meeting")).toBe("en");
    expect(detectLanguage("Hoy tuve un buen día en la reunión")).toBe("es");
    expect(detectLanguage("A veces deseo no despertar")).toBe("es");
    expect(detectLanguage("")).toBe("en");
    expect(detectLanguage("💊💊")).toBe("en");
  });
  it("is used by assess unless a language is given", () => {
    expect(assess("Me quiero morir").language).toBe("es");
    expect(assess("I want to die", { language: "es" }).language).toBe("es");
    expect(assess("I want to die", { language: "es" }).tier).toBe(2); // both lexicons always apply
  });
});

describe("methodDetails", () => {
  const blurred = (text: string) => methodDetails(text).map((s) => text.slice(s.start, s.end));
  it("finds the means named in a risky message", () => {
    expect(blurred("I'm going to jump off the bridge tonight").join(" ")).toMatch(/jump off the bridge/);
    expect(blurred("I bought a rope and I want to die").join(" ")).toMatch(/rope/);
    expect(blurred("I swallowed 40 of my sleeping pills").join(" ")).toMatch(/40 of my sleeping pills/);
    expect(blurred("tengo la navaja y me quiero matar").join(" ")).toMatch(/navaja/);
  });
  it("returns nothing for ordinary messages", () => {
    expect(methodDetails("Picked up my pills at the pharmacy")).toEqual([]);
    expect(methodDetails("The bridge was closed for repairs")).toEqual([]);
  });
  it("gives sorted, non-overlapping spans inside the text", () => {
    const text = "I took 30 pills and I have a razor and a rope, goodbye";
    const spans = methodDetails(text);
    expect(spans.length).toBeGreaterThan(0);
    for (let i = 0; i < spans.length; i++) {
      expect(spans[i]!.end).toBeLessThanOrEqual(text.length);
      if (i > 0) expect(spans[i]!.start).toBeGreaterThan(spans[i - 1]!.end - 1);
    }
  });
});
