// A task in study mode: the learner's own prompt in the sandbox, the task's
// check after each of their commands, and the task's keys (Ctrl-], or when
// the shell ends): a hint at a time, the solution shown, the solution run,
// skip. What the learner types is never changed or refused.
import type { Lesson, Step } from '../lesson/types.js';
import type { LessonRun } from '../run/lesson-run.js';
import type { StepResult } from '../run/outcome.js';
import type { CheckRun } from '../run/task-run.js';
import type { Style } from '../report/style.js';
import { TASK_KEYS } from './actions.js';
import type { Key, KeyInput } from './keys.js';
import { renderProse, wrapPlain, type ProseStyle } from './prose/index.js';
import type { ShellWindow } from './shell.js';
import { TaskShell } from './task-shell.js';
import { keyLine, ruleWidth, stepCommandLines, type KeyHint, type ViewContext } from './view/index.js';

export interface TaskContext {
  lesson: Lesson;
  run: LessonRun;
  keys: KeyInput;
  style: Style;
  proseStyle: ProseStyle;
  window: ShellWindow;
  term?: string;
  write(text: string): void;
  ctx(): ViewContext;
  /** Shared keys of every prompt (?, q, Ctrl-C, end of input): true to quit. */
  quitKey(key: Key): Promise<boolean>;
}

export type TaskEnd =
  | { kind: 'solved'; result: StepResult }
  | { kind: 'runSolution' }
  | { kind: 'skipped' }
  | { kind: 'quit' };

/** The steps that solve the task, in lesson order. */
export function solutionSteps(lesson: Lesson, check: Step): Step[] {
  return (check.check?.solutionSteps ?? []).flatMap((index) => lesson.steps[index] ?? []);
}

export function taskIntroLines(check: Step, ctx: ViewContext): string[] {
  const { style } = ctx;
  const hints = check.check?.hints.length ?? 0;
  const text = 'Your turn: type your own commands at the prompt below, in the lesson\'s sandbox. ' +
    'After each command learn runs the task\'s check and tells you when the task is done. ' +
    `Ctrl-] for the task's keys: ${hints > 0 ? 'a hint, ' : ''}the solution, run it for me, skip.`;
  return [`${style.cyan('◆')} ${style.bold(`task ${check.name}`)}`, ...wrapPlain(text, ruleWidth(ctx) - 2).map((l) => `  ${style.dim(l)}`)];
}

export async function studyTask(check: Step, tc: TaskContext): Promise<TaskEnd> {
  const { run, style } = tc;
  const say = (lines: string[]): void => tc.write(lines.join('\n') + '\n');
  say(taskIntroLines(check, tc.ctx()));
  // The learner may start typing as soon as they have read this: keep it for the prompt.
  tc.keys.holdTypeahead();
  const first = await run.check(check);
  if (first.passed) return solved(check, first, tc, 'already done: the check passes before you typed anything');
  let hintsShown = 0;
  let generation = 0;
  let settle: ((end: 'solved' | 'keys') => void) | undefined;
  let passed: CheckRun | undefined;
  const onPrompt = (): void => {
    const mine = ++generation;
    void run.check(check, { retry: check.check?.retryMs !== undefined }).then((result) => {
      if (mine !== generation || passed) return;
      if (result.passed) {
        passed = result;
        settle?.('solved');
      }
    }, () => undefined);
  };
  let shell: TaskShell | undefined;
  try {
    for (;;) {
      if (!shell?.alive) {
        tc.keys.holdTypeahead();
        shell = await TaskShell.open(run.sandbox, tc.lesson.name, { window: tc.window, term: tc.term, color: style.enabled, onPrompt });
      }
      const open = shell;
      // Resolved 'solved' by the check that passed (`passed` set), or 'keys' by Ctrl-] or the shell's end.
      await new Promise<'solved' | 'keys'>((resolve) => {
        settle = resolve;
        open.attach(tc.keys, () => resolve('keys'));
        void open.exited.then(() => resolve('keys'));
      });
      open.detach();
      settle = undefined;
      if (passed) {
        tc.write('\r\n');
        return solved(check, passed, tc, 'task done: the check passes');
      }
      tc.write('\r\n');
      // The state now, whatever check was still running when the learner left the prompt.
      const now = await run.check(check);
      if (now.passed) return solved(check, now, tc, 'task done: the check passes');
      say([style.dim(`  not done yet: the task's check exits with status ${now.code}`)]);
      for (;;) {
        const hints = check.check?.hints ?? [];
        const key = await ask(tc, keyLine(taskHints(hints.length - hintsShown, hintsShown > 0, shell.alive), tc.ctx()));
        if (passed) return solved(check, passed, tc, 'task done: the check passes');
        const action = TASK_KEYS.get(key);
        if (action === 'prompt') {
          say([style.dim(shell.alive ? '  back at your prompt' : '  a new prompt (the last one was closed)')]);
          break;
        }
        if (action === 'hint') {
          const hint = hints[hintsShown];
          if (!hint) say([style.dim('  no more hints: s shows the solution')]);
          else {
            hintsShown += 1;
            const width = Math.min(tc.ctx().width, 100) - 2;
            const text = renderProse(hint.tokens, { width, style: tc.proseStyle });
            say([style.yellow(`  hint ${hintsShown}/${hints.length}:`), ...text.split('\n').map((l) => `  ${l}`), '']);
          }
        } else if (action === 'solution') {
          say([style.yellow('  the solution:'), ...solutionSteps(tc.lesson, check).flatMap((s) => stepCommandLines(s, tc.ctx())), '']);
        } else if (action === 'runSolution') {
          return { kind: 'runSolution' };
        } else if (action === 'skip') {
          return { kind: 'skipped' };
        } else if (await tc.quitKey(key)) {
          return { kind: 'quit' };
        }
      }
    }
  } finally {
    await shell?.close();
  }
}

function taskHints(hintsLeft: number, hintUsed: boolean, alive: boolean): KeyHint[] {
  return [
    { key: 'Enter', label: alive ? 'your prompt' : 'new prompt' },
    ...(hintsLeft > 0 ? [{ key: 'h', label: hintUsed ? `next hint (${hintsLeft})` : 'hint' }] : []),
    { key: 's', label: 'solution' },
    { key: 'r', label: 'run it' },
    { key: 'k', label: 'skip' },
    { key: 'q', label: 'quit' },
  ];
}

async function ask(tc: TaskContext, prompt: string): Promise<Key> {
  tc.write(prompt);
  const key = await tc.keys.next();
  tc.write('\r\x1b[2K');
  return key;
}

function solved(check: Step, result: CheckRun, tc: TaskContext, text: string): TaskEnd {
  const recorded = tc.run.recordCheck(check, result);
  tc.write(`${tc.style.green('✓')} ${text}\n\n`);
  return { kind: 'solved', result: recorded };
}
