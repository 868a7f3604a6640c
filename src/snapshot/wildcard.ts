// The two hand-written wildcards of a snapshot and how one expected line
// matches one actual line: `[..]` matches any text within a line (possibly
// none); a line that is exactly `...` matches any number of lines. Any other
// text, placeholders like `[MAC]` included, is literal.

export const LINE_WILDCARD = '[..]';
export const LINES_WILDCARD = '...';

export type LinePattern =
  | { kind: 'lines' }
  | { kind: 'literal'; text: string }
  | { kind: 'glob'; text: string; parts: string[] };

export function hasWildcards(expected: string): boolean {
  return expected.includes(LINE_WILDCARD) || expected.split('\n').includes(LINES_WILDCARD);
}

export function compileLine(line: string): LinePattern {
  if (line === LINES_WILDCARD) return { kind: 'lines' };
  if (!line.includes(LINE_WILDCARD)) return { kind: 'literal', text: line };
  return { kind: 'glob', text: line, parts: line.split(LINE_WILDCARD) };
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
