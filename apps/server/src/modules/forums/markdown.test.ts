import { describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "../../../../../e2e/fixtures/xss-corpus.js";
import { mentionsIn, plainExcerpt, quoteMarkdown, renderMarkdown, sanitizePostHtml } from "./markdown.js";

const REL = 'rel="nofollow ugc noopener"';

/** What a browser would make of an attribute value: the few references sanitised output can contain. */
function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Every tag in the output with its attributes. Sanitised output escapes "<" in text, so each "<" starts a tag. */
function tagsOf(html: string): Array<{ name: string; closing: boolean; attributes: Array<[string, string]> }> {
  const tags = [];
  for (const [, slash, name, rest] of html.matchAll(/<(\/?)([^\s/>]+)([^>]*)>/g)) {
    const attributes: Array<[string, string]> = [];
    for (const [, attr, dq, sq, bare] of rest!.matchAll(
      /([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      attributes.push([attr!.toLowerCase(), decodeAttribute(dq ?? sq ?? bare ?? "")]);
    }
    tags.push({ name: name!.toLowerCase(), closing: slash === "/", attributes });
  }
  return tags;
}

const FORBIDDEN = [
  "<script",
  "<iframe",
  "<object",
  "<embed",
  "<svg",
  "<math",
  "<img",
  "<style",
  "<form",
  "<base",
  "<meta",
  "<link",
];
const ALLOWED_TAGS = new Set([
  "p",
  "br",
  "strong",
  "em",
  "del",
  "s",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "span",
]);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "rel", "target", "class"],
  span: ["class"],
  ol: ["start"],
};

/** Problems with a piece of HTML that a post must never contain; empty when it is safe. */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const lower = html.toLowerCase();
  for (const tag of FORBIDDEN) if (lower.includes(tag)) problems.push(`contains ${tag}`);
  for (const { name, closing, attributes } of tagsOf(html)) {
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag <${name}>`);
    for (const [attr, value] of attributes) {
      if (attr.startsWith("on")) problems.push(`event handler ${attr} on <${name}>`);
      if (!(ALLOWED_ATTRIBUTES[name] ?? []).includes(attr)) problems.push(`attribute ${attr} on <${name}>`);
      if (attr === "href" && !/^(?:https?:|mailto:|\/)/i.test(value)) problems.push(`href ${JSON.stringify(value)}`);
      if (attr === "href" && /^\/[/\\]/.test(value)) problems.push(`protocol-relative href ${JSON.stringify(value)}`);
      if (attr === "class" && value !== "mention") problems.push(`class ${JSON.stringify(value)}`);
    }
    if (
      name === "a" &&
      !closing &&
      !attributes.some(([attr, value]) => attr === "rel" && value === "nofollow ugc noopener")
    )
      problems.push("<a> without rel");
  }
  return problems;
}

describe("renderMarkdown: ordinary posts", () => {
  it("renders emphasis, strikethrough, lists, code and quotes", () => {
    expect(renderMarkdown("Some *feelings* and **strength** and ~~old habits~~")).toBe(
      "<p>Some <em>feelings</em> and <strong>strength</strong> and <s>old habits</s></p>\n",
    );
    expect(renderMarkdown("- one\n- two\n\n1. first\n2. second")).toBe(
      "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n",
    );
    expect(renderMarkdown("Use `a < b` here\n\n```js\nconst x = 1 < 2;\n```")).toBe(
      "<p>Use <code>a &lt; b</code> here</p>\n<pre><code>const x = 1 &lt; 2;\n</code></pre>\n",
    );
    expect(renderMarkdown("> one day\n> at a time")).toBe(
      "<blockquote>\n<p>one day<br />\nat a time</p>\n</blockquote>\n",
    );
    expect(renderMarkdown("a\n\n---\n\nb")).toBe("<p>a</p>\n<hr />\n<p>b</p>\n");
  });

  it("keeps a list's starting number, and tables without inline styles", () => {
    expect(renderMarkdown("3. third\n4. fourth")).toBe('<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>\n');
    const table = renderMarkdown("| day | mood |\n|:--|--:|\n| 1 | ok |");
    expect(table).toContain("<table>");
    expect(table).toContain("<th>day</th>");
    expect(table).toContain("<td>ok</td>");
    expect(table).not.toContain("style");
  });

  it("demotes headings below the page's own h1 and h2", () => {
    expect(renderMarkdown("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six")).toBe(
      "<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Four</h6>\n<h6>Five</h6>\n<h6>Six</h6>\n",
    );
  });

  it("links get rel, and external ones open in a new tab", () => {
    expect(renderMarkdown("[a meeting](https://example.org/meetings?a=1&b=2)")).toBe(
      `<p><a href="https://example.org/meetings?a=1&amp;b=2" ${REL} target="_blank">a meeting</a></p>\n`,
    );
    expect(renderMarkdown("[guidelines](/guidelines)")).toBe(`<p><a href="/guidelines" ${REL}>guidelines</a></p>\n`);
    expect(renderMarkdown("[write](mailto:help@example.org)")).toBe(
      `<p><a href="mailto:help@example.org" ${REL}>write</a></p>\n`,
    );
    expect(renderMarkdown("see https://example.org and www.example.com")).toBe(
      `<p>see <a href="https://example.org" ${REL} target="_blank">https://example.org</a> and <a href="http://www.example.com" ${REL} target="_blank">www.example.com</a></p>\n`,
    );
  });

  it("links elsewhere stay text", () => {
    // Another scheme: not a link at all, the Markdown shows as written.
    for (const md of [
      "[x](javascript:alert(1))",
      "[x](ftp://example.org/file)",
      "[x](tel:+15551234)",
      "<ftp://example.org/file>",
    ]) {
      const html = renderMarkdown(md);
      expect(html, md).not.toContain("<a");
      expect(html, md).toMatch(/\[x\]\(|&lt;ftp:/);
    }
    // No scheme but not a site path either: the link text without the link.
    for (const md of ["[x](//evil.example/)", "[x](relative/path)", "[x](#top)", "[x]()"]) {
      expect(renderMarkdown(md), md).toBe("<p>x</p>\n");
    }
    // A browser reads "/\\host" as "//host"; percent-encoded, the backslash stays in the path.
    expect(renderMarkdown("[x](/\\evil.example/)")).toBe(`<p><a href="/%5Cevil.example/" ${REL}>x</a></p>\n`);
    expect(sanitizePostHtml('<a href="/\\evil.example/">x</a>')).toBe("x");
  });

  it("never interprets raw HTML: it is shown as text", () => {
    expect(renderMarkdown("I <b>really</b> mean it <3")).toBe("<p>I &lt;b&gt;really&lt;/b&gt; mean it &lt;3</p>\n");
    expect(renderMarkdown('<div class="x">\nblock\n</div>')).toBe(
      '<p>&lt;div class="x"&gt;<br />\nblock<br />\n&lt;/div&gt;</p>\n',
    );
  });

  it("shows an image as its alt text, never as <img>", () => {
    const html = renderMarkdown("![a *calm* lake](https://tracker.example/pixel.png?id=1) after");
    expect(html).toBe("<p>a calm lake after</p>\n");
    expect(renderMarkdown('![<b>x</b>](x.png "t")')).toBe("<p>&lt;b&gt;x&lt;/b&gt;</p>\n");
    expect(renderMarkdown("[![badge](https://tracker.example/b.png)](https://example.org)")).toBe(
      `<p><a href="https://example.org" ${REL} target="_blank">badge</a></p>\n`,
    );
  });
});

