// A lesson's prose for the terminal, from the markdown-it token stream:
// headings, paragraphs with emphasis, inline code and links (text plus URL),
// lists, block quotes, tables, rules, and text fences shown as they are,
// wrapped to a width. Pure: tokens in, text out; styling goes through a
// ProseStyle so the same code renders colours, plain text or test markup.
// One file per block kind; renderer.ts holds the table of handlers.
import type Token from 'markdown-it/lib/token.mjs';
import { reopenContainers } from './containers.js';
import { BlockRenderer } from './renderer.js';
import { MIN_PROSE_WIDTH, type ProseStyle } from './style.js';

export { reopenContainers } from './containers.js';
export { ansiProseStyle, MIN_PROSE_WIDTH, type BlockMark, type Mark, type ProseStyle } from './style.js';
export { wrapPlain, wrapWords } from './wrap.js';

export interface ProseOptions {
  /** Cells per line; fences and diagrams are never wrapped. */
  width: number;
  style: ProseStyle;
}

export function renderProse(tokens: readonly Token[], options: ProseOptions): string {
  const renderer = new BlockRenderer(reopenContainers(tokens), options.style);
  return renderer.document(Math.max(MIN_PROSE_WIDTH, options.width)).join('\n');
}
