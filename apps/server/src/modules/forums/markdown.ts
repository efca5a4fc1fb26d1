// Forum posts are written in Markdown and stored with the HTML rendered here,
// which the web app inserts as-is: this file is the XSS boundary for every post.
//
// Two independent layers, so that a bug in either one alone is not enough:
// markdown-it never passes raw HTML through (`html: false`) and refuses links
// outside our allow-list; sanitize-html then re-parses its output and keeps
// only the tags and attributes a post can legitimately produce.
//
// Both are configured once at module load: building a markdown-it instance
// compiles its rule chains and linkify's regexes, far more work than a render.
import MarkdownIt, { type StateCore, type Token } from "markdown-it";
import sanitizeHtml from "sanitize-html";

const REL = "nofollow ugc noopener";
const MAX_MENTIONS = 20;

/**
 * The only link targets a post may have. The scheme test runs on the URL as the
 * browser will see it (markdown-it's normalised form, or sanitize-html's
 * entity-decoded attribute), and any control character or whitespace is refused
 * outright: browsers strip those inside schemes ("jav\tascript:"), so allowing
 * them would make the prefix test meaningless.
 */
function isSafeHref(href: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/.test(href)) return false;
  // "//host" and "/\host" leave the site; a browser treats "\" like "/" there.
  return /^(?:https?:\/\/|mailto:)/i.test(href) || /^\/(?![/\\])/.test(href);
}
const isExternal = (href: string) => /^https?:/i.test(href);
/** A URL without a scheme ("photo.png", "#top"): harmless to parse, though only "/..." may become a link. */
const isSchemeless = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url);

// A pseudonym as @mentions know it. Pseudonyms themselves may hold other
// characters; those people just cannot be @mentioned.
const MENTION_RUN = /@([A-Za-z0-9_.]+)/g;
const PSEUDONYM = /^[A-Za-z0-9_.]{3,30}$/;
/** Characters that make an "@" part of a word, an e-mail address or a URL rather than a mention. */
const NOT_BEFORE_MENTION = /[\p{L}\p{N}\p{M}_.+\-@/\\=&?#%]/u;
/**
 * Characters that, right after the name, mean the name goes on: "@ana-maria"
 * or "@josé" must not notify "ana" or "jos", who may well be other people.
 */
const NOT_AFTER_MENTION = /[\p{L}\p{N}\p{M}\-@]/u;

type MentionMeta = { mention: string };
const mentionOf = (token: Token): string | null =>
  token.type === "link_open" && token.meta && typeof (token.meta as MentionMeta).mention === "string"
    ? (token.meta as MentionMeta).mention
    : null;

/** Turns "@Name" in plain text into a link token, leaving code, links and escaped "\@" alone. */
function mentionRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children || !block.content.includes("@")) continue;
    const out: Token[] = [];
    let linkDepth = 0;
    let changed = false;
    for (let i = 0; i < block.children.length; i++) {
      const token = block.children[i]!;
      if (token.type === "link_open") linkDepth++;
      else if (token.type === "link_close") linkDepth--;
      if (token.type !== "text" || linkDepth > 0 || !token.content.includes("@")) {
        out.push(token);
        continue;
      }
      // Runs before text_join, so "\@Name" is still a separate text_special token
      // and the "@" of an escape never starts a mention.
      const previous = block.children[i - 1];
      const before =
        previous && (previous.type === "text" || previous.type === "text_special") ? previous.content.slice(-1) : "";
      const pieces = splitMentions(token.content, before);
      if (pieces.length === 1 && typeof pieces[0] === "string") {
        out.push(token);
        continue;
      }
      changed = true;
      for (const piece of pieces) {
        if (typeof piece === "string") {
          const text = new state.Token("text", "", 0);
          text.content = piece;
          text.level = token.level;
          out.push(text);
          continue;
        }
        const open = new state.Token("link_open", "a", 1);
        open.attrs = [
          ["class", "mention"],
          ["href", `/members/${piece.mention}`],
        ];
        open.meta = piece;
        open.level = token.level;
        const text = new state.Token("text", "", 0);
        text.content = `@${piece.mention}`;
        text.level = token.level + 1;
        const close = new state.Token("link_close", "a", -1);
        close.level = token.level;
        out.push(open, text, close);
      }
    }
    if (changed) block.children = out;
  }
}

