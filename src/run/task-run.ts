// Tasks (extension) at run time: a check is a script run in the sandbox
// without a terminal; its exit status says whether the task is done. In
// `learn test` every check runs once before its solution and must fail
// there (so it cannot be a no-op), then after the solution's last step it
// must pass, re-run until it does when it declares `retry=`.
import { formatDuration } from '../lesson/duration.js';
import { taskOfSolution } from '../lesson/tasks.js';
import type { Step } from '../lesson/types.js';
import type { LessonSandbox } from '../sandbox/kind.js';
import { bareResult, type StepResult } from './outcome.js';

/**
 * Between two runs of a check with `retry=`: short, so a converging state
 * (ARP, a server coming up) is seen soon after it settles. Nothing in the
 * kernel tells a script's condition became true, so this is the one poll.
 */
export const RETRY_INTERVAL_MS = 200;

export interface CheckRun {
  passed: boolean;
  /** Exit status of the last attempt. */
  code: number;
  /** What the last attempt printed (stdout, then stderr). */
  output: string;
  attempts: number;
  durationMs: number;
}

/**
 * The check's script, run by bash from the sandbox's working directory, with
 * errexit: a command that fails fails the check, as it would stop a step
 * (the parser refuses the one case bash exempts, a `! command` before the last).
 */
export function checkCommand(check: Step): string {
  return `exec /bin/bash --noprofile --norc -e -c ${shellQuote(check.body)}`;
}

/** Run a check once, or with `retry` until it passes or its `retry=` time is up. */
export async function runCheck(sandbox: LessonSandbox, check: Step, options: { retry: boolean }): Promise<CheckRun> {
  const started = performance.now();
  const deadline = started + (options.retry ? (check.check?.retryMs ?? 0) : 0);
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const result = await sandbox.run(checkCommand(check), check.timeoutMs);
    const output = (result.stdout + result.stderr).replace(/\s+$/, '');
    const done = { code: result.code, output, attempts, durationMs: performance.now() - started };
    if (result.code === 0) return { passed: true, ...done };
    if (performance.now() + RETRY_INTERVAL_MS > deadline) return { passed: false, ...done };
    await new Promise((resolve) => setTimeout(resolve, RETRY_INTERVAL_MS));
  }
}

function base(check: Step, run: CheckRun): StepResult {
  return { step: check, outcome: { kind: 'passed', snapshot: 'none' }, screen: run.output, output: run.output, exitStatus: run.code, durationMs: run.durationMs, cutChars: 0 };
}

/** The check's run before its solution: undefined when it failed, as it must; a broken check otherwise. */
export function judgeBefore(check: Step, run: CheckRun): StepResult | undefined {
  if (!run.passed) return undefined;
  return {
    ...base(check, run),
    outcome: { kind: 'failed', line: check.line, message: 'broken check: it passes before its solution has run, so it cannot tell whether the task is done' },
  };
}

/** The check's run after its solution: it must pass. */
export function judgeAfter(check: Step, run: CheckRun): StepResult {
  if (run.passed) {
    const tries = run.attempts > 1 ? ` (after ${run.attempts} tries)` : '';
    return { ...base(check, run), outcome: { kind: 'passed', snapshot: 'none', note: `task done: the check passes${tries}` } };
  }
  const retried = check.check?.retryMs ? `, re-run for ${formatDuration(check.check.retryMs)}` : '';
  return {
    ...base(check, run),
    outcome: { kind: 'failed', line: check.line, message: `check does not pass after its solution ran (exit status ${run.code}${retried})` },
  };
}

/** A check whose solution failed or was not run cannot be judged. */
export function unjudged(check: Step, reason: string): StepResult {
  return bareResult(check, { kind: 'skipped', reason });
}

/** The checks of one lesson run in `learn test`: each before its solution, then after it. */
export class TaskChecks {
  /** Checks that failed before their solution, as they must, and wait for it. */
  private readonly pending = new Set<string>();

  constructor(private readonly sandbox: LessonSandbox, private readonly steps: readonly Step[]) {}

  /** Before its solution a check must fail: a broken check's result, or undefined (it now waits). */
  async before(check: Step): Promise<StepResult | undefined> {
    const broken = judgeBefore(check, await runCheck(this.sandbox, check, { retry: false }));
    if (!broken) this.pending.add(check.name);
    return broken;
  }

  /**
   * After `step`, the last of a task's solution, its waiting check must pass;
   * `results` are what the step settled. Undefined when no check waits.
   */
  async after(step: Step, results: readonly StepResult[]): Promise<StepResult | undefined> {
    const task = taskOfSolution(this.steps, step);
    if (!task?.last || !this.pending.delete(task.check.name)) return undefined;
    const check = task.check;
    // A solution whose output merely differs still did its work: judge the check.
    if (results.some((r) => r.step.solution === check.name && ['failed', 'timedOut', 'skipped'].includes(r.outcome.kind))) {
      return unjudged(check, 'not checked: its solution did not run as it should');
    }
    return judgeAfter(check, await runCheck(this.sandbox, check, { retry: true }));
  }

  /** Study mode: the check is settled by the learner's own run of it. */
  done(check: Step, run: CheckRun): StepResult {
    this.pending.delete(check.name);
    return judgeAfter(check, run);
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