describe("@mentions", () => {
  it("become links to the member's page", () => {
    expect(renderMarkdown("thanks @Sam_1, you helped")).toBe(
      `<p>thanks <a class="mention" href="/members/Sam_1" ${REL}>@Sam_1</a>, you helped</p>\n`,
    );
    expect(renderMarkdown("**@Ana.Lu.**")).toBe(
      `<p><strong><a class="mention" href="/members/Ana.Lu" ${REL}>@Ana.Lu</a>.</strong></p>\n`,
    );
  });

  it("are not mentions in code, links, e-mail addresses, escapes or other words", () => {
    const md = [
      "`@InCode` and\n\n```\n@InBlock\n```",
      "write to sam@example.com or sam@host",
      "[@Linked](https://example.org) https://example.org/@InUrl",
      "\\@Escaped &#64;Entity",
      "@ab is too short; @ThisNameIsFarTooLongToBeAPseudonym1 too long",
      "@ana-maria and @josé are other people",
    ].join("\n\n");
    expect(renderMarkdown(md)).not.toContain('class="mention"');
    expect(mentionsIn(md)).toEqual([]);
  });

  it("mentionsIn lists each person once, as first written, leaving out quotes", () => {
    const md =
      "> @QuotedPerson said it first\n> > and @Deeper\n\n@Sam and @sam and @SAM, also @Ana.Lu.\n\n- @Lee in a list\n\n# @Heading";
    expect(mentionsIn(md)).toEqual(["Sam", "Ana.Lu", "Lee", "Heading"]);
    // Quoted mentions still render as links; they just do not notify.
    expect(renderMarkdown(md)).toContain(`<a class="mention" href="/members/QuotedPerson" ${REL}>@QuotedPerson</a>`);
  });

  it("mentionsIn stops at 20 people", () => {
    const names = Array.from({ length: 30 }, (_, i) => `person${i}`);
    expect(mentionsIn(names.map((n) => `@${n}`).join(" "))).toEqual(names.slice(0, 20));
  });
});

