// The plain facts of a run that machine-readable reporters print: one record
// per step (a skipped lesson contributes each of its steps as skipped), with
// a one-line message, the details (diff or last screen) without colours, and
// the time. Pure; the reporters only choose a syntax.
import type { Step } from '../lesson/types.js';
import type { StepOutcome, StepResult } from '../run/outcome.js';
import type { LessonResult } from '../run/lesson-run.js';
import { stripEscapes } from '../text/escapes.js';
import { lastLines } from '../text/lines.js';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepFacts {
  name: string;
  /** Line of the step's opening fence. */
  line: number;
  /** Line the result points at (the failing command, or the fence). */
  at: number;
  status: StepStatus;
  kind: StepOutcome['kind'];
  /** One line: why it failed or was skipped, or a note on a pass. */
  message?: string;
  /** Diff, or the end of the screen, without escapes. */
  details?: string;
  exitStatus?: number;
  durationMs: number;
}

export interface LessonFacts {
  file: string;
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why the whole lesson was skipped. */
  reason?: string;
  steps: StepFacts[];
  durationMs: number;
}

/** Lines of screen shown under a failed step. */
export const SCREEN_TAIL_LINES = 20;

export function lessonFacts(result: LessonResult): LessonFacts {
  const base = { file: result.lesson.file, title: result.lesson.meta.title, durationMs: result.durationMs };
  if (result.status === 'skipped') {
    const reason = result.reason ?? 'skipped';
    return { ...base, status: 'skipped', reason, steps: result.lesson.steps.map((s) => skippedStep(s, reason)) };
  }
  const steps = result.steps.map(stepFacts);
  return { ...base, status: steps.some((s) => s.status === 'failed') ? 'failed' : 'passed', steps };
}

export function stepFacts(result: StepResult): StepFacts {
  const outcome = result.outcome;
  const facts: StepFacts = {
    name: result.step.name,
    line: result.step.line,
    at: 'line' in outcome ? outcome.line : result.step.line,
    status: outcome.kind === 'passed' ? 'passed' : outcome.kind === 'skipped' ? 'skipped' : 'failed',
    kind: outcome.kind,
    durationMs: result.durationMs,
  };
  if (result.exitStatus !== undefined) facts.exitStatus = result.exitStatus;
  switch (outcome.kind) {
    case 'passed':
      if (outcome.note) facts.message = outcome.note;
      break;
    case 'skipped':
      facts.message = outcome.reason;
      break;
    case 'differed':
      facts.message = 'output differs from the snapshot';
      facts.details = plainText(outcome.diff).trimEnd();
      break;
    case 'failed':
    case 'timedOut':
      facts.message = outcome.message;
      if (result.screen.trim() !== '') facts.details = lastLines(plainText(result.screen).trimEnd(), SCREEN_TAIL_LINES);
      break;
  }
  return facts;
}

function skippedStep(step: Step, reason: string): StepFacts {
  return { name: step.name, line: step.line, at: step.line, status: 'skipped', kind: 'skipped', message: reason, durationMs: 0 };
}

/** Text without terminal escapes or control characters (tabs and newlines stay). */
export function plainText(text: string): string {
  return stripEscapes(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Seconds with millisecond precision, as JUnit and TAP readers expect. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
