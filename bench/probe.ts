// Loaded into the real CLI with `node --import`, it notes when the first step
// of a lesson is done and, at exit, this process's own peak RSS, and writes
// both to the file named by LEARN_BENCH_PROBE. It changes no behaviour: the
// module it wraps is the one the CLI imports anyway (same URL, same instance):
// the bundle's, when bin/learn.js loads the bundle, else the compiled module's
// (LEARN_BENCH_UNBUNDLED=1: the bench runs build/bench/unbundled.js then).
import { statSync, writeFileSync } from 'node:fs';
import type { LessonRun as LessonRunClass } from '../src/run/lesson-run.js';

export interface ProbeReport {
  /** Unix epoch (ms) at which the first step was done; null if none ran. */
  firstStepDoneEpochMs: number | null;
  maxRssKb: number;
}

const target = process.env.LEARN_BENCH_PROBE;
let firstStepDone: number | null = null;

// bin/learn.js's rule: the bundle unless it is missing or older than the modules.
const mtime = (file: string): number => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = process.env.LEARN_BENCH_UNBUNDLED !== '1' && mtime('../src/bundle/learn.js') >= mtime('../src/cli/main.js');
const source = bundled ? '../src/bundle/learn.js' : '../src/run/lesson-run.js';
const { LessonRun } = (await import(source)) as { LessonRun: typeof LessonRunClass };
const run = LessonRun.prototype.run;
LessonRun.prototype.run = async function (this: LessonRunClass, ...args: Parameters<typeof run>) {
  const results = await run.apply(this, args);
  firstStepDone ??= performance.timeOrigin + performance.now();
  return results;
};

process.on('exit', () => {
  if (!target) return;
  const report: ProbeReport = { firstStepDoneEpochMs: firstStepDone, maxRssKb: process.resourceUsage().maxRSS };
  writeFileSync(target, JSON.stringify(report));
});
