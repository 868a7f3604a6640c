// The topology as text for a terminal: one box per namespace, stacked in
// the layout's order, its interfaces one a line (bridge ports under their
// bridge), and the links between interfaces drawn as rails in a gutter on
// the right (solid for veth pairs, dashed for VXLAN tunnels). Fits `width`;
// when the rails do not fit, each end names its peer instead. Pure.
import type { Style } from '../report/style.js';
import { chop, displayWidth, padEnd, truncate } from '../text/width.js';
import { factLines, ifaceWords, namespaceTitle, orderedIfaces } from './describe.js';
import { layoutNamespaces } from './layout.js';
import { namespaceById, type Link, type Namespace, type Topology } from './model.js';

export interface TextOptions {
  title?: string;
  width: number;
  details?: boolean;
  style: Style;
}

/** A line of a box: its text and, for an interface's first line, which interface. */
interface BoxLine {
  text: string;
  styled: string;
  anchor?: string;
}

const MIN_INNER = 30;
const MAX_INNER = 96;
/** Narrower boxes than this leave no room for rails: each end names its peer. */
const MIN_RAIL_INNER = 44;

export function renderText(topology: Topology, options: TextOptions): string {
  const { style } = options;
  const width = Math.max(40, options.width);
  const order = layoutNamespaces(topology).map((p) => namespaceById(topology, p.ns));
  const crossing = topology.links;
  const details = options.details === true;
  const cols = columnWidths(order, details);
  // Rails need the line numbers, which depend on the box width: lay out once
  // to count rails, then shrink the boxes to leave room for them.
  let railsOn = crossing.length > 0;
  let inner = innerWidth(order, cols, details, width, 0);
  let layout = stack(order, cols, inner, details, style, railsOn ? undefined : crossing);
  let rails = assignRails(layout.anchors, crossing);
  const gutter = (count: number): number => (count === 0 ? 0 : count + 1);
  if (railsOn) {
    inner = innerWidth(order, cols, details, width, gutter(rails.count));
    const need = innerWidth(order, cols, details, Number.MAX_SAFE_INTEGER, 0);
    if (inner + 4 + gutter(rails.count) > width || inner < Math.min(need, MIN_RAIL_INNER)) railsOn = false;
    layout = stack(order, cols, inner, details, style, railsOn ? undefined : crossing);
    rails = railsOn ? assignRails(layout.anchors, crossing) : { count: 0, placed: [] };
  }
  const gutterText = drawRails(layout.lines.length, rails, style);
  const out: string[] = [];
  if (options.title) out.push(...chop(options.title, width).map((l) => style.bold(l)), '');
  layout.lines.forEach((line, i) => {
    const connected = rails.placed.some((r) => r.top === i || r.bottom === i);
    const border = line.styled.lastIndexOf('│');
    const styled = connected && border !== -1 ? `${line.styled.slice(0, border)}├${line.styled.slice(border + 1)}` : line.styled;
    out.push((styled + (gutterText[i] ?? '')).replace(/\s+$/, ''));
  });
  const legend = railsOn ? [`${style.dim('─')} veth pair`, ...(crossing.some((l) => l.kind === 'vxlan') ? [`${style.dim('┄')} vxlan tunnel`] : [])] : [];
  if (legend.length > 0) out.push('', style.dim('links: ') + legend.join(style.dim(' · ')));
  for (const note of topology.notes) out.push(...chop(`note: ${note}`, width).map((l) => style.yellow(l)));
  return out.join('\n');
}

interface Columns {
  name: number;
  kind: number;
  state: number;
}

function columnWidths(namespaces: Namespace[], details: boolean): Columns {
  const words = namespaces.flatMap((ns) => orderedIfaces(ns).map(({ iface, port }) => ifaceWords(iface, port, details)));
  const max = (f: (w: (typeof words)[number]) => string, cap: number): number => Math.min(cap, Math.max(2, ...words.map((w) => displayWidth(f(w)))));
  return { name: max((w) => w.name, 17), kind: max((w) => w.kind, 9), state: max((w) => w.state, 10) };
}

