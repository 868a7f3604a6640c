// Bullet and ordered lists, nested, tight or loose; and the items of a list
// that opened in an earlier run (cut by a step). Markers are computed once,
// before the items, so every item's text wraps beside the widest marker.
import { displayWidth } from '../../text/width.js';
import type { BlockCursor, BlockHandler } from './block.js';
import { CONTINUED } from './containers.js';
import { MIN_PROSE_WIDTH } from './style.js';

const BULLETS = ['•', '◦', '▪'];

export const list: BlockHandler = (cursor, token, width) => {
  const ordered = token.type === 'ordered_list_open';
  const closeType = ordered ? 'ordered_list_close' : 'bullet_list_close';
  const start = Number(token.attrGet('start') ?? '1');
  cursor.i++;
  const items = listItems(cursor, width, closeType, ordered, start);
  return { lines: items.lines, tight: cursor.listDepth > 0 && items.tight };
};

/** An item whose list opened in an earlier run (the list was cut by a step). */
export const looseItems: BlockHandler = (cursor, token, width) => {
  const ordered = token.markup === '.' || token.markup === ')';
  const items = listItems(cursor, width, ordered ? 'ordered_list_close' : 'bullet_list_close', ordered, Number(token.info) || 1);
  return { lines: items.lines, tight: false };
};

/** The marker of each item of the list at the cursor (continued items have none), in order. */
function itemMarkers(cursor: BlockCursor, closeType: string, ordered: boolean, start: number): string[] {
  const bullet = BULLETS[cursor.listDepth % BULLETS.length] ?? '•';
  const markers: string[] = [];
  let n = start;
  let level = 0;
  for (const t of cursor.tokens.slice(cursor.i)) {
    if (level === 0 && t.type === closeType) break;
    if (t.type === 'list_item_open' && level === 0 && t.meta !== CONTINUED) {
      markers.push(ordered ? `${t.info || n}${t.markup || '.'}` : bullet);
      n = (Number(t.info) || n) + 1;
    }
    if (t.nesting === 1) level++;
    else if (t.nesting === -1) {
      if (level === 0) break;
      level--;
    }
  }
  return markers;
}

/** List items up to `closeType` (or the end of the run). */
function listItems(cursor: BlockCursor, width: number, closeType: string, ordered: boolean, start: number): { lines: string[]; tight: boolean } {
  const markers = itemMarkers(cursor, closeType, ordered, start);
  const rendered: Array<{ marker: string; body: string[]; hidden: boolean }> = [];
  let next = 0;
  cursor.listDepth++;
  const markerWidth = Math.max(1, ...markers.map((m) => displayWidth(m)));
  const inner = Math.max(MIN_PROSE_WIDTH / 2, width - markerWidth - 1);
  for (let token = cursor.tokens[cursor.i]; token !== undefined; token = cursor.tokens[cursor.i]) {
    if (token.type === closeType) {
      cursor.i++;
      break;
    }
    if (token.type !== 'list_item_open') {
      if (token.nesting === -1) break; // the container around the list closes: the list was cut
      const stray = cursor.block(inner);
      if (stray && stray.lines.length > 0) rendered.push({ marker: '', body: stray.lines, hidden: stray.tight });
      continue;
    }
    const continued = token.meta === CONTINUED;
    const marker = continued ? '' : markers[next++] ?? '';
    cursor.i++;
    const first = cursor.tokens[cursor.i];
    const hidden = first?.type === 'paragraph_open' ? first.hidden : true;
    const body = cursor.blocks(inner, 'list_item_close');
    if (continued && body.length === 0) continue;
    rendered.push({ marker, body, hidden });
  }
  cursor.listDepth--;
  const tight = rendered.every((item) => item.hidden);
  const lines: string[] = [];
  const { style } = cursor;
  for (const item of rendered) {
    if (lines.length > 0 && !tight) lines.push('');
    const pad = ' '.repeat(markerWidth + 1);
    const head = item.marker === ''
      ? pad
      : style.block(ordered ? item.marker.padStart(markerWidth) : item.marker.padEnd(markerWidth), 'bullet') + ' ';
    const body = item.body.length > 0 ? item.body : [''];
    body.forEach((line, k) => lines.push(line === '' ? '' : (k === 0 ? head : pad) + line));
  }
  return { lines, tight };
}
