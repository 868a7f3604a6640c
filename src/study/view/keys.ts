// The keys at a prompt: one line of hints (shortened when the window is
// narrow) and the `?` help.
import { displayWidth, padEnd } from '../../text/width.js';
import type { ViewContext } from './layout.js';

export interface KeyHint {
  key: string;
  label: string;
}

export function keyLine(hints: readonly KeyHint[], ctx: ViewContext): string {
  const { style } = ctx;
  const parts = hints.map((h) => `${style.bold(h.key)} ${style.dim(h.label)}`);
  const full = `${style.cyan('▶')} ${parts.join(style.dim(' · '))}`;
  if (displayWidth(full) <= ctx.width - 1) return full;
  return `${style.cyan('▶')} ${hints.map((h) => style.bold(h.key)).join(' ')} ${style.dim('(? keys)')}`;
}

export function helpLines(ctx: ViewContext): string[] {
  const { style } = ctx;
  const rows: Array<[string, string]> = [
    ['Enter', 'run the step shown above'],
    ['y', 'type the step\'s commands yourself (learn run --type: always)'],
    ['s', 'skip it (later steps may count on it)'],
    ['r', 'after a setback: run it again (what you typed, if you did)'],
    ['i', 'show the lesson\'s introduction (and its diagram) again'],
    ['!', 'open a shell in the lesson\'s sandbox; `exit` comes back here'],
    ['h', 'show the hidden preparation steps that just ran'],
    ['t', "draw the sandbox's network as it is now"],
    ['q', 'quit the lesson (the sandbox is removed)'],
    ['?', 'this help'],
    ['Ctrl-]', 'at a task\'s prompt: the task\'s keys (hint, solution, run it, skip)'],
    ['Ctrl-C', 'while a step runs: interrupt it; at a prompt: quit'],
  ];
  return [style.bold('keys'), ...rows.map(([key, text]) => `  ${padEnd(style.bold(key), 8)} ${text}`)];
}