/** The width inside the boxes' borders: what the content needs, within what the terminal has. */
function innerWidth(namespaces: Namespace[], cols: Columns, details: boolean, width: number, gutter: number): number {
  let need = 0;
  for (const ns of namespaces) {
    need = Math.max(need, displayWidth(namespaceTitle(ns)) + 4);
    for (const { iface, port } of orderedIfaces(ns)) {
      const w = ifaceWords(iface, port, details);
      need = Math.max(need, cols.name + cols.kind + cols.state + 3 + displayWidth([...w.addresses, ...w.extras].join('  ')));
    }
    for (const fact of factLines(ns, details)) need = Math.max(need, 6 + displayWidth(fact.text));
  }
  return Math.max(MIN_INNER, Math.min(MAX_INNER, need, width - 4 - gutter));
}

/** Every box, one under the other, with a blank line between them. */
function stack(namespaces: Namespace[], cols: Columns, inner: number, details: boolean, style: Style, labelLinks?: Link[]): { lines: BoxLine[]; anchors: Map<string, number> } {
  const lines: BoxLine[] = [];
  const anchors = new Map<string, number>();
  namespaces.forEach((ns, index) => {
    if (index > 0) lines.push({ text: ' '.repeat(inner + 4), styled: ' '.repeat(inner + 4) });
    for (const line of box(ns, cols, inner, details, style, labelLinks)) {
      if (line.anchor) anchors.set(`${ns.id}/${line.anchor}`, lines.length);
      lines.push(line);
    }
  });
  return { lines, anchors };
}

function box(ns: Namespace, cols: Columns, inner: number, details: boolean, style: Style, labelLinks?: Link[]): BoxLine[] {
  const title = truncate(namespaceTitle(ns), inner - 2);
  const top = `┌─ ${title} ${'─'.repeat(Math.max(0, inner - displayWidth(title) - 1))}┐`;
  const lines: BoxLine[] = [{ text: top, styled: style.dim('┌─ ') + style.bold(title) + style.dim(` ${'─'.repeat(Math.max(0, inner - displayWidth(title) - 1))}┐`) }];
  const row = (text: string, styled: string, anchor?: string): BoxLine => {
    const pad = ' '.repeat(Math.max(0, inner - displayWidth(text)));
    return { text: `│ ${text}${pad} │`, styled: `${style.dim('│')} ${styled}${pad} ${style.dim('│')}`, ...(anchor ? { anchor } : {}) };
  };
  const fixed = cols.name + cols.kind + cols.state + 3;
  const narrow = inner - fixed < 16;
  for (const { iface, port } of orderedIfaces(ns)) {
    const w = ifaceWords(iface, port, details);
    const peer = labelLinks?.find((l) => (l.a.ns === ns.id && l.a.iface === iface.name) || (l.b.ns === ns.id && l.b.iface === iface.name));
    if (peer) {
      const other = peer.a.ns === ns.id && peer.a.iface === iface.name ? peer.b : peer.a;
      w.extras.push(`${peer.kind === 'vxlan' ? 'tunnel to' : 'peer'} ${other.ns === ns.id ? '' : `${other.ns}/`}${other.iface}`);
    }
    const paint = w.state === 'up' ? style.green : w.state === 'down' ? style.red : style.yellow;
    const head: Piece[] = [[padEnd(w.name, cols.name) + ' '], [w.kind, style.dim], [' '.repeat(cols.kind - displayWidth(w.kind) + 1)], [w.state, paint], [' '.repeat(Math.max(0, cols.state - displayWidth(w.state)) + 1)]];
    const words = [...w.addresses, ...w.extras.map((e) => `\u0000${e}`)];
    const indent = narrow ? 4 : fixed;
    const restLines = flow(words, inner - indent, narrow ? inner - fixed : inner - indent);
    const [firstRest] = restLines;
    const first = narrow && firstRest !== undefined && displayWidth(firstRest.replace(/\u0000/g, '')) > inner - fixed ? '' : restLines.shift() ?? '';
    const [text, styled] = joinPieces(first === '' ? head.slice(0, 4) : [...head, [first.replace(/\u0000/g, '')]]);
    lines.push(row(text, first === '' ? styled : styled.slice(0, styled.length - first.replace(/\u0000/g, '').length) + dimExtras(first, style), iface.name));
    for (const rest of restLines) lines.push(row(' '.repeat(indent) + rest.replace(/\u0000/g, ''), ' '.repeat(indent) + dimExtras(rest, style)));
  }
  for (const fact of factLines(ns, details)) {
    const label = padEnd(fact.label, 5);
    flow(fact.text.split(' '), inner - 6, inner - 6, ' ').forEach((part, i) => lines.push(row(`${i === 0 ? label : '     '} ${part}`, `${style.dim(i === 0 ? label : '     ')} ${part}`)));
  }
  lines.push({ text: `└${'─'.repeat(inner + 2)}┘`, styled: style.dim(`└${'─'.repeat(inner + 2)}┘`) });
  return lines;
}

