// LessonResult values built by hand from the CI fixture lessons, with fixed
// times, for pure reporter tests: passed steps, a differed step, a failed
// one, a skipped lesson, a timed-out step, and an invalid lesson.
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/lesson/parse.js';
import type { Lesson, LessonDiagnostic } from '../../src/lesson/types.js';
import type { LessonResult } from '../../src/run/lesson-run.js';
import type { StepOutcome, StepResult } from '../../src/run/outcome.js';
import { countSteps, type Reporter, type RunSummary } from '../../src/run/events.js';
import { fixture } from '../helpers/paths.js';

export function fixtureLesson(name: string): Lesson {
  const file = `test/fixtures/ci/lessons/${name}.md`;
  const parsed = parseLesson(readFileSync(fixture('ci', 'lessons', `${name}.md`), 'utf8'), file);
  if (!parsed.ok) throw new Error(`fixture ${name} does not parse`);
  return parsed.lesson;
}

function step(lesson: Lesson, name: string, outcome: StepOutcome, durationMs: number, screen = '', exitStatus?: number): StepResult {
  const found = lesson.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name}`);
  return { step: found, outcome, screen, output: screen, durationMs, cutChars: 0, ...(exitStatus === undefined ? {} : { exitStatus }) };
}

export type Item = { kind: 'lesson'; result: LessonResult } | { kind: 'invalid'; file: string; diagnostics: LessonDiagnostic[] };

export const SAMPLE_DIFF = '--- snapshot\n+++ this run\n@@ -1,2 +1,2 @@\n $ echo "hello, world"\n-hello, <b>there</b> & "you"\n+hello, world\n';
/** The same diff as the human reporter colours it. */
export const SAMPLE_DIFF_COLORED = '\x1b[31m--- snapshot\x1b[0m\n\x1b[32m+++ this run\x1b[0m\n\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n $ echo "hello, world"\n\x1b[31m-hello, <b>there</b> & "you"\x1b[0m\n\x1b[32m+hello, world\x1b[0m\n';

export function sampleItems(colored = false): Item[] {
  const basics = fixtureLesson('basics');
  const differs = fixtureLesson('differs');
  const skipped = fixtureLesson('skipped');
  const timeout = fixtureLesson('timeout');
  const diff = colored ? SAMPLE_DIFF_COLORED : SAMPLE_DIFF;
  return [
    {
      kind: 'lesson',
      result: {
        lesson: basics,
        status: 'ran',
        steps: [
          step(basics, 'hello', { kind: 'passed', snapshot: 'matched' }, 12.4, '$ echo hello\nhello', 0),
          step(basics, 'two-lines', { kind: 'passed', snapshot: 'written', note: 'snapshot written' }, 3.2, '', 0),
          step(basics, 'basics-1', { kind: 'passed', snapshot: 'matched' }, 1500, '', 0),
        ],
        snapshots: { path: 'test/fixtures/ci/snapshots/basics.snap', written: false, obsolete: [], removedObsolete: false },
        durationMs: 1600.7,
      },
    },
    {
      kind: 'lesson',
      result: {
        lesson: differs,
        status: 'ran',
        steps: [
          step(differs, 'greet', { kind: 'differed', expected: 'x', actual: 'y', diff }, 20, '$ echo "hello, world"\nhello, world', 0),
          step(differs, 'exit-code', { kind: 'failed', line: 14, message: 'exited with status 3, expected status 0' }, 35.5, "$ echo about to fail\nabout to fail 100%, done\n$ sh -c 'exit 3'", 3),
          step(differs, 'not-reached', { kind: 'skipped', reason: 'not run: step "exit-code" failed' }, 0),
        ],
        snapshots: { path: 'test/fixtures/ci/snapshots/differs.snap', written: false, obsolete: [], removedObsolete: false },
        durationMs: 250,
      },
    },
    { kind: 'lesson', result: { lesson: skipped, status: 'skipped', reason: 'missing program: no-such-program', steps: [], durationMs: 40 } },
    {
      kind: 'invalid',
      file: 'test/fixtures/ci/lessons/broken.md',
      diagnostics: [{ file: 'test/fixtures/ci/lessons/broken.md', line: 7, message: 'unknown attribute "colour" in {#a colour=red}' }],
    },
    {
      kind: 'lesson',
      result: {
        lesson: timeout,
        status: 'ran',
        steps: [
          step(timeout, 'quick', { kind: 'passed', snapshot: 'matched' }, 2, '$ echo quick\nquick', 0),
          step(timeout, 'slow', { kind: 'timedOut', line: 13, message: 'timed out after 300ms' }, 304.2, '$ sleep 5\n^C\n$', 130),
          step(timeout, 'after', { kind: 'skipped', reason: 'not run: step "slow" failed' }, 0),
        ],
        snapshots: { path: 'test/fixtures/ci/snapshots/timeout.snap', written: false, obsolete: [], removedObsolete: false },
        durationMs: 420,
      },
    },
  ];
}

/** Feed a reporter the sample run, as runLessons would. */
export async function drive(reporter: Reporter, items: Item[] = sampleItems(), durationMs = 4321): Promise<RunSummary> {
  const files = items.map((i) => (i.kind === 'lesson' ? i.result.lesson.file : i.file));
  reporter.runStart?.(files);
  for (const item of items) {
    if (item.kind === 'lesson') reporter.lessonEnd?.(item.result);
    else reporter.lessonInvalid?.(item.file, item.diagnostics);
  }
  const lessons = items.flatMap((i) => (i.kind === 'lesson' ? [i.result] : []));
  const invalid = items.flatMap((i) => (i.kind === 'invalid' ? [i.diagnostics] : []));
  const summary: RunSummary = { lessons, invalid, counts: countSteps(lessons), durationMs };
  await reporter.runEnd?.(summary);
  return summary;
}
