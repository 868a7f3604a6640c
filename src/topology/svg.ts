// The topology as an SVG picture, for files and the browser: the layout's
// columns (layout.ts) as boxes, one line per interface with a dot for its
// state, and links as curves from interface to interface (solid for veth
// pairs, dashed for VXLAN tunnels). Monospace text, so sizes follow from
// character counts and no font metrics are needed. Pure; no dependencies.
import { factLines, ifaceWords, namespaceTitle, orderedIfaces } from './describe.js';
import { layoutNamespaces } from './layout.js';
import { namespaceById, type Namespace, type Topology } from './model.js';

export interface SvgOptions {
  title?: string;
  details?: boolean;
}

const CHAR = 7.2;
/** The 11px text of the extras. */
const SMALL_CHAR = 6.6;
const EXTRA_WIDTH = 44;
const LINE = 17;
const PAD = 10;
const COLUMN_GAP = 110;
const ROW_GAP = 28;
const TITLE_H = 24;

interface BoxGeometry {
  ns: Namespace;
  x: number;
  y: number;
  w: number;
  h: number;
  column: number;
  /** y of each interface's line, by name. */
  anchors: Map<string, number>;
  body: string[];
}

export function renderSvg(topology: Topology, options: SvgOptions = {}): string {
  const details = options.details === true;
  const placed = layoutNamespaces(topology).map((p) => ({ ...p, box: measure(namespaceById(topology, p.ns), p.column, details) }));
  const boxes = new Map<string, BoxGeometry>(placed.map((p) => [p.ns, p.box]));
  // Columns side by side, groups one under another; each column centred on the tallest.
  const top = options.title ? 40 : 16;
  let groupTop = top;
  let width = 0;
  for (const group of [...new Set(placed.map((p) => p.group))]) {
    const members = placed.filter((p) => p.group === group);
    const columns = [...new Set(members.map((p) => p.column))].sort((a, b) => a - b).map((c) => {
      const inColumn = members.filter((p) => p.column === c).sort((a, b) => a.row - b.row);
      return { inColumn, height: inColumn.reduce((h, p) => h + p.box.h + ROW_GAP, -ROW_GAP) };
    });
    const tallest = Math.max(...columns.map((c) => c.height));
    let x = 16;
    columns.forEach(({ inColumn, height }) => {
      const colWidth = Math.max(...inColumn.map((p) => p.box.w));
      let y = groupTop + (tallest - height) / 2;
      for (const { box: b } of inColumn) {
        b.x = x;
        b.w = colWidth;
        b.y = y;
        for (const [name, dy] of b.anchors) b.anchors.set(name, y + dy);
        y += b.h + ROW_GAP;
      }
      x += colWidth + COLUMN_GAP;
    });
    width = Math.max(width, x - COLUMN_GAP + 16);
    groupTop += tallest + ROW_GAP * 2;
  }
  const kinds = [...new Set(topology.links.map((l) => l.kind))].sort();
  const legendTop = groupTop - ROW_GAP * 2 + 16;
  const height = legendTop + (kinds.length > 0 ? LINE + 4 : 0) + (topology.notes.length > 0 ? topology.notes.length * LINE + 8 : 0);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12">`);
  parts.push('<style>.ns{fill:#f7f9fc;stroke:#8a9bb0;stroke-width:1.2}.own{fill:#eef6ee}.t{font-weight:bold}.k{fill:#667}.x{fill:#778;font-size:11px}'
    + '.veth{stroke:#2a6fb0;stroke-width:2;fill:none}.vxlan{stroke:#b05a2a;stroke-width:2;fill:none;stroke-dasharray:6 4}.up{fill:#2e9e44}.down{fill:#c43c3c}.other{fill:#d9a21b}</style>');
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  if (options.title) parts.push(`<text x="16" y="24" class="t" font-size="14">${esc(options.title)}</text>`);
  for (const b of boxes.values()) parts.push(...b.body.map((line) => line.replace(/@x@w/g, r(b.x + b.w)).replace(/@w/g, r(b.w)).replace(/@x(-?[\d.]+)/g, (_, dx: string) => r(b.x + Number(dx))).replace(/@y(-?[\d.]+)/g, (_, dy: string) => r(b.y + Number(dy)))));
  for (const link of topology.links) {
    const a = boxes.get(link.a.ns);
    const b = boxes.get(link.b.ns);
    const ya = a?.anchors.get(link.a.iface);
    const yb = b?.anchors.get(link.b.iface);
    if (!a || !b || ya === undefined || yb === undefined) continue;
    parts.push(`<path class="${link.kind}" d="${curve(a, ya, b, yb)}"><title>${esc(`${link.kind}: ${link.a.ns}/${link.a.iface} ↔ ${link.b.ns}/${link.b.iface}`)}</title></path>`);
  }
  kinds.forEach((kind, i) => {
    const x = 16 + i * 150;
    const y = legendTop + 8;
    parts.push(`<path class="${kind}" d="M${x},${y} H${x + 36}"/><text x="${x + 44}" y="${y + 4}" class="x">${kind === 'veth' ? 'veth pair' : 'vxlan tunnel'}</text>`);
  });
  topology.notes.forEach((note, i) => parts.push(`<text x="16" y="${r(height - 12 - (topology.notes.length - 1 - i) * LINE)}" class="x">${esc(`note: ${note}`)}</text>`));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** A box's size and its content, with @x/@y offsets filled in once it is placed. */
function measure(ns: Namespace, column: number, details: boolean): BoxGeometry {
  const body: string[] = [];
  const anchors = new Map<string, number>();
  const title = namespaceTitle(ns);
  let width = PAD * 2 + (title.length + 2) * CHAR;
  let y = TITLE_H + 8;
  const rows: string[] = [];
  const nameWidth = Math.max(...ns.interfaces.map((i) => i.name.length + (i.master ? 2 : 0)), 4);
  for (const { iface, port } of orderedIfaces(ns)) {
    const w = ifaceWords(iface, port, details);
    y += LINE;
    anchors.set(iface.name, y - 4);
    const main = `${w.name.padEnd(nameWidth)}  ${w.kind.padEnd(8)} ${w.addresses.join('  ')}`.trimEnd();
    width = Math.max(width, PAD + 14 + main.length * CHAR + PAD);
    const cls = w.state === 'up' ? 'up' : w.state === 'down' ? 'down' : 'other';
    rows.push(`<circle cx="@x${PAD + 4}" cy="@y${y - 4}" r="4" class="${cls}"><title>${esc(w.state)}</title></circle>`);
    rows.push(`<text x="@x${PAD + 14}" y="@y${y}" xml:space="preserve">${esc(w.name.padEnd(nameWidth))}  <tspan class="k">${esc(w.kind.padEnd(8))}</tspan> ${esc(w.addresses.join('  '))}</text>`);
    const extras = [...(w.state === 'up' ? [] : [w.state]), ...w.extras];
    const indent = PAD + 14 + (nameWidth + 2) * CHAR;
    for (const text of wrapWords(extras, ' · ', EXTRA_WIDTH)) {
      y += LINE - 3;
      width = Math.max(width, indent + text.length * SMALL_CHAR + PAD);
      rows.push(`<text x="@x${r(indent)}" y="@y${y}" class="x">${esc(text)}</text>`);
    }
  }
  for (const fact of factLines(ns, details)) {
    y += LINE;
    const text = `${fact.label} ${fact.text}`;
    width = Math.max(width, PAD + 14 + text.length * SMALL_CHAR + PAD);
    rows.push(`<text x="@x${PAD + 14}" y="@y${y}" class="x">${esc(text)}</text>`);
  }
  const w = Math.round(width);
  const h = y + PAD;
  body.push(`<g><title>${esc(ns.id)}</title><rect x="@x0" y="@y0" width="@w" height="${h}" rx="6" class="ns${ns.kind === 'sandbox' ? ' own' : ''}"/>`);
  body.push(`<text x="@x${PAD}" y="@y${TITLE_H - 6}" class="t">${esc(title)}</text>`);
  body.push(`<line x1="@x0" y1="@y${TITLE_H}" x2="@x@w" y2="@y${TITLE_H}" stroke="#8a9bb0" stroke-width="0.8"/>`);
  body.push(...rows, '</g>');
  return { ns, x: 0, y: 0, w, h, column, anchors, body };
}

/** From the side of one box that faces the other to the other's facing side; a loop on the right within a column. */
function curve(a: BoxGeometry, ya: number, b: BoxGeometry, yb: number): string {
  if (a.column === b.column && a !== b && Math.abs(a.x - b.x) < 1) {
    const xa = a.x + a.w;
    const xb = b.x + b.w;
    const bulge = 40 + Math.abs(yb - ya) * 0.08;
    return `M${r(xa)},${r(ya)} C${r(xa + bulge)},${r(ya)} ${r(xb + bulge)},${r(yb)} ${r(xb)},${r(yb)}`;
  }
  if (a === b) {
    const x = a.x + a.w;
    return `M${r(x)},${r(ya)} C${r(x + 40)},${r(ya)} ${r(x + 40)},${r(yb)} ${r(x)},${r(yb)}`;
  }
  const [l, yl, rt, yr] = a.x < b.x ? [a, ya, b, yb] : [b, yb, a, ya];
  const x1 = l.x + l.w;
  const x2 = rt.x;
  const dx = Math.max(30, (x2 - x1) / 2);
  return `M${r(x1)},${r(yl)} C${r(x1 + dx)},${r(yl)} ${r(x2 - dx)},${r(yr)} ${r(x2)},${r(yr)}`;
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function esc(text: string): string {
  // Control characters (allowed in interface names) are not XML: shown as ^X.
  const visible = text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => (c === '\x7f' ? '^?' : `^${String.fromCharCode(c.charCodeAt(0) + 64)}`));
  return visible.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Words joined by `sep` into lines of at most `width` characters. */
function wrapWords(words: string[], sep: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + sep.length + word.length <= width) lines[lines.length - 1] = last + sep + word;
    else lines.push(word);
  }
  return lines;
}
