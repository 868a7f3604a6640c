// One lesson through the LessonRun API, in a fresh process (cold, like the
// CLI), timing only the step loop: the sandbox is made before the clock
// starts and torn down after it stops, as for bash and cram, which run in a
// sandbox made beforehand. The loop includes opening the lesson's terminal
// (pty, nsenter, bash and its rc file), as the peers include starting theirs.
//
//   node build/bench/learn-loop.js LESSON SNAPSHOT_DIR [--record] [--settle MS]
//
// --settle MS pauses between opening the run and the loop: opening probes the
// lesson's kernel requirements in a throwaway network namespace. The kernel
// tears a namespace down in the background, slowing the first commands (see
// docs/performance.md); the sandbox now keeps the probe's until it closes, so
// the two should agree. With the pause, the loop shows learn's own per-step
// machinery; without it, what a lesson with requirements sees.
//
// Prints one JSON object (LoopReport) on stdout.
import { parseArgs } from 'node:util';
import { loadLesson } from '../src/lesson/load.js';
import { LessonRun } from '../src/run/lesson-run.js';
import { FileSnapshotStore } from '../src/snapshot/store.js';
import { detectPrivilege } from '../src/sandbox/privilege.js';

export interface LoopReport {
  steps: number;
  /** Steps that did not pass (the measurement is void unless 0). */
  problems: string[];
  loopWallMs: number;
  /** CPU of this process during the loop. */
  nodeCpuMs: number;
  /** CPU of the lesson's shell and of the commands it ran (bash's `times`). */
  shellCpuMs: number;
  /** Each step's own duration, as learn reports it. */
  stepMs: number[];
  /** From process start to the first step done. */
  firstStepDoneMs: number;
  maxRssKb: number;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { record: { type: 'boolean' }, settle: { type: 'string' } } });
  const [file, snapshots] = positionals;
  if (!file || !snapshots) throw new Error('usage: learn-loop LESSON SNAPSHOT_DIR [--record] [--settle MS]');
  const parsed = await loadLesson(file);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
  const lesson = parsed.lesson;
  const opened = await LessonRun.open(lesson, {
    store: new FileSnapshotStore({ dir: snapshots }),
    updateMode: values.record ? 'all' : 'none',
    privilege: detectPrivilege(),
  });
  if (!(opened instanceof LessonRun)) throw new Error(`lesson skipped: ${opened.reason}`);
  const settleMs = Number(values.settle ?? 0);
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));

  const problems: string[] = [];
  const stepMs: number[] = [];
  let firstStepDoneMs = NaN;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const step of lesson.steps) {
    for (const result of await opened.run(step)) {
      stepMs.push(result.durationMs);
      if (result.outcome.kind !== 'passed') problems.push(`${result.step.name}: ${result.outcome.kind} ${JSON.stringify(result.outcome).slice(0, 400)}`);
    }
    if (Number.isNaN(firstStepDoneMs)) firstStepDoneMs = performance.now();
  }
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);

  const shellCpuMs = await shellCpu(opened);
  const closed = await opened.close();
  for (const result of closed.steps.slice(stepMs.length)) problems.push(`${result.step.name}: ${result.outcome.kind} at close`);
  const report: LoopReport = {
    steps: stepMs.length,
    problems,
    loopWallMs: t1 - t0,
    nodeCpuMs: (cpu.user + cpu.system) / 1000,
    shellCpuMs,
    stepMs,
    firstStepDoneMs,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

/** Ask the lesson's shell for its CPU time and that of its children, after the loop. */
async function shellCpu(run: LessonRun): Promise<number> {
  const terminal = await run.terminal('main');
  const transcript = await terminal.run([{ line: 0, text: 'times' }], { timeoutMs: 10_000, stopOnFailure: false });
  const seconds = [...transcript.text.matchAll(/(\d+)m(\d+(?:\.\d+)?)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 4) throw new Error(`cannot read the shell's times: ${JSON.stringify(transcript.text)}`);
  return seconds.reduce((a, b) => a + b, 0) * 1000;
}

main().catch((error: unknown) => {
  process.stderr.write(`learn-loop: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
