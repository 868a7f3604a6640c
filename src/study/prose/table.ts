// Tables: columns aligned as the delimiter row says when they fit the width;
// otherwise one record per row, "header: value" lines, wrapped.
import { displayWidth } from '../../text/width.js';
import { stripEscapes } from '../../text/escapes.js';
import type { BlockHandler } from './block.js';
import { inlineWords, type Word } from './inline.js';
import { MIN_PROSE_WIDTH, type ProseStyle } from './style.js';
import { oneLine, wrapWords } from './wrap.js';

type Align = 'left' | 'right' | 'center';
interface Row {
  header: boolean;
  cells: Word[][];
}

export const table: BlockHandler = (cursor, _token, width) => {
  cursor.i++;
  const rows: Row[] = [];
  const aligns: Align[] = [];
  let header = false;
  let row: Row | undefined;
  for (let token = cursor.tokens[cursor.i]; token !== undefined; token = cursor.tokens[cursor.i]) {
    cursor.i++;
    if (token.type === 'table_close') break;
    if (token.type === 'thead_open') header = true;
    else if (token.type === 'thead_close') header = false;
    else if (token.type === 'tr_open') rows.push((row = { header, cells: [] }));
    else if ((token.type === 'th_open' || token.type === 'td_open') && row) {
      const column = row.cells.length;
      const align = /text-align:(left|right|center)/.exec(token.attrGet('style') ?? '')?.[1] as Align | undefined;
      if (aligns[column] === undefined) aligns[column] = align ?? 'left';
      row.cells.push(inlineWords(cursor.inlineAt(), cursor.style));
    }
  }
  return { lines: tableLines(rows, aligns, width, cursor.style), tight: false };
};

function tableLines(rows: Row[], aligns: Align[], width: number, style: ProseStyle): string[] {
  const columns = Math.max(0, ...rows.map((r) => r.cells.length));
  const painted = rows.map((row) => ({
    header: row.header,
    cells: Array.from({ length: columns }, (_, c) => oneLine(row.cells[c] ?? [], style)),
  }));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(1, ...painted.map((r) => displayWidth(r.cells[c] ?? ''))));
  const total = widths.reduce((a, b) => a + b, 0) + 3 * Math.max(0, columns - 1);
  const sep = style.block(' │ ', 'table');
  if (total <= width) {
    const lines: string[] = [];
    for (const row of painted) {
      const cells = row.cells.map((cell, c) => align(row.header ? style.inline(stripEscapes(cell), ['strong']) : cell, widths[c] ?? 0, aligns[c] ?? 'left'));
      lines.push(cells.join(sep).trimEnd());
      if (row.header) lines.push(style.block(widths.map((w) => '─'.repeat(w)).join('─┼─'), 'table'));
    }
    return lines;
  }
  // Too wide for the window: one record per row, "header: value" lines.
  const headers = painted.find((r) => r.header)?.cells.map((c) => stripEscapes(c)) ?? [];
  const lines: string[] = [];
  for (const row of rows) {
    if (row.header) continue;
    if (lines.length > 0) lines.push('');
    row.cells.forEach((cell, c) => {
      const label = headers[c] ? `${headers[c]}:` : '';
      const words: Word[] = label ? [[{ text: label, marks: ['strong'] }], ...cell] : cell;
      const wrapped = wrapWords(words, Math.max(MIN_PROSE_WIDTH / 2, width - 2), style);
      wrapped.forEach((line, k) => lines.push((k === 0 && c === 0 ? style.block('▪', 'bullet') + ' ' : '  ') + line));
    });
  }
  return lines;
}

function align(text: string, width: number, how: Align): string {
  const missing = Math.max(0, width - displayWidth(text));
  if (how === 'right') return ' '.repeat(missing) + text;
  if (how === 'center') return ' '.repeat(Math.floor(missing / 2)) + text + ' '.repeat(Math.ceil(missing / 2));
  return text + ' '.repeat(missing);
}
