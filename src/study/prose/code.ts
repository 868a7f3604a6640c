// Text fences, indented code and thematic breaks: fences exactly as written,
// indented, never wrapped (diagrams survive any width); a rule as a line.
import type { BlockHandler } from './block.js';

export const fence: BlockHandler = (cursor, token) => {
  cursor.i++;
  const lines = token.content.replace(/\n$/, '').split('\n').map((line) => {
    const text = line.replace(/\t/g, '    ').replace(/\s+$/, '');
    return text === '' ? '' : '  ' + cursor.style.block(text, 'fence');
  });
  return { lines, tight: false };
};

export const rule: BlockHandler = (cursor, _token, width) => {
  cursor.i++;
  return { lines: [cursor.style.block('─'.repeat(Math.min(width, 60)), 'rule')], tight: false };
};
