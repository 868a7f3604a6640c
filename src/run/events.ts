// What a run emits: the reporter interface (hooks called in lesson order,
// never interleaved), the summary and the step counts. Reporters in report/
// implement the hooks they need; the run depends on this file, not on them.
import type { Lesson, LessonDiagnostic, Step } from '../lesson/types.js';
import type { StepResult } from './outcome.js';
import type { LessonResult } from './lesson-run.js';

export interface RunSummary {
  lessons: LessonResult[];
  /** Lessons that could not be parsed. */
  invalid: LessonDiagnostic[][];
  counts: StepCounts;
  durationMs: number;
}

export interface StepCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface Reporter {
  runStart?(lessons: string[]): void;
  lessonStart?(lesson: Lesson): void;
  /** Live progress only; results come through lessonEnd. */
  stepStart?(lesson: Lesson, step: Step): void;
  stepResult?(lesson: Lesson, result: StepResult): void;
  /** Live output of one of the lesson's terminals, in and between steps (recordings). */
  terminalOutput?(lesson: Lesson, terminal: string, text: string): void;
  lessonEnd?(result: LessonResult): void;
  /** Live progress only: a lesson has finished (in any order; its result comes through lessonEnd). */
  lessonFinished?(file: string): void;
  lessonInvalid?(file: string, diagnostics: LessonDiagnostic[]): void;
  runEnd?(summary: RunSummary): void | Promise<void>;
}

export function countSteps(lessons: LessonResult[]): StepCounts {
  const counts: StepCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const lesson of lessons) {
    for (const result of lesson.steps) {
      if (result.outcome.kind === 'passed') counts.passed++;
      else if (result.outcome.kind === 'skipped') counts.skipped++;
      else counts.failed++;
    }
    if (lesson.status === 'skipped') counts.skipped += lesson.lesson.steps.length;
  }
  return counts;
}