function splitMentions(text: string, charBefore: string): Array<string | MentionMeta> {
  const pieces: Array<string | MentionMeta> = [];
  let last = 0;
  for (const match of text.matchAll(MENTION_RUN)) {
    const at = match.index;
    const run = match[1]!;
    const before = at > 0 ? text[at - 1]! : charBefore;
    const after = text.charAt(at + match[0].length);
    // A trailing dot is the end of the sentence, not of the name.
    const name = run.replace(/\.+$/, "");
    if (
      (before && NOT_BEFORE_MENTION.test(before)) ||
      (after && NOT_AFTER_MENTION.test(after)) ||
      !PSEUDONYM.test(name)
    )
      continue;
    if (at > last) pieces.push(text.slice(last, at));
    pieces.push({ mention: name });
    last = at + 1 + name.length;
  }
  if (last < text.length || pieces.length === 0) pieces.push(text.slice(last));
  return pieces;
}

/**
 * Removes the link around text whose target is not allowed, keeping the text. Only
 * scheme-less URLs get this far (validateLink refuses other schemes, and the
 * Markdown then stays literal): "[notes](notes.md)" or "[top](#top)".
 */
function unlinkRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    // Markdown links never nest, so one flag pairs an open with its close.
    let dropping = false;
    block.children = block.children.filter((token) => {
      if (token.type === "link_open") dropping = !isSafeHref(token.attrGet("href") ?? "");
      else if (token.type === "link_close" && dropping) {
        dropping = false;
        return false;
      }
      return !(token.type === "link_open" && dropping);
    });
  }
}

const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false, breaks: true });
// Scheme-less URLs pass so that "![photo](photo.png)" is still an image (shown as
// its alt text); unlinkRule then keeps such links as text.
md.validateLink = (url) => isSafeHref(url) || isSchemeless(url);
// After linkify, so that URLs and e-mail addresses are links (and skipped) first.
md.core.ruler.after("linkify", "mention", mentionRule);
md.core.ruler.after("mention", "unlink", unlinkRule);

// Posts sit below the page's own h1/h2; shifting every level keeps a post's outline.
const demote = (tag: string) => `h${Math.min(6, Number(tag.slice(1)) + 2)}`;
md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.tag = demote(tokens[idx]!.tag);
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = md.renderer.rules.heading_open;

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.attrSet("rel", REL);
  if (isExternal(token.attrGet("href") ?? "")) token.attrSet("target", "_blank");
  return self.renderToken(tokens, idx, options);
};

// A post never loads anything from elsewhere (no trackers, and the CSP forbids
// it anyway): an image shows as its alt text.
md.renderer.rules.image = (tokens, idx, options, env, self) =>
  md.utils.escapeHtml(self.renderInlineAsText(tokens[idx]!.children ?? [], options, env));

