// Text measuring for the learner's terminal: display width of a string
// (escape sequences take no room, CJK and emoji take two cells, combining
// marks none), and cutting or padding to a width. Pure.
import { stripEscapes } from './escapes.js';

/** Display width of one character, as `for...of` gives them (an empty string takes none). */
export function charWidth(char: string): number {
  const cp = char.codePointAt(0);
  return cp === undefined ? 0 : codePointWidth(cp);
}

/** Cells one code point takes in a terminal. */
export function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (isZeroWidth(cp)) return 0;
  return isWide(cp) ? 2 : 1;
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) // variation selectors
  );
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x1fa70 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Cells the text takes on screen. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of stripEscapes(text)) width += charWidth(char);
  return width;
}

/** Pad with spaces to `width` cells (never cuts). */
export function padEnd(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

export function padStart(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? ' '.repeat(missing) + text : text;
}

/**
 * Split plain text (no escapes) into pieces of at most `width` cells, for a
 * word longer than a line (a long URL). Never splits a character.
 */
export function chop(text: string, width: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width && current !== '') {
      pieces.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += w;
  }
  if (current !== '' || pieces.length === 0) pieces.push(current);
  return pieces;
}

/** Cut plain-or-styled text to `width` cells, ending with `…` when cut. Escapes are dropped when cutting. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const plain = stripEscapes(text);
  let out = '';
  let used = 0;
  for (const char of plain) {
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + '…';
}
