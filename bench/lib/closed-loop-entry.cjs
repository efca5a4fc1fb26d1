// Entry of the closed-loop worker thread (bench/lib/closed-loop.ts). Plain
// CommonJS on purpose: a worker whose entry is TypeScript, or eval'd code,
// starts before tsx's hooks are in place; from a .cjs entry, require() goes
// through them, as autocannon's worker does with spread-requests.cts.
/* global require */
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("./closed-loop-worker.cts");
