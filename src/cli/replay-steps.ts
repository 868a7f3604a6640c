// Bringing a fresh sandbox to the state after a step, quietly: the path
// `learn shell --after` and `learn topo --after` share. Opens the lesson
// run, runs the steps before the stop, and says on stderr which did not go
// as the lesson expects. The caller closes the run.
import type { SandboxKind } from '../sandbox/kind.js';
import type { Lesson } from '../lesson/types.js';
import { LessonRun } from '../run/lesson-run.js';
import { isFailure } from '../run/outcome.js';
import type { Privilege } from '../sandbox/privilege.js';
import { stepDetail } from '../report/pretty.js';
import type { Style } from '../report/style.js';
import { emptyStore } from '../study/snapshots.js';
import { stepLabel } from '../study/numbering.js';
import { colorEnabled, makeStyle } from '../report/style.js';
import { EXIT } from './exit-codes.js';
import { closeRun, type RegisterRun } from './run-scope.js';
import { hostAccessConfirmed } from './host-warning.js';
import { loadOneLesson, stepIndex } from './lesson-arg.js';
import { sandboxPrivilege } from './privilege.js';

/** How many steps `--after` asks for: all when absent, none for `0`. */
export function stepCount(lesson: Lesson, after: string | undefined): number {
  if (after === undefined) return lesson.steps.length;
  return after === '0' ? 0 : stepIndex(lesson, after, '--after') + 1;
}

/** `after step 3/16 (attach)` (numbered as the learner sees steps), `before its first step`, `after all its steps`. */
export function stateName(lesson: Lesson, count: number): string {
  if (count === 0) return 'before its first step';
  if (count === lesson.steps.length) return 'after all its steps';
  const last = lesson.steps[count - 1];
  if (last === undefined) throw new RangeError(`no state after step ${count} of a lesson with ${lesson.steps.length} steps`);
  return `after ${stepLabel(lesson, last)}`;
}

export interface ReplayOptions {
  privilege: Privilege;
  allowHost: boolean;
  /** `--sandbox`: the kind of sandbox, whatever the lesson says. */
  sandboxKind?: SandboxKind;
  style: Style;
  registerRun: RegisterRun;
}

/** The open run after `count` steps with the number of failed ones, or why the machine cannot run the lesson. */
export async function openAfterSteps(lesson: Lesson, count: number, options: ReplayOptions): Promise<{ run: LessonRun; failures: number } | { reason: string }> {
  const { style } = options;
  const say = (text: string): void => void process.stderr.write(text);
  const opened = await LessonRun.open(lesson, { store: emptyStore(), updateMode: 'new', privilege: options.privilege, allowHost: options.allowHost, sandboxKind: options.sandboxKind, continueAfterFailure: true, color: style.enabled });
  if (!(opened instanceof LessonRun)) return { reason: opened.reason ?? 'skipped' };
  const run = opened;
  options.registerRun(run, true);
  const live = process.stderr.isTTY === true;
  let failures = 0;
  try {
    for (const step of lesson.steps.slice(0, count)) {
      if (live) say(`\r\x1b[2K${style.dim(`preparing: ${stepLabel(lesson, step)}`)}`);
      for (const result of await run.run(step)) {
        if (!isFailure(result.outcome)) continue;
        failures++;
        if (live) say('\r\x1b[2K');
        say(`${style.yellow('!')} ${stepDetail(lesson.file, result, style)}\n`);
      }
    }
  } catch (error) {
    await closeRun(run, options.registerRun);
    throw error;
  }
  if (live) say('\r\x1b[2K');
  return { run, failures };
}

export interface OpenedAtStep {
  lesson: Lesson;
  /** Steps run before the stop. */
  count: number;
  style: Style;
  run: LessonRun;
  failures: number;
}

/**
 * `learn shell` and `learn topo`: the lesson named on the command line, in a
 * fresh sandbox after `--after`. Returns the exit code to end with when it
 * cannot (no privilege, a host: true lesson not confirmed, a machine that
 * cannot run it, said on stderr); the caller closes the run otherwise.
 */
export async function openLessonAtStep(
  command: string,
  positionals: string[],
  values: { after?: string; 'no-color'?: boolean; 'allow-host'?: boolean },
  options: { sandboxKind?: SandboxKind; registerRun: ReplayOptions['registerRun'] },
): Promise<OpenedAtStep | number> {
  const lesson = await loadOneLesson(positionals, command);
  const count = stepCount(lesson, values.after);
  const privilege = sandboxPrivilege();
  if (!privilege) return EXIT.environment;
  const allowHost = values['allow-host'] === true;
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  if (!(await hostAccessConfirmed(lesson, allowHost, interactive))) return EXIT.ok;
  const style = makeStyle(values['no-color'] ? false : colorEnabled(process.stderr));
  const opened = await openAfterSteps(lesson, count, { privilege, allowHost, style, registerRun: options.registerRun, ...(options.sandboxKind ? { sandboxKind: options.sandboxKind } : {}) });
  if ('reason' in opened) {
    process.stderr.write(`learn: this machine cannot run ${lesson.file}: ${opened.reason}\n`);
    return EXIT.environment;
  }
  return { lesson, count, style, ...opened };
}
