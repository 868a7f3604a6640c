// Tasks (extension) at run time: a check is a script run in the sandbox
// without a terminal; its exit status says whether the task is done. In
// `learn test` every check runs once before its solution and must fail
// there (so it cannot be a no-op), then after the solution's last step it
// must pass, re-run until it does when it declares `retry=`.
import { formatDuration } from '../lesson/duration.js';
import type { Step } from '../lesson/types.js';
import type { LessonSandbox } from '../sandbox/kind.js';
import type { StepResult } from './outcome.js';

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
  return { step: check, outcome: { kind: 'skipped', reason }, screen: '', output: '', durationMs: 0, cutChars: 0 };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
