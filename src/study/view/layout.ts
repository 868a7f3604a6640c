// The frame every study view shares: what it is drawn for (style, shell
// palette, window width), how wide rules and explanations get, and the
// dim, indented explanation under a verdict or a recap.
import type { Style } from '../../report/style.js';
import type { ShellPalette } from '../highlight.js';
import { MIN_PROSE_WIDTH, wrapPlain } from '../prose/index.js';

export interface ViewContext {
  style: Style;
  palette: ShellPalette;
  /** Columns of the learner's window. */
  width: number;
}

/** Rules and headers never grow past this, however wide the window. */
export const MAX_RULE_WIDTH = 100;

export function ruleWidth(ctx: ViewContext): number {
  return Math.max(MIN_PROSE_WIDTH, Math.min(ctx.width, MAX_RULE_WIDTH));
}

/** A dim explanation, wrapped and indented under what it explains. */
export function explain(text: string, ctx: ViewContext): string[] {
  return wrapPlain(text, ruleWidth(ctx) - 2).map((line) => `  ${ctx.style.dim(line)}`);
}