describe("plainExcerpt", () => {
  it("drops Markdown syntax and collapses whitespace", () => {
    expect(
      plainExcerpt(
        "# Day 30\n\nI made it **thirty** days.\n\n- walked\n- called [my sponsor](https://x.org)\n\n> quote &amp; `code`",
      ),
    ).toBe("Day 30 I made it thirty days. walked called my sponsor quote & code");
    expect(plainExcerpt("<b>not html</b>  ![photo](x.png)")).toBe("<b>not html</b> photo");
  });

  it("cuts at a word boundary with an ellipsis", () => {
    const text = "one two three four five six seven";
    expect(plainExcerpt(text, 100)).toBe(text);
    expect(plainExcerpt(text, 16)).toBe("one two three…");
    expect(plainExcerpt(text, 14)).toBe("one two three…");
    expect(plainExcerpt(text, 13)).toBe("one two…");
    expect(plainExcerpt("a ".repeat(300)).length).toBeLessThanOrEqual(200);
    expect(plainExcerpt(`see ${"x".repeat(300)}`, 20)).toBe(`see ${"x".repeat(15)}…`);
  });
});

describe("quoteMarkdown", () => {
  it("quotes every line under the author's name, then leaves a blank line", () => {
    expect(quoteMarkdown("Sam", "first line\n\nsecond\r\n")).toBe("> **Sam** wrote:\n> first line\n>\n> second\n\n");
    const reply = `${quoteMarkdown("_Sam_", "hi @Lee")}Thanks @Ana`;
    expect(renderMarkdown(reply)).toContain("<strong>_Sam_</strong> wrote:");
    expect(mentionsIn(reply)).toEqual(["Ana"]);
  });
});

describe("hostile input", () => {
  it("the corpus is big enough to mean something", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(60);
    // Some payloads hide the call in base64 or character references.
    const reveal = (payload: string) =>
      decodeAttribute(payload).replace(/base64,([A-Za-z0-9+/=]+)/g, (_, data: string) =>
        Buffer.from(data, "base64").toString("utf8"),
      );
    XSS_PAYLOADS.forEach((payload, n) =>
      expect(reveal(payload).includes(`__xss(${n})`) || reveal(payload).includes(`alert(${n})`), payload).toBe(true),
    );
  });

  it("the checker itself catches what it should", () => {
    expect(unsafeParts('<a href="javascript:x" onclick="y">a</a>')).toHaveLength(4);
    expect(unsafeParts('<a href="&#106;avascript:x" rel="nofollow ugc noopener">a</a>')).toEqual([
      'href "javascript:x"',
    ]);
    expect(unsafeParts('<p class="x">a<img src=x></p>')).toEqual([
      "contains <img",
      "attribute class on <p>",
      'class "x"',
      "tag <img>",
      "attribute src on <img>",
    ]);
  });

  it.each(XSS_PAYLOADS.map((payload, n) => [n, payload]))("payload %i renders safely", (_n, payload) => {
    expect(unsafeParts(renderMarkdown(payload as string))).toEqual([]);
  });

  it.each(XSS_PAYLOADS.map((payload, n) => [n, payload]))(
    "payload %i is safe through the sanitiser alone",
    (_n, payload) => {
      expect(unsafeParts(sanitizePostHtml(payload as string))).toEqual([]);
    },
  );

  it("the sanitiser alone keeps only the allow-list", () => {
    expect(
      sanitizePostHtml(
        '<h1>Big</h1><p id="p" style="color:red" class="mention">x</p><a href="https://x.org" target="_self" class="evil">y</a>',
      ),
    ).toBe(`Big<p>x</p><a href="https://x.org" ${REL} target="_blank">y</a>`);
    expect(sanitizePostHtml('<a href="javascript:alert(1)">click</a> <span class="mention">@Sam</span>')).toBe(
      'click <span class="mention">@Sam</span>',
    );
  });

  it("stays fast on pathological input at the body's maximum length", () => {
    const inputs = [
      "[".repeat(20_000),
      "*a".repeat(10_000),
      "> ".repeat(10_000),
      `@${"a.".repeat(10_000)}`,
      "`".repeat(20_000),
      "<".repeat(20_000),
    ];
    for (const input of inputs) {
      const started = performance.now();
      renderMarkdown(input);
      mentionsIn(input);
      plainExcerpt(input);
      expect(performance.now() - started, input.slice(0, 10)).toBeLessThan(1_000);
    }
  });
});
