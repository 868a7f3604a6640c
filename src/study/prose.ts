// A lesson's prose for the terminal, from the markdown-it token stream:
// headings, paragraphs with emphasis, inline code and links (text plus URL),
// lists, block quotes, tables, rules, and text fences shown as they are,
// wrapped to a width. Pure: tokens in, text out; styling goes through a
// ProseStyle so the same code renders colours, plain text or test markup.
//
// A prose run may be part of a container cut by a step (a fence inside a
// list item or a block quote): the containers a run closes without opening
// are reopened first (a list item as a continuation, without its marker),
// and openers without their closer end with the run.
import Token from 'markdown-it/lib/token.mjs';
import { chop, displayWidth } from '../text/width.js';
import { stripEscapes } from '../text/escapes.js';
import { isCjk, splitAtBreaks } from './cjk-breaks.js';

/** Inline marks: they nest and combine. */
export type Mark = 'strong' | 'em' | 'strike' | 'code' | 'link' | 'url';
/** Block decorations: one per piece of text. */
export type BlockMark = 'heading1' | 'heading2' | 'heading' | 'rule' | 'quote' | 'bullet' | 'fence' | 'table';

export interface ProseStyle {
  /** True when marks are visible (colours); without them, inline code keeps its backticks. */
  readonly visible: boolean;
  inline(text: string, marks: readonly Mark[]): string;
  block(text: string, mark: BlockMark): string;
}

export interface ProseOptions {
  /** Cells per line; fences and diagrams are never wrapped. */
  width: number;
  style: ProseStyle;
}

/** Narrowest width the renderer works at; anything smaller is raised to it. */
export const MIN_PROSE_WIDTH = 20;

const SGR: Record<Mark | BlockMark, [string, string]> = {
  strong: ['1', '22'],
  em: ['3', '23'],
  strike: ['9', '29'],
  code: ['36', '39'],
  link: ['4', '24'],
  url: ['2', '22'],
  heading1: ['1;36', '22;39'],
  heading2: ['1;36', '22;39'],
  heading: ['1', '22'],
  rule: ['2', '22'],
  quote: ['2', '22'],
  bullet: ['36', '39'],
  fence: ['', ''],
  table: ['2', '22'],
};

/** Colours and emphasis as terminal escapes, or plain text when disabled. */
export function ansiProseStyle(enabled: boolean): ProseStyle {
  const paint = (text: string, codes: Array<[string, string]>): string => {
    const used = codes.filter(([open]) => open !== '');
    if (!enabled || used.length === 0 || text === '') return text;
    return used.map(([open]) => `\x1b[${open}m`).join('') + text + used.reverse().map(([, close]) => `\x1b[${close}m`).join('');
  };
  return {
    visible: enabled,
    inline: (text, marks) => paint(text, marks.map((m) => SGR[m])),
    block: (text, mark) => paint(text, [SGR[mark]]),
  };
}

export function renderProse(tokens: readonly Token[], options: ProseOptions): string {
  const renderer = new BlockRenderer(reopenContainers(tokens), options.style);
  return renderer.document(Math.max(MIN_PROSE_WIDTH, options.width)).join('\n');
}

/** Marks a list item reopened for a run that continues it: no marker. */
const CONTINUED = 'learn-continued';

/** Openers for the containers the run closes but did not open, outermost first. */
export function reopenContainers(tokens: readonly Token[]): readonly Token[] {
  const unmatched: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.nesting === 1) depth++;
    else if (token.nesting === -1) {
      if (depth > 0) depth--;
      else unmatched.push(token);
    }
  }
  if (unmatched.length === 0) return tokens;
  const openers = unmatched.reverse().map((closer) => {
    const opener = new Token(closer.type.replace(/_close$/, '_open'), closer.tag, 1);
    opener.markup = closer.markup;
    if (opener.type === 'list_item_open') opener.meta = CONTINUED;
    return opener;
  });
  return [...openers, ...tokens];
}

// ---- inline: tokens -> words -> wrapped lines --------------------------

interface Piece {
  text: string;
  marks: Mark[];
  /** On a word's first piece: the word follows the one before without a space (CJK text). */
  glue?: boolean;
}

/** A run of pieces with no space inside; or a hard line break. */
type Word = Piece[] | 'break';

