// The two hand-written wildcards of a snapshot and how one expected line
// matches one actual line: `[..]` matches any text within a line (possibly
// none); a line that is exactly `...` matches any number of lines. Any other
// text, placeholders like `[MAC]` included, is literal.
//
// Escapes, so that recorded output that itself contains a wildcard stays
// literal: a `[..]` with a `\` right before it is the literal text `[..]`
// (that one `\` is dropped), and a line of one or more `\` then `...` is
// the literal line with one `\` fewer. Recording (`literalPattern`) adds the
// `\`; every other backslash is literal as always.

export const LINE_WILDCARD = '[..]';
export const LINES_WILDCARD = '...';

export type LinePattern =
  | { kind: 'lines' }
  | { kind: 'literal'; text: string }
  | { kind: 'glob'; text: string; parts: string[] };

const ESCAPED_LINES = /^\\+\.\.\.$/;
const ALL_LINE_WILDCARDS = /\[\.\.\]/g;

/** True when `expected` holds a wildcard or an escape, so it cannot be compared as plain text. */
export function hasWildcards(expected: string): boolean {
  return expected.includes(LINE_WILDCARD) || expected.split('\n').some((line) => line === LINES_WILDCARD || ESCAPED_LINES.test(line));
}

/** The pattern that matches exactly `text` (lines joined with `\n`): what recording stores. */
export function literalPattern(text: string): string {
  if (!text.includes(LINE_WILDCARD) && !text.includes(LINES_WILDCARD)) return text;
  return text.split('\n').map(literalLine).join('\n');
}

/** The pattern line that matches exactly `line`. */
export function literalLine(line: string): string {
  if (line === LINES_WILDCARD || ESCAPED_LINES.test(line)) return '\\' + line;
  return line.replace(ALL_LINE_WILDCARDS, '\\' + LINE_WILDCARD);
}

export function compileLine(line: string): LinePattern {
  if (line === LINES_WILDCARD) return { kind: 'lines' };
  if (ESCAPED_LINES.test(line)) return { kind: 'literal', text: line.slice(1) };
  if (!line.includes(LINE_WILDCARD)) return { kind: 'literal', text: line };
  // Split at the wildcards; an escaped one joins its neighbours as literal text.
  const pieces = line.split(LINE_WILDCARD);
  const parts: string[] = [pieces[0] ?? ''];
  for (const piece of pieces.slice(1)) {
    const last = parts[parts.length - 1] ?? '';
    if (last.endsWith('\\')) parts[parts.length - 1] = last.slice(0, -1) + LINE_WILDCARD + piece;
    else parts.push(piece);
  }
  if (parts.length === 1) return { kind: 'literal', text: parts[0] ?? '' };
  return { kind: 'glob', text: line, parts };
}

/** Does `actual` (one line) match `pattern`? A `lines` pattern matches any single line. */
export function lineMatches(pattern: LinePattern, actual: string): boolean {
  switch (pattern.kind) {
    case 'lines':
      return true;
    case 'literal':
      return pattern.text === actual;
    case 'glob':
      return globMatches(pattern.parts, actual);
  }
}

// parts = the literal pieces between `[..]`s (at least two). The first must
// be a prefix, the last a suffix, the rest found in order in between; for a
// pattern whose only wildcard is "any text", the leftmost find is always right.
function globMatches(parts: string[], actual: string): boolean {
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (actual.length < first.length + last.length) return false;
  if (!actual.startsWith(first) || !actual.endsWith(last)) return false;
  const end = actual.length - last.length;
  let position = first.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const part = parts[index] ?? '';
    const found = actual.indexOf(part, position);
    if (found < 0 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}
