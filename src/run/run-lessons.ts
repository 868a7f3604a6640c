// `learn test` over many lessons: parse, run each in its own sandbox (up to
// `jobs` at once), report each lesson whole and in the given order. An input
// problem of one lesson (its file, its snapshot file) is that lesson's
// `invalid` result; the others still run and every reporter still finishes.
import path from 'node:path';
import { loadLesson } from '../lesson/load.js';
import { originalLessonFile, type Lesson, type LessonDiagnostic } from '../lesson/types.js';
import { countSteps, type Reporter, type RunSummary } from './events.js';
import { LessonRun, SnapshotFileError, type LessonResult, type LessonRunOptions } from './lesson-run.js';
import { InputError } from '../error.js';
import { isFailure } from './outcome.js';

export interface RunLessonsOptions extends Omit<LessonRunOptions, 'events'> {
  jobs: number;
  reporters: Reporter[];
  /** Run each lesson up to and including this step (name or 1-based number). */
  untilStep?: string;
  /** Start no more lessons once one has failed (lessons already running finish). */
  bail?: boolean;
  /** Called with every lesson run as it opens, so signals can abort it. */
  onOpen?: (run: LessonRun) => void;
  onClose?: (run: LessonRun) => void;
}

type Outcome =
  | { kind: 'result'; result: LessonResult }
  | { kind: 'invalid'; file: string; diagnostics: LessonDiagnostic[] };

export async function runLessons(files: string[], options: RunLessonsOptions): Promise<RunSummary> {
  const started = performance.now();
  const emit = (fn: (r: Reporter) => void): void => options.reporters.forEach(fn);
  emit((r) => r.runStart?.(files));

  const outcomes: Array<Outcome | undefined> = new Array(files.length);
  let reported = 0;
  const reportInOrder = (): void => {
    for (;;) {
      const outcome = outcomes[reported];
      if (!outcome) return;
      if (outcome.kind === 'invalid') emit((r) => r.lessonInvalid?.(outcome.file, outcome.diagnostics));
      else emit((r) => r.lessonEnd?.(outcome.result));
      const problems = outcome.kind === 'result' ? outcome.result.problems : undefined;
      if (problems) emit((r) => r.lessonInvalid?.(outcome.kind === 'result' ? outcome.result.lesson.file : '', problems));
      reported++;
    }
  };

  const mayStart = translationGate(files, options.updateMode !== 'none');
  const runs: Array<Promise<unknown>> = [];
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!(options.bail && failed)) {
      const index = next++;
      const file = files[index];
      if (file === undefined) return;
      const run = runOne(file, options, emit, (lesson) => mayStart(index, lesson, runs));
      runs[index] = run.catch(() => undefined);
      outcomes[index] = await run;
      failed ||= outcomeFailed(outcomes[index]);
      emit((r) => r.lessonFinished?.(file));
      reportInOrder();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, files.length)) }, worker));

  const lessons = outcomes.flatMap((o) => (o?.kind === 'result' ? [o.result] : []));
  const invalid = outcomes.flatMap((o) => (o?.kind === 'invalid' ? [o.diagnostics] : o?.result.problems ? [o.result.problems] : []));
  const summary: RunSummary = { lessons, invalid, counts: countSteps(lessons), durationMs: performance.now() - started };
  for (const reporter of options.reporters) await reporter.runEnd?.(summary);
  return summary;
}

/**
 * When a run records snapshots, a translation is checked against those its
 * original writes in the same run: it waits until its original has finished.
 * Only for an original given earlier, which a worker has therefore taken
 * already (its run is in `runs`), so a wait always ends.
 */
function translationGate(files: string[], records: boolean) {
  const indexOf = new Map<string, number>();
  files.forEach((file, index) => {
    if (!indexOf.has(path.resolve(file))) indexOf.set(path.resolve(file), index);
  });
  return (index: number, lesson: Lesson, runs: Array<Promise<unknown>>): Promise<unknown> | undefined => {
    if (!records || !lesson.translation) return undefined;
    const original = indexOf.get(path.resolve(originalLessonFile(lesson)));
    return original !== undefined && original < index ? runs[original] : undefined;
  };
}

async function runOne(
  file: string,
  options: RunLessonsOptions,
  emit: (fn: (r: Reporter) => void) => void,
  mayStart: (lesson: Lesson) => Promise<unknown> | undefined,
): Promise<Outcome> {
  const parsed = await loadLesson(file);
  if (!parsed.ok) return { kind: 'invalid', file, diagnostics: parsed.errors };
  const lesson = parsed.lesson;
  await mayStart(lesson);
  const steps = stepsUntil(lesson, options.untilStep);
  if (typeof steps === 'string') return { kind: 'invalid', file, diagnostics: [{ file, line: 1, message: steps }] };
  emit((r) => r.lessonStart?.(lesson));
  const opened = await LessonRun.open(lesson, {
    ...options,
    events: {
      stepStart: (step) => emit((r) => r.stepStart?.(lesson, step)),
      stepResult: (result) => emit((r) => r.stepResult?.(lesson, result)),
      ...(options.reporters.some((r) => r.terminalOutput)
        ? { terminalOutput: (terminal: string, text: string) => emit((r) => r.terminalOutput?.(lesson, terminal, text)) }
        : {}),
    },
  }).catch((error: unknown) => {
    if (error instanceof SnapshotFileError) return { file, diagnostics: [{ file: error.path, line: error.line, message: error.problem }] };
    if (error instanceof InputError) return { file, diagnostics: [{ file, line: 0, message: error.message }] };
    throw error;
  });
  if ('diagnostics' in opened) return { kind: 'invalid', ...opened };
  if (!(opened instanceof LessonRun)) return { kind: 'result', result: opened };
  options.onOpen?.(opened);
  try {
    for (const step of steps) await opened.run(step);
    return { kind: 'result', result: await opened.close({ fullRun: steps.length === lesson.steps.length }) };
  } finally {
    await opened.abort();
    options.onClose?.(opened);
  }
}

function outcomeFailed(outcome: Outcome): boolean {
  return outcome.kind === 'invalid' || outcome.result.steps.some((s) => isFailure(s.outcome));
}

/** The steps to run: all, or up to and including `until` (a name or a 1-based number). */
export function stepsUntil(lesson: Lesson, until: string | undefined): Lesson['steps'] | string {
  if (lesson.steps.length === 0) return 'no steps: a lesson needs at least one shell code fence (```sh), see docs/lesson-format.md';
  if (until === undefined) return lesson.steps;
  const index = findStep(lesson, until);
  if (index === undefined) return `no step "${until}" in this lesson (steps: ${lesson.steps.map((s) => s.name).join(', ')})`;
  return lesson.steps.slice(0, index + 1);
}

export function findStep(lesson: Lesson, ref: string): number | undefined {
  const byName = lesson.steps.findIndex((s) => s.name === ref);
  if (byName !== -1) return byName;
  const number = Number(ref);
  if (Number.isInteger(number) && number >= 1 && number <= lesson.steps.length) return number - 1;
  return undefined;
}

/** What the run came to, for the exit code (src/cli/exit-codes.ts decides the number). */
export function runVerdict(summary: RunSummary): 'invalid' | 'failed' | 'ok' {
  if (summary.invalid.length > 0) return 'invalid';
  return summary.lessons.some((l) => l.steps.some((s) => isFailure(s.outcome))) ? 'failed' : 'ok';
}