function inlineWords(children: readonly Token[], style: ProseStyle): Word[] {
  const words: Word[] = [];
  let word: Piece[] = [];
  const marks: Mark[] = [];
  const links: string[] = [];
  // The last character of the word being built, and, after a soft line
  // break, the character before it: a line end between two CJK characters
  // joins them without a space.
  let last = '';
  let beforeSoftBreak = '';
  const endWord = (): void => {
    if (word.length > 0) words.push(word);
    word = [];
    last = '';
  };
  const addText = (text: string, extra: Mark[] = []): void => {
    for (const part of text.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        endWord();
        beforeSoftBreak = '';
        continue;
      }
      for (const chunk of splitAtBreaks(last, part)) {
        if (chunk.breakBefore) endWord();
        const piece: Piece = { text: chunk.text, marks: [...marks, ...extra] };
        if (chunk.breakBefore || (word.length === 0 && beforeSoftBreak !== '' && isCjk(beforeSoftBreak) && isCjk(chunk.text))) piece.glue = true;
        word.push(piece);
        beforeSoftBreak = '';
        last = [...chunk.text].pop() ?? last;
      }
    }
  };
  const addUrl = (url: string): void => {
    endWord();
    word.push({ text: `(${url})`, marks: ['url'] });
  };
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    switch (child.type) {
      case 'text':
        addText(child.content);
        break;
      case 'code_inline': {
        const text = style.visible ? child.content : `\`${child.content}\``;
        addText(text, ['code']);
        break;
      }
      case 'softbreak': {
        const before = last;
        endWord();
        beforeSoftBreak = before;
        break;
      }
      case 'hardbreak':
        endWord();
        words.push('break');
        break;
      case 'strong_open':
        marks.push('strong');
        break;
      case 'em_open':
        marks.push('em');
        break;
      case 's_open':
        marks.push('strike');
        break;
      case 'link_open':
        marks.push('link');
        links.push(child.attrGet('href') ?? '');
        break;
      case 'strong_close':
      case 'em_close':
      case 's_close':
        popMark(marks, child.type === 'strong_close' ? 'strong' : child.type === 'em_close' ? 'em' : 'strike');
        break;
      case 'link_close': {
        popMark(marks, 'link');
        const href = links.pop() ?? '';
        const text = linkText(children, i);
        if (href !== '' && href !== text && href !== `mailto:${text}`) addUrl(href);
        break;
      }
      case 'image': {
        const alt = child.children && child.children.length > 0 ? plainInline(child.children) : child.content;
        addText(`[image${alt ? `: ${alt}` : ''}]`);
        const src = child.attrGet('src');
        if (src) addUrl(src);
        break;
      }
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(child.content)) {
          endWord();
          words.push('break');
        }
        break;
      default:
        if (child.content) addText(child.content);
    }
  }
  endWord();
  return words;
}

function popMark(marks: Mark[], mark: Mark): void {
  const at = marks.lastIndexOf(mark);
  if (at !== -1) marks.splice(at, 1);
}

/** The plain text of the link that closes at `closeIndex`. */
function linkText(children: readonly Token[], closeIndex: number): string {
  let depth = 0;
  let text = '';
  for (let i = closeIndex - 1; i >= 0; i--) {
    const child = children[i]!;
    if (child.type === 'link_close') depth++;
    else if (child.type === 'link_open') {
      if (depth === 0) break;
      depth--;
    } else text = child.content + text;
  }
  return text;
}

function plainInline(children: readonly Token[]): string {
  return children.map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content)).join('');
}

function wordWidth(word: Piece[]): number {
  return word.reduce((sum, piece) => sum + displayWidth(piece.text), 0);
}

