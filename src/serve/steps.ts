// The steps of `learn serve`, without a sandbox: which steps a click runs,
// and what the page is told of a step's result. Pure.
import type { Step } from '../lesson/types.js';
import type { StepResult } from '../run/outcome.js';
import type { ServerMessage } from './protocol.js';

/**
 * The steps a click runs, in order. "Run" runs the step, after the hidden
 * set-up steps just before it that have not run; "Run to here" runs every
 * step before it that has not run, then it.
 */
export function stepsToRun(steps: readonly Step[], target: Step, mode: 'one' | 'upTo', attempted: ReadonlySet<string>): Step[] {
  const before = steps.slice(0, target.index);
  if (mode === 'upTo') return [...before.filter((s) => !attempted.has(s.name)), target];
  // The hidden steps right before the target: from it backwards, up to the first shown one.
  const hidden: Step[] = [];
  for (const step of [...before].reverse()) {
    if (!step.hidden) break;
    if (!attempted.has(step.name)) hidden.unshift(step);
  }
  return [...hidden, target];
}

export function resultMessage(result: StepResult): ServerMessage {
  const base = { type: 'step' as const, step: result.step.name, ms: Math.round(result.durationMs) };
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'passed':
      // The verdict from the typed field; the note is display text only.
      if (outcome.snapshot === 'written') return { ...base, status: 'passed', note: 'nothing recorded to compare with' };
      return { ...base, status: 'passed', ...(outcome.note ? { note: outcome.note } : {}) };
    case 'differed':
      return { ...base, status: 'differed', diff: outcome.diff, message: 'the output differs from the lesson\'s' };
    case 'failed':
    case 'timedOut':
      return { ...base, status: 'failed', message: `line ${outcome.line}: ${outcome.message}` };
    case 'skipped':
      return { ...base, status: 'skipped', message: outcome.reason };
  }
}
