// The crisis detector's throughput on one core: generated forum-like messages of
// about 40 words (mixed English and Spanish, mostly benign, about one in ten
// risky or a hard negative), assessed one after another in this process.
//   npm run bench -- safety [--messages N] [--smoke] [--json]
// Reports messages per second, µs per message (p50, p99), heap, and the time for
// a 10 KB post and for 100 KB worst cases.
import { assess } from "@kindred/safety";

export interface SafetyOptions {
  messages: number;
  warmup: number;
}

export interface SafetyReport {
  messages: number;
  meanWords: number;
  riskyShare: number;
  /** Messages per second of wall time. */
  messagesPerSecond: number;
  /** Messages per second of this process's CPU time: the one-core figure, steady on a shared machine. */
  messagesPerCpuSecond: number;
  microsP50: number;
  microsP99: number;
  microsMax: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
  rssMiB: number;
  tenKbPostMs: number;
  worstHundredKbMs: number;
  tiers: number[];
}

/** A small deterministic generator, so every run assesses the same corpus. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_SENTENCES = [
  "went to the noon meeting and my sponsor shared about gratitude",
  "work was long today but I made dinner for the kids",
  "does anyone know if the Thursday group moved to the library",
  "day 90 today and I am proud of the small things",
  "my therapist says I should write down three good things every night",
  "the bus was late again so I walked and listened to a podcast",
  "I picked up my prescription and the pharmacist was really kind",
  "cravings were there this afternoon but I called a friend instead",
  "we had a family barbecue and nobody offered me a beer",
  "trying to sleep better, no screens after ten has helped a lot",
  "my mom called and we talked for an hour about old times",
  "this workout is killing me but I feel strong",
  "thanks everyone for the kind words on my last post",
];
const ES_SENTENCES = [
  "hoy fui a la reunión y hablé con mi madrina sobre el agradecimiento",
  "el trabajo fue largo pero cociné para mis hijos",
  "alguien sabe si el grupo del jueves cambió de lugar",
  "llevo noventa días y estoy orgullosa de las cosas pequeñas",
  "me muero de risa con los mensajes del grupo",
  "mi mamá me llamó y hablamos una hora de todo",
];
const RISKY = [
  "honestly I don't want to live like this anymore",
  "I have been saving my pills and I know when",
  "I want to die",
  "kms fr",
  "I just used and I'm alone",
  "my friend said she is going to kill herself",
  "ya no quiero vivir",
  "me quiero morir",
  "I took all my pills tonight, goodbye everyone",
  "never use alone and carry naloxone",
  "two years since my overdose today",
];

export function generateCorpus(
  count: number,
  seed = 42,
): { messages: string[]; riskyShare: number; meanWords: number } {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const messages: string[] = [];
  let risky = 0;
  let words = 0;
  for (let i = 0; i < count; i++) {
    const spanish = rnd() < 0.25;
    const parts: string[] = [];
    let n = 0;
    while (n < 36) {
      const s = spanish ? pick(ES_SENTENCES) : pick(EN_SENTENCES);
      parts.push(s);
      n += s.split(" ").length;
    }
    if (rnd() < 0.1) {
      parts.splice(Math.floor(rnd() * parts.length), 0, pick(RISKY));
      risky++;
    }
    const text = `${parts.join(". ")}.`;
    words += text.split(/\s+/).length;
    messages.push(text);
  }
  return { messages, riskyShare: risky / count, meanWords: words / count };
}

const MiB = 1024 * 1024;

export function runSafetyBench(options: SafetyOptions): SafetyReport {
  const { messages, riskyShare, meanWords } = generateCorpus(Math.min(options.messages, 20_000));
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < options.warmup; i++) assess(messages[i % messages.length]!);

  // Throughput: one tight loop.
  const tiers = [0, 0, 0, 0, 0];
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < options.messages; i++) tiers[assess(messages[i % messages.length]!).tier]!++;
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  // Latency: each call timed (a separate pass, so the timer does not weigh on the throughput).
  const samples = new Float64Array(Math.min(options.messages, 50_000));
  for (let i = 0; i < samples.length; i++) {
    const t = performance.now();
    assess(messages[i % messages.length]!);
    samples[i] = (performance.now() - t) * 1000;
  }
  samples.sort();
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;

  const post = "Some days are harder than others, and today I kept thinking about my family and my job. "
    .repeat(115)
    .slice(0, 10_000);
  for (let i = 0; i < 5; i++) assess(post);
  let t = performance.now();
  for (let i = 0; i < 50; i++) assess(post);
  const tenKbPostMs = (performance.now() - t) / 50;

  const worst = [
    "I want to kill myself tonight, goodbye everyone. ".repeat(2100).slice(0, 100_000),
    "💊".repeat(50_000),
    `${"Work was fine and the bus was late again. ".repeat(2400).slice(0, 100_000)} I took all my pills.`,
  ];
  let worstMs = 0;
  for (const w of worst) {
    assess(w);
    t = performance.now();
    assess(w);
    worstMs = Math.max(worstMs, performance.now() - t);
  }

  const memory = process.memoryUsage();
  return {
    messages: options.messages,
    meanWords,
    riskyShare,
    messagesPerSecond: (options.messages / elapsedMs) * 1000,
    messagesPerCpuSecond: (options.messages / cpuMs) * 1000,
    microsP50: q(0.5),
    microsP99: q(0.99),
    microsMax: samples[samples.length - 1]!,
    heapBeforeMiB: heapBefore / MiB,
    heapAfterMiB: memory.heapUsed / MiB,
    rssMiB: memory.rss / MiB,
    tenKbPostMs,
    worstHundredKbMs: worstMs,
    tiers,
  };
}

/** The throughput the detector must keep on one core for ~40-word messages. */
export const SAFETY_TARGET_PER_SECOND = 20_000;

export function printSafetyReport(
  report: SafetyReport,
  machine: { cpus: number; cpuModel: string; node: string },
): string[] {
  console.log(
    `\nKindred crisis detector: ${report.messages.toLocaleString("en")} messages of ~${Math.round(report.meanWords)} words (${Math.round(report.riskyShare * 100)}% with a risky or hard-negative phrase), one core`,
  );
  console.log(`${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}\n`);
  console.table({
    assess: {
      "msgs/s": Math.round(report.messagesPerSecond),
      "msgs/CPU-s": Math.round(report.messagesPerCpuSecond),
      "µs p50": Number(report.microsP50.toFixed(1)),
      "µs p99": Number(report.microsP99.toFixed(1)),
      "µs max": Number(report.microsMax.toFixed(0)),
      "heap MiB": Number(report.heapAfterMiB.toFixed(1)),
      "rss MiB": Number(report.rssMiB.toFixed(0)),
    },
  });
  console.log(
    `10 KB post: ${report.tenKbPostMs.toFixed(2)} ms · worst 100 KB input: ${report.worstHundredKbMs.toFixed(0)} ms · tiers 0–4: ${report.tiers.join(" / ")}`,
  );
  const problems: string[] = [];
  const best = Math.max(report.messagesPerSecond, report.messagesPerCpuSecond);
  if (best < SAFETY_TARGET_PER_SECOND)
    problems.push(`crisis detector: ${Math.round(best)} msgs/s, below the ${SAFETY_TARGET_PER_SECOND} target`);
  return problems;
}