/** Tags whose content is markup or code, not text: if one ever got here it is dropped whole. */
const NON_TEXT_TAGS = [
  "script",
  "style",
  "textarea",
  "option",
  "xmp",
  "noscript",
  "noembed",
  "noframes",
  "plaintext",
  "iframe",
  "object",
  "template",
  "title",
  "svg",
  "math",
  "select",
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: { a: ["href", "rel", "target", "class"], span: ["class"], ol: ["start"] },
  allowedClasses: { a: ["mention"], span: ["mention"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: NON_TEXT_TAGS,
  transformTags: {
    // Rebuilt from scratch rather than filtered, so rel/target are always ours.
    // A link to anywhere else loses its href here, then its tag in exclusiveFilter.
    // (Renaming it to a disallowed tag instead would be simpler, but sanitize-html
    // 2.16 then renames a later sibling's closing tag too.)
    a: (_tag, attribs) => {
      const href = attribs.href ?? "";
      if (!isSafeHref(href)) return { tagName: "a", attribs: {} };
      const mention = attribs.class === "mention" && href.startsWith("/members/");
      return {
        tagName: "a",
        attribs: {
          ...(mention ? { class: "mention" } : {}),
          href,
          rel: REL,
          ...(isExternal(href) ? { target: "_blank" } : {}),
        },
      };
    },
    // "3. ..." after a paragraph must still read 3, so a list keeps a plain number as its start.
    ol: (_tag, attribs) => {
      const kept: sanitizeHtml.Attributes = {};
      if (attribs.start && /^\d{1,9}$/.test(attribs.start)) kept.start = attribs.start;
      return { tagName: "ol", attribs: kept };
    },
  },
  exclusiveFilter: (frame) => (frame.tag === "a" && !frame.attribs.href ? "excludeTag" : false),
};

/**
 * The second line of defence on its own: any HTML in, only what a post may
 * contain out. Exported so tests can hold it to the same corpus as the whole.
 */
export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** A post's Markdown as the sanitised HTML readers get. */
export function renderMarkdown(markdown: string): string {
  return sanitizePostHtml(md.render(markdown));
}

/**
 * Who a post @mentions, for notifications: first spelling wins, at most 20.
 * Quoted text does not count — quoting a post must not notify its mentions again.
 */
export function mentionsIn(markdown: string): string[] {
  const found = new Map<string, string>();
  let quoteDepth = 0;
  for (const block of md.parse(markdown, {})) {
    if (block.type === "blockquote_open") quoteDepth++;
    else if (block.type === "blockquote_close") quoteDepth--;
    if (block.type !== "inline" || quoteDepth > 0) continue;
    for (const token of block.children ?? []) {
      const name = mentionOf(token);
      if (name && !found.has(name.toLowerCase())) found.set(name.toLowerCase(), name);
      if (found.size === MAX_MENTIONS) return [...found.values()];
    }
  }
  return [...found.values()];
}

/**
 * Plain text for previews such as the moderation queue: no Markdown syntax, entities decoded,
 * whitespace collapsed. It is text, not HTML — whoever displays it escapes it.
 */
export function plainExcerpt(markdown: string, maxChars = 200): string {
  const parts: string[] = [];
  const inlineText = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === "text" || t.type === "text_special" || t.type === "code_inline") parts.push(t.content);
      else if (t.type === "softbreak" || t.type === "hardbreak") parts.push(" ");
      else if (t.type === "image") inlineText(t.children ?? []);
    }
  };
  for (const block of md.parse(markdown, {})) {
    if (block.type === "inline") inlineText(block.children ?? []);
    else if (block.type === "fence" || block.type === "code_block") parts.push(block.content);
    // Block boundaries separate words ("end of a paragraph" + "Next one").
    parts.push(" ");
  }
  const text = parts.join("").replace(/\s+/g, " ").trim();
  const limit = Math.max(1, Math.floor(maxChars));
  if (text.length <= limit) return text;

  let cut = text.slice(0, limit - 1);
  if (!/\s/.test(text.charAt(limit - 1))) {
    const space = cut.lastIndexOf(" ");
    // One very long "word" (a URL) is cut mid-word rather than leaving almost nothing.
    if (space > limit / 2) cut = cut.slice(0, space);
  }
  // Never leave half of a surrogate pair (an emoji) before the ellipsis.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s.,;:!?…\-–—]+$/u, "")}…`;
}

/**
 * The Markdown a reply starts with when it quotes a post. (The web client has its own
 * copy for the editor; this one keeps tests and docs honest.)
 */
export function quoteMarkdown(author: string, markdown: string): string {
  const name = author.replace(/[\\`*_[\]<>#~|!]/g, "\\$&");
  const lines = markdown.replace(/\r\n?/g, "\n").replace(/\s+$/, "").split("\n");
  return [`**${name}** wrote:`, ...lines].map((line) => (line ? `> ${line}` : ">")).join("\n") + "\n\n";
}
