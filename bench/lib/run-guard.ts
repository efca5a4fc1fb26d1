// What every benchmark run keeps by it: a progress log on stderr, stamped with
// the seconds since the run began, and the clean-up of the run in progress (its
// server and throw-away database), which an interrupted run (Ctrl-C, the hard
// deadline) calls too.

export function progressLog() {
  let began = performance.now();
  return {
    log: (line: string) => process.stderr.write(`bench: [${((performance.now() - began) / 1000).toFixed(1)} s] ${line}\n`),
    /** Counts from now (a run that starts later than its module was loaded). */
    restart: () => {
      began = performance.now();
    },
  };
}

export function cleanUpSlot() {
  let current: (() => Promise<void>) | null = null;
  return {
    /** The run's clean-up; it runs once, whichever asks first: the run's end or an abort. */
    set(cleanUp: () => Promise<void>) {
      let once: Promise<void> | null = null;
      current = () => (once ??= cleanUp());
    },
    async run() {
      const cleanUp = current;
      await cleanUp?.();
      if (current === cleanUp) current = null;
    },
  };
}