/** A word wider than a line is cut into line-sized words. */
function splitLongWord(word: Piece[], width: number): Piece[][] {
  const plain = word.map((p) => p.text).join('');
  if (displayWidth(plain) <= width) return [word];
  const out: Piece[][] = [];
  for (const piece of word) {
    for (const chunk of chop(piece.text, width)) out.push([{ text: chunk, marks: piece.marks }]);
  }
  // Re-pack chunks so that each line is as full as it can be.
  const packed: Piece[][] = [];
  let current: Piece[] = [];
  let used = 0;
  for (const [piece] of out) {
    const w = displayWidth(piece!.text);
    if (used + w > width && current.length > 0) {
      packed.push(current);
      current = [];
      used = 0;
    }
    current.push(piece!);
    used += w;
  }
  if (current.length > 0) packed.push(current);
  return packed;
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** Greedy wrap; a line never starts with a space. Returns styled lines. */
export function wrapWords(words: readonly Word[], width: number, style: ProseStyle): string[] {
  const lines: Piece[][][] = [[]];
  let used = 0;
  for (const word of words) {
    if (word === 'break') {
      lines.push([]);
      used = 0;
      continue;
    }
    for (const part of splitLongWord(word, width)) {
      const line = lines[lines.length - 1]!;
      const w = wordWidth(part);
      const gap = line.length > 0 && !part[0]!.glue ? 1 : 0;
      if (line.length > 0 && used + gap + w > width) {
        lines.push([part]);
        used = w;
      } else {
        used += gap + w;
        line.push(part);
      }
    }
  }
  return lines.map((line) => paintLine(line, style));
}

function paintLine(words: Piece[][], style: ProseStyle): string {
  const runs: Piece[] = [];
  const push = (piece: Piece): void => {
    const last = runs[runs.length - 1];
    if (last && sameMarks(last.marks, piece.marks)) last.text += piece.text;
    else runs.push({ text: piece.text, marks: [...piece.marks] });
  };
  words.forEach((word, i) => {
    if (i > 0 && !word[0]!.glue) {
      const before = words[i - 1]![words[i - 1]!.length - 1]!.marks;
      const after = word[0]!.marks;
      push({ text: ' ', marks: sameMarks(before, after) ? before : [] });
    }
    word.forEach(push);
  });
  return runs.map((run) => (run.marks.length > 0 ? style.inline(run.text, run.marks) : run.text)).join('');
}

// ---- blocks -------------------------------------------------------------

const BULLETS = ['•', '◦', '▪'];

interface Block {
  lines: string[];
  /** No blank line between this block and the one before (tight lists). */
  tight: boolean;
}

class BlockRenderer {
  private i = 0;
  private listDepth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly style: ProseStyle,
  ) {}

  document(width: number): string[] {
    return this.blocks(width, undefined);
  }

  /** Blocks up to the token `close` (consumed) or the end of the run. */
  private blocks(width: number, close: string | undefined): string[] {
    const out: string[] = [];
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!;
      if (close !== undefined && token.type === close) {
        this.i++;
        break;
      }
      const block = this.block(width);
      if (!block || block.lines.length === 0) continue;
      if (out.length > 0 && !block.tight) out.push('');
      out.push(...block.lines);
    }
    return out;
  }

  private block(width: number): Block | undefined {
    const token = this.tokens[this.i]!;
    switch (token.type) {
      case 'heading_open':
        return this.heading(width);
      case 'paragraph_open':
        return this.paragraph(width);
      case 'bullet_list_open':
      case 'ordered_list_open':
        return this.list(width);
      case 'list_item_open':
        // An item whose list opened in an earlier run (the list was cut by a step).
        return this.looseItems(width);
      case 'blockquote_open':
        return this.blockquote(width);
      case 'fence':
      case 'code_block':
        this.i++;
        return { lines: this.fence(token.content), tight: false };
      case 'hr':
        this.i++;
        return { lines: [this.style.block('─'.repeat(Math.min(width, 60)), 'rule')], tight: false };
      case 'html_block':
        this.i++;
        return this.htmlBlock(token.content, width);
      case 'table_open':
        return this.table(width);
      case 'inline':
        this.i++;
        return { lines: wrapWords(inlineWords(token.children ?? [], this.style), width, this.style), tight: false };
      default:
        // Closers of containers opened in an earlier run, and anything unknown.
        this.i++;
        return undefined;
    }
  }

  private inlineAt(): Token[] {
    const token = this.tokens[this.i];
    if (token?.type !== 'inline') return [];
    this.i++;
    return token.children ?? [];
  }

  private skipIf(type: string): void {
    if (this.tokens[this.i]?.type === type) this.i++;
  }

  private heading(width: number): Block {
    const level = Number(this.tokens[this.i]!.tag.slice(1)) || 1;
    this.i++;
    const lines = wrapWords(inlineWords(this.inlineAt(), this.style), width, this.style);
    this.skipIf('heading_close');
    const mark: BlockMark = level === 1 ? 'heading1' : level === 2 ? 'heading2' : 'heading';
    const out = lines.map((line) => this.style.block(line, mark));
    if (level <= 2 || !this.style.visible) {
      const underline = level === 1 ? '═' : level === 2 ? '─' : '┄';
      const longest = Math.max(...lines.map((l) => displayWidth(l)));
      out.push(this.style.block(underline.repeat(Math.min(width, longest)), 'rule'));
    }
    return { lines: out, tight: false };
  }

  private paragraph(width: number): Block {
    const hidden = this.tokens[this.i]!.hidden;
    this.i++;
    const lines = wrapWords(inlineWords(this.inlineAt(), this.style), width, this.style);
    this.skipIf('paragraph_close');
    return { lines, tight: hidden };
  }

  private list(width: number): Block {
    const open = this.tokens[this.i]!;
    const ordered = open.type === 'ordered_list_open';
    const closeType = ordered ? 'ordered_list_close' : 'bullet_list_close';
    const start = Number(open.attrGet('start') ?? '1');
    this.i++;
    const items = this.items(width, closeType, ordered, start);
    return { lines: items.lines, tight: this.listDepth > 0 && items.tight };
  }

  private looseItems(width: number): Block {
    const first = this.tokens[this.i]!;
    const ordered = first.markup === '.' || first.markup === ')';
    const items = this.items(width, ordered ? 'ordered_list_close' : 'bullet_list_close', ordered, Number(first.info) || 1);
    return { lines: items.lines, tight: false };
  }

  /** List items up to `closeType` (or the end of the run). */
  private items(width: number, closeType: string, ordered: boolean, start: number): { lines: string[]; tight: boolean } {
    const depth = this.listDepth;
    const rendered: Array<{ marker: string; body: string[]; hidden: boolean }> = [];
    let number = start;
    this.listDepth++;
    // Markers first, so content can be wrapped to the width left beside the widest one.
    const markers: string[] = [];
    for (let j = this.i, n = start, level = 0; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (level === 0 && t.type === closeType) break;
      if (t.type === 'list_item_open' && level === 0 && t.meta !== CONTINUED) {
        markers.push(ordered ? `${t.info || n}${t.markup || '.'}` : BULLETS[depth % BULLETS.length]!);
        n = (Number(t.info) || n) + 1;
      }
      if (t.nesting === 1) level++;
      else if (t.nesting === -1) {
        if (level === 0) break;
        level--;
      }
    }
    const markerWidth = Math.max(1, ...markers.map((m) => displayWidth(m)));
    const inner = Math.max(MIN_PROSE_WIDTH / 2, width - markerWidth - 1);
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!;
      if (token.type === closeType) {
        this.i++;
        break;
      }
      if (token.type !== 'list_item_open') {
        if (token.nesting === -1) break; // the container around the list closes: the list was cut
        const stray = this.block(inner);
        if (stray && stray.lines.length > 0) rendered.push({ marker: '', body: stray.lines, hidden: stray.tight });
        continue;
      }
      const continued = token.meta === CONTINUED;
      const marker = continued ? '' : ordered ? `${token.info || number}${token.markup || '.'}` : BULLETS[depth % BULLETS.length]!;
      if (!continued) number = (Number(token.info) || number) + 1;
      this.i++;
      const hidden = this.tokens[this.i]?.type === 'paragraph_open' ? this.tokens[this.i]!.hidden : true;
      const body = this.blocks(inner, 'list_item_close');
      if (continued && body.length === 0) continue;
      rendered.push({ marker, body, hidden });
    }
    this.listDepth--;
    const tight = rendered.every((item) => item.hidden);
    const lines: string[] = [];
    for (const item of rendered) {
      if (lines.length > 0 && !tight) lines.push('');
      const pad = ' '.repeat(markerWidth + 1);
      const head = item.marker === ''
        ? pad
        : this.style.block(ordered ? item.marker.padStart(markerWidth) : item.marker.padEnd(markerWidth), 'bullet') + ' ';
      const body = item.body.length > 0 ? item.body : [''];
      body.forEach((line, k) => lines.push(line === '' ? '' : (k === 0 ? head : pad) + line));
    }
    return { lines, tight };
  }

  private blockquote(width: number): Block {
    this.i++;
    const body = this.blocks(Math.max(MIN_PROSE_WIDTH / 2, width - 2), 'blockquote_close');
    const bar = this.style.block('│', 'quote');
    return { lines: body.map((line) => (line === '' ? bar : `${bar} ${line}`)), tight: false };
  }

  /** Text fences and indented code: exactly as written, indented, never wrapped. */
  private fence(content: string): string[] {
    const lines = content.replace(/\n$/, '').split('\n');
    return lines.map((line) => {
      const text = line.replace(/\t/g, '    ').replace(/\s+$/, '');
      return text === '' ? '' : '  ' + this.style.block(text, 'fence');
    });
  }

  /** Raw HTML: comments dropped, tags removed, the text kept as a paragraph. */
  private htmlBlock(content: string, width: number): Block | undefined {
    const text = content.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    if (text === '') return undefined;
    const words: Word[] = text.split(' ').map((w) => [{ text: decodeEntities(w), marks: [] }]);
    return { lines: wrapWords(words, width, this.style), tight: false };
  }

  private table(width: number): Block {
    this.i++;
    const rows: Array<{ header: boolean; cells: Word[][] }> = [];
    const aligns: Array<'left' | 'right' | 'center'> = [];
    let header = false;
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!;
      this.i++;
      if (token.type === 'table_close') break;
      if (token.type === 'thead_open') header = true;
      else if (token.type === 'thead_close') header = false;
      else if (token.type === 'tr_open') rows.push({ header, cells: [] });
      else if (token.type === 'th_open' || token.type === 'td_open') {
        const column = rows[rows.length - 1]!.cells.length;
        const align = /text-align:(left|right|center)/.exec(token.attrGet('style') ?? '')?.[1] as 'left' | 'right' | 'center' | undefined;
        if (aligns[column] === undefined) aligns[column] = align ?? 'left';
        rows[rows.length - 1]!.cells.push(inlineWords(this.inlineAt(), this.style));
      }
    }
    return { lines: this.tableLines(rows, aligns, width), tight: false };
  }

  private tableLines(rows: Array<{ header: boolean; cells: Word[][] }>, aligns: Array<'left' | 'right' | 'center'>, width: number): string[] {
    const columns = Math.max(0, ...rows.map((r) => r.cells.length));
    const painted = rows.map((row) => ({
      header: row.header,
      cells: Array.from({ length: columns }, (_, c) => oneLine(row.cells[c] ?? [], this.style)),
    }));
    const widths = Array.from({ length: columns }, (_, c) => Math.max(1, ...painted.map((r) => displayWidth(r.cells[c]!))));
    const total = widths.reduce((a, b) => a + b, 0) + 3 * Math.max(0, columns - 1);
    const sep = this.style.block(' │ ', 'table');
    if (total <= width) {
      const lines: string[] = [];
      for (const row of painted) {
        const cells = row.cells.map((cell, c) => align(row.header ? this.style.inline(stripEscapes(cell), ['strong']) : cell, widths[c]!, aligns[c] ?? 'left'));
        lines.push(cells.join(sep).trimEnd());
        if (row.header) lines.push(this.style.block(widths.map((w) => '─'.repeat(w)).join('─┼─'), 'table'));
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
        const wrapped = wrapWords(words, Math.max(MIN_PROSE_WIDTH / 2, width - 2), this.style);
        wrapped.forEach((line, k) => lines.push((k === 0 && c === 0 ? this.style.block('▪', 'bullet') + ' ' : '  ') + line));
      });
    }
    return lines;
  }
}

function oneLine(words: readonly Word[], style: ProseStyle): string {
  return wrapWords(words.filter((w) => w !== 'break'), Number.MAX_SAFE_INTEGER, style)[0] ?? '';
}

function align(text: string, width: number, how: 'left' | 'right' | 'center'): string {
  const missing = Math.max(0, width - displayWidth(text));
  if (how === 'right') return ' '.repeat(missing) + text;
  if (how === 'center') return ' '.repeat(Math.floor(missing / 2)) + text + ' '.repeat(Math.ceil(missing / 2));
  return text + ' '.repeat(missing);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const PLAIN: ProseStyle = { visible: false, inline: (t) => t, block: (t) => t };

/** Plain text wrapped to `width`, at white space and where CJK text may break. */
export function wrapPlain(text: string, width: number): string[] {
  const words: Word[] = text.split(/\s+/).filter(Boolean).flatMap((w) =>
    splitAtBreaks('', w).map((chunk, i): Piece[] => [i > 0 ? { text: chunk.text, marks: [], glue: true } : { text: chunk.text, marks: [] }]),
  );
  return wrapWords(words, Math.max(MIN_PROSE_WIDTH / 2, width), PLAIN);
}
