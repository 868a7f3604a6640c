// Paragraphs and bare inline runs: words wrapped to the width. A hidden
// paragraph (a tight list item's) sits without a blank line before it.
import type { BlockHandler } from './block.js';
import { inlineWords } from './inline.js';
import { wrapWords } from './wrap.js';

export const paragraph: BlockHandler = (cursor, token, width) => {
  const { style } = cursor;
  cursor.i++;
  const lines = wrapWords(inlineWords(cursor.inlineAt(), style), width, style);
  cursor.skipIf('paragraph_close');
  return { lines, tight: token.hidden };
};

export const inline: BlockHandler = (cursor, token, width) => {
  cursor.i++;
  return { lines: wrapWords(inlineWords(token.children ?? [], cursor.style), width, cursor.style), tight: false };
};
