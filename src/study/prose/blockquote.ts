// Block quotes: their blocks, narrower, behind a bar.
import type { BlockHandler } from './block.js';
import { MIN_PROSE_WIDTH } from './style.js';

export const blockquote: BlockHandler = (cursor, _token, width) => {
  cursor.i++;
  const body = cursor.blocks(Math.max(MIN_PROSE_WIDTH / 2, width - 2), 'blockquote_close');
  const bar = cursor.style.block('│', 'quote');
  return { lines: body.map((line) => (line === '' ? bar : `${bar} ${line}`)), tight: false };
};