/** Words (an extra starts with \u0000) flowed into lines: the first `first` wide, the rest `rest` wide. */
function flow(words: string[], rest: number, first: number, sep = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const limit = lines.length === 0 ? first : rest;
    const candidate = line === '' ? word : `${line}${sep}${word}`;
    if (displayWidth(candidate.replace(/\u0000/g, '')) <= limit || line === '') line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.flatMap((l) => (displayWidth(l.replace(/\u0000/g, '')) > rest ? chop(l, Math.max(8, rest)) : [l]));
}

/** A piece of a line: its text and how to paint it. */
type Piece = [string, ((text: string) => string)?];

function joinPieces(pieces: Piece[]): [string, string] {
  return [pieces.map(([t]) => t).join(''), pieces.map(([t, paint]) => (paint ? paint(t) : t)).join('')];
}

function dimExtras(text: string, style: Style): string {
  return text.split('  ').map((part) => (part.startsWith('\u0000') ? style.dim(part.slice(1)) : part)).join('  ');
}

// ---- rails ---------------------------------------------------------------------------

interface Rail {
  top: number;
  bottom: number;
  column: number;
  dashed: boolean;
}

/** Interval partitioning: short links on the inner rails, so fewer lines cross. */
function assignRails(anchors: Map<string, number>, links: Link[]): { count: number; placed: Rail[] } {
  const spans = links.flatMap((link) => {
    const a = anchors.get(`${link.a.ns}/${link.a.iface}`);
    const b = anchors.get(`${link.b.ns}/${link.b.iface}`);
    return a === undefined || b === undefined || a === b ? [] : [{ top: Math.min(a, b), bottom: Math.max(a, b), dashed: link.kind === 'vxlan' }];
  });
  spans.sort((x, y) => x.bottom - x.top - (y.bottom - y.top) || x.top - y.top);
  const placed: Rail[] = [];
  for (const span of spans) {
    let column = 0;
    while (placed.some((r) => r.column === column && r.top <= span.bottom && span.top <= r.bottom)) column++;
    placed.push({ ...span, column });
  }
  return { count: placed.length === 0 ? 0 : Math.max(...placed.map((r) => r.column)) + 1, placed };
}

const UP = 1;
const DOWN = 2;
const LEFT = 4;
const RIGHT = 8;
const GLYPHS: Record<number, string> = {
  [LEFT | RIGHT]: '─', [UP | DOWN]: '│', [DOWN | LEFT]: '┐', [UP | LEFT]: '┘', [UP | DOWN | LEFT]: '┤',
  [UP | DOWN | LEFT | RIGHT]: '┼', [LEFT | RIGHT | DOWN]: '┬', [LEFT | RIGHT | UP]: '┴',
};

/** The gutter, one string per line: cell 0 touches the box, rail k is cell k + 1. */
function drawRails(height: number, rails: { count: number; placed: Rail[] }, style: Style): string[] {
  const widthCells = rails.count === 0 ? 0 : rails.count + 1;
  const cells = Array.from({ length: height }, () => Array.from({ length: widthCells }, () => ({ bits: 0, dashed: false })));
  /** Add line directions to cell `c` of line `y`, dashed or not when given. */
  const mark = (y: number, c: number, bits: number, dashed?: boolean): void => {
    const cell = cells[y]?.[c];
    if (!cell) throw new Error(`rail cell ${c} of line ${y} is outside the ${widthCells}-cell gutter of ${height} lines`);
    cell.bits |= bits;
    if (dashed !== undefined) cell.dashed = dashed;
  };
  for (const rail of rails.placed) {
    const x = rail.column + 1;
    for (const y of [rail.top, rail.bottom]) {
      for (let c = 0; c < x; c++) mark(y, c, LEFT | RIGHT, rail.dashed);
      mark(y, x, LEFT | (y === rail.top ? DOWN : UP));
    }
    for (let y = rail.top + 1; y < rail.bottom; y++) mark(y, x, UP | DOWN, rail.dashed);
  }
  return cells.map((row) => row.map(({ bits, dashed }) => {
    if (bits === 0) return ' ';
    let glyph = GLYPHS[bits] ?? '┼';
    if (dashed && glyph === '─') glyph = '┄';
    if (dashed && glyph === '│') glyph = '┆';
    return style.dim(glyph);
  }).join(''));
}
