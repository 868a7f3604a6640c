// Headings: wrapped, styled by level, underlined (levels 1 and 2, and every
// level when marks are invisible, so plain text still shows a heading).
import { displayWidth } from '../../text/width.js';
import type { BlockHandler } from './block.js';
import { inlineWords } from './inline.js';
import type { BlockMark } from './style.js';
import { wrapWords } from './wrap.js';

export const heading: BlockHandler = (cursor, token, width) => {
  const { style } = cursor;
  const level = Number(token.tag.slice(1)) || 1;
  cursor.i++;
  const lines = wrapWords(inlineWords(cursor.inlineAt(), style), width, style);
  cursor.skipIf('heading_close');
  const mark: BlockMark = level === 1 ? 'heading1' : level === 2 ? 'heading2' : 'heading';
  const out = lines.map((line) => style.block(line, mark));
  if (level <= 2 || !style.visible) {
    const underline = level === 1 ? '═' : level === 2 ? '─' : '┄';
    const longest = Math.max(...lines.map((l) => displayWidth(l)));
    out.push(style.block(underline.repeat(Math.min(width, longest)), 'rule'));
  }
  return { lines: out, tight: false };
};
