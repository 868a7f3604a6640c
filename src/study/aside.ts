// What the learner opens aside from the steps, and comes back from: a shell
// in the lesson's sandbox (`!`, and at the end), the sandbox's network drawn
// as it is now (`t`), and the lesson's introduction again (`i`).
import type { Lesson } from '../lesson/types.js';
import type { LessonRun } from '../run/lesson-run.js';
import type { KeyInput } from './keys.js';
import { renderProse, wrapPlain, type ProseStyle } from './prose/index.js';
import type { Screen } from './screen.js';
import { runStudyShell, type ShellWindow } from './shell.js';
import { ruleWidth } from './view/index.js';

/** Prose is wrapped to the window, but never wider than this (long lines are hard to read). */
export const MAX_PROSE_WIDTH = 100;

/** One prose part of the lesson, wrapped to the window. */
export function proseText(tokens: Parameters<typeof renderProse>[0], screen: Screen, style: ProseStyle): string {
  const width = Math.min(screen.columns(), MAX_PROSE_WIDTH);
  return renderProse(tokens, { width, style });
}

/** The lesson's intro: the prose parts before its first step (its diagram included). */
export function introParts(lesson: Lesson): Array<Parameters<typeof renderProse>[0]> {
  const first = lesson.parts.findIndex((p) => p.kind === 'step');
  const before = lesson.parts.slice(0, first === -1 ? lesson.parts.length : first);
  return before.flatMap((part) => (part.kind === 'prose' ? [part.tokens] : []));
}

export interface ShellAside {
  screen: Screen;
  run: LessonRun;
  lesson: Lesson;
  keys: KeyInput;
  window: ShellWindow;
  term?: string;
}

/** `!`: a shell in the lesson's sandbox until the learner types `exit`. */
export async function openShell({ screen, run, lesson, keys, window, term }: ShellAside): Promise<void> {
  const { style } = screen;
  const width = ruleWidth(screen.ctx());
  screen.lines([
    ...wrapPlain("Shell in the lesson's sandbox: the same interfaces, namespaces and files as the steps.", width).map((l) => style.cyan(l)),
    ...wrapPlain("Shell variables of the lesson's terminal are not carried over. Type `exit` to come back to the lesson.", width).map((l) => style.dim(l)),
  ]);
  screen.write('\x1b[0m\x1b[?25h');
  try {
    await runStudyShell(run.sandbox, lesson.name, { keys, window, term, color: style.enabled });
  } catch (error) {
    screen.lines([style.red(`cannot open a shell: ${(error as Error).message}`)]);
  }
  screen.lines(['', style.cyan('Back in the lesson.'), '']);
}

/** `t`: the sandbox's network as it is now, the learner's own changes included. */
export async function drawTopology(screen: Screen, run: LessonRun): Promise<void> {
  const { style } = screen;
  screen.write(style.dim('reading the sandbox\'s network…'));
  try {
    const { sandboxTopologyText } = await import('../topology/index.js');
    const text = await sandboxTopologyText(run.sandbox, { width: screen.columns(), style });
    screen.write('\r\x1b[2K');
    screen.lines([text, '']);
  } catch (error) {
    screen.write('\r\x1b[2K');
    screen.lines([style.red(`cannot draw the network: ${(error as Error).message}`), '']);
  }
}
