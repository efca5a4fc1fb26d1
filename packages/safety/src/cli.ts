// Assess messages from the command line, one per line:
//   npm run --silent assess < messages.txt > tiers.jsonl
//   npm run --silent assess -- --language es < mensajes.txt
// Reads UTF-8 lines on stdin and writes, in the same order, one JSON object per
// line to stdout: {"tier":…,"categories":[…],"language":"…"}. The text is never
// written out. An empty line is tier 0, so the counts always match. Nothing
// else goes to stdout; problems go to stderr.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { assess } from "./assess.js";
import type { Language } from "./types.js";

function parse(): { language?: Language } {
  const { values } = parseArgs({ options: { language: { type: "string" } }, allowPositionals: false });
  if (values.language === undefined) return {};
  if (values.language !== "en" && values.language !== "es") {
    process.stderr.write(`assess: --language must be en or es, got "${values.language}"\n`);
    process.exit(2);
  }
  return { language: values.language };
}

async function main() {
  const options = parse();
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const chunk = batch.join("");
    batch = [];
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once("drain", resolve));
  };
  for await (const line of lines) {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    const a = assess(text, options);
    batch.push(`${JSON.stringify({ tier: a.tier, categories: a.categories, language: a.language })}\n`);
    if (batch.length >= 512) await flush();
  }
  await flush();
}

main().catch((err: unknown) => {
  process.stderr.write(`assess: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
