// Loaded into the real CLI with `node --import`, it notes when the first step
// of a lesson is done and, at exit, this process's own peak RSS, and writes
// both to the file named by LEARN_BENCH_PROBE. It changes no behaviour: the
// module it wraps is the one the CLI imports anyway (same URL, same instance).
import { writeFileSync } from 'node:fs';
import { LessonRun } from '../src/run/lesson-run.js';

export interface ProbeReport {
  /** Unix epoch (ms) at which the first step was done; null if none ran. */
  firstStepDoneEpochMs: number | null;
  maxRssKb: number;
}

const target = process.env.LEARN_BENCH_PROBE;
let firstStepDone: number | null = null;

const run = LessonRun.prototype.run;
LessonRun.prototype.run = async function (this: LessonRun, ...args: Parameters<typeof run>) {
  const results = await run.apply(this, args);
  firstStepDone ??= performance.timeOrigin + performance.now();
  return results;
};

process.on('exit', () => {
  if (!target) return;
  const report: ProbeReport = { firstStepDoneEpochMs: firstStepDone, maxRssKb: process.resourceUsage().maxRSS };
  writeFileSync(target, JSON.stringify(report));
});
