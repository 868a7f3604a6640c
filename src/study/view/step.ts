// What stands before a step and around it: its header with the learner's
// step number, its commands as bash would prompt them, the output of a step
// not shown live, and the one-line note of a hidden step.
import type { Step } from '../../lesson/types.js';
import type { StepResult } from '../../run/outcome.js';
import { highlightShell, linePrompts } from '../highlight.js';
import { displayWidth, truncate } from '../../text/width.js';
import type { HiddenRole, StepPosition } from '../numbering.js';
import { ruleWidth, type ViewContext } from './layout.js';
import { verdictMark, verdictOf, type VerdictInfo } from './verdict.js';

/** Where the step stands among the steps the learner sees (numbering.ts); a hidden step has no number. */
export type Position = StepPosition;

/** `── step 3/12 · Create a bridge ─────────── make-bridge ──`; `── preparation · ...` for a hidden step. */
export function stepHeader(step: Step, position: Position, ctx: ViewContext): string {
  const { style } = ctx;
  const width = ruleWidth(ctx);
  const tags = [step.term !== 'main' ? `terminal ${step.term}` : '', step.background ? 'background' : ''].filter(Boolean);
  const count = position.number === undefined ? position.role ?? 'preparation' : `step ${position.number}/${position.total}`;
  const label = `${step.name}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`;
  const right = ` ${truncate(label, Math.max(8, width - displayWidth(count) - 11))} ──`;
  const room = width - displayWidth(right) - displayWidth(count) - 9;
  const section = step.section && room > 4 ? ` · ${truncate(step.section, room)}` : '';
  const left = `── ${count}${section} `;
  const fill = Math.max(2, width - displayWidth(left) - displayWidth(right));
  return style.bold(left) + style.dim('─'.repeat(fill) + right);
}

/** The commands of a step, highlighted, each after the prompt bash would show. */
export function stepCommandLines(step: Step, ctx: ViewContext): string[] {
  const { style } = ctx;
  if (step.interrupt) return [`  ${style.dim('press')} ${style.bold('Ctrl-C')} ${style.dim(`in terminal ${step.term}`)}`];
  const texts = step.commands.map((c) => c.text);
  if (texts.length === 0) return [`  ${style.dim('(nothing to type)')}`];
  const prompts = step.language === 'console' ? texts.map(() => '$' as const) : linePrompts(texts);
  const painted = step.language === 'console' ? texts.flatMap((t) => highlightShell([t], ctx.palette)) : highlightShell(texts, ctx.palette);
  return painted.map((line, i) => `  ${style.dim(prompts[i] ?? '$')} ${line}`);
}


/** `◦ preparation: sysctl -qw ... ✓ (h shows it)`; `◦ clean-up: ...` after the last step the learner sees. */
export function hiddenNote(result: StepResult, info: VerdictInfo, ctx: ViewContext, role: HiddenRole = 'preparation'): string {
  const { style } = ctx;
  const verdict = verdictOf(result, info);
  const commands = result.step.commands.map((c) => c.text.trim()).filter(Boolean);
  const text = commands.length > 1 ? `${commands[0]} …` : commands[0] ?? result.step.name;
  const tail = ` ${verdictMark(verdict, style)} ${style.dim('(h shows it)')}`;
  const room = ruleWidth(ctx) - displayWidth(tail) - 16;
  return `${style.dim(`◦ ${role}:`)} ${style.dim(truncate(text, Math.max(10, room)))}${tail}`;
}


/** A step's rendered screen, indented a little, for steps whose output was not shown live. */
export function screenLines(screen: string): string[] {
  if (screen.trim() === '') return [];
  return screen.split('\n').map((line) => (line === '' ? '' : `  ${line}`));
}
