// Quoting a post in a reply, as Markdown the server will render like any other.

const BLOCKS = new Set([
  "P",
  "DIV",
  "LI",
  "BLOCKQUOTE",
  "PRE",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "UL",
  "OL",
  "TABLE",
  "TR",
  "HR",
]);

/**
 * The text of a post's (already sanitised) HTML, one line per paragraph or list
 * item. DOMParser builds an inert document: nothing in it runs or loads.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  let out = "";
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += (node.textContent ?? "").replace(/\s+/g, " ");
      return;
    }
    if (!(node instanceof Element)) return;
    if (node.tagName === "BR") {
      out += "\n";
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) out += "\n";
    if (node.tagName === "LI") out += "- ";
    node.childNodes.forEach(walk);
    if (block) out += "\n";
  };
  doc.body.childNodes.forEach(walk);
  return out
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** `> **Name** wrote:` and the post's lines, each behind `> `, then a blank line to write under. */
export function quoteMarkdown(authorName: string, source: string): string {
  const lines = source.replace(/\r\n?/g, "\n").trim().split("\n");
  // Keep a name from opening Markdown of its own (e.g. a pseudonym with underscores).
  const name = authorName.replace(/([\\*_`[\]])/g, "\\$1");
  return `> **${name}** wrote:\n${lines.map((line) => (line ? `> ${line}` : ">")).join("\n")}\n\n`;
}
