// Aligns expected lines (with wildcards) to actual lines and rewrites the
// actual output toward the expected one.
//
// Small problems get a minimal-edit alignment by dynamic programming over
// lines. Costs, compared lexicographically: first the number of mismatches
// (an expected line missing, an actual line extra, or one replaced by the
// other, each 1), then the number of lines absorbed by `...`. The second
// term keeps `...` from swallowing lines that a failure should show.
// Past maxCells (expected x actual lines) a greedy walk keeps it linear-ish.
import { compileLine, lineMatches, literalLine, LINES_WILDCARD, type LinePattern } from './wildcard.js';

/** Above this many DP cells the greedy walk is used (the DP table takes 8 bytes a cell). */
export const MAX_CELLS = 2_000_000;

export interface Alignment {
  /** True when every expected line matched and every actual line was matched or absorbed by `...`. */
  pass: boolean;
  /** Matched lines as the expected text, `...` once per ellipsis, unmatched actual lines as literal patterns. */
  lines: string[];
}

export function align(expectedLines: string[], actualLines: string[], maxCells = MAX_CELLS): Alignment {
  const patterns = expectedLines.map(compileLine);
  // The matching head and tail: pairing them is always part of a best alignment.
  let head = 0;
  while (head < patterns.length && head < actualLines.length && isAnchoredMatch(patterns[head], actualLines[head])) head++;
  let tail = 0;
  while (
    tail < patterns.length - head &&
    tail < actualLines.length - head &&
    isAnchoredMatch(patterns[patterns.length - 1 - tail], actualLines[actualLines.length - 1 - tail])
  ) tail++;

  const middle = {
    patterns: patterns.slice(head, patterns.length - tail),
    texts: expectedLines.slice(head, expectedLines.length - tail),
    actual: actualLines.slice(head, actualLines.length - tail),
  };
  const cells = (middle.patterns.length + 1) * (middle.actual.length + 1);
  const aligned = cells <= maxCells
    ? alignByCost(middle.patterns, middle.texts, middle.actual)
    : alignGreedily(middle.patterns, middle.texts, middle.actual);
  return {
    pass: aligned.pass,
    lines: [...expectedLines.slice(0, head), ...aligned.lines, ...expectedLines.slice(expectedLines.length - tail)],
  };
}

function isAnchoredMatch(pattern: LinePattern | undefined, actual: string | undefined): boolean {
  return pattern !== undefined && actual !== undefined && pattern.kind !== 'lines' && lineMatches(pattern, actual);
}

function alignByCost(patterns: LinePattern[], texts: string[], actual: string[]): Alignment {
  const rows = patterns.length;
  const cols = actual.length;
  const width = cols + 1;
  // One mismatch outweighs absorbing every actual line.
  const MISMATCH = cols + 1;
  // cost[i * width + j]: best cost aligning patterns[i..] with actual[j..]
  const cost = new Float64Array((rows + 1) * width);
  const at = (i: number, j: number): number => cost[i * width + j] as number;
  for (let j = cols; j >= 0; j--) cost[rows * width + j] = (cols - j) * MISMATCH;
  for (let i = rows - 1; i >= 0; i--) {
    const pattern = patterns[i] as LinePattern;
    const ellipsis = pattern.kind === 'lines';
    cost[i * width + cols] = (ellipsis ? 0 : MISMATCH) + at(i + 1, cols);
    for (let j = cols - 1; j >= 0; j--) {
      if (ellipsis) {
        cost[i * width + j] = Math.min(at(i + 1, j), 1 + at(i, j + 1));
        continue;
      }
      const paired = lineMatches(pattern, actual[j] as string) ? at(i + 1, j + 1) : MISMATCH + at(i + 1, j + 1);
      cost[i * width + j] = Math.min(paired, MISMATCH + at(i + 1, j), MISMATCH + at(i, j + 1));
    }
  }

  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < rows) {
    const pattern = patterns[i] as LinePattern;
    const here = at(i, j);
    if (pattern.kind === 'lines') {
      if (j < cols && here !== at(i + 1, j)) {
        j++; // absorbed
      } else {
        lines.push(LINES_WILDCARD);
        i++;
      }
    } else if (j < cols && lineMatches(pattern, actual[j] as string) && here === at(i + 1, j + 1)) {
      lines.push(texts[i] as string);
      i++;
      j++;
    } else if (j < cols && here === MISMATCH + at(i + 1, j + 1)) {
      lines.push(literalLine(actual[j] as string)); // replaced
      i++;
      j++;
    } else if (j === cols || here === MISMATCH + at(i + 1, j)) {
      i++; // missing from the output
    } else {
      lines.push(literalLine(actual[j] as string)); // extra in the output
      j++;
    }
  }
  lines.push(...actual.slice(j).map(literalLine));
  return { pass: at(0, 0) < MISMATCH, lines };
}

function alignGreedily(patterns: LinePattern[], texts: string[], actual: string[]): Alignment {
  const lines: string[] = [];
  let pass = true;
  let i = 0;
  let j = 0;
  while (i < patterns.length) {
    const pattern = patterns[i] as LinePattern;
    if (pattern.kind === 'lines') {
      // Absorb up to the first line the next non-`...` pattern matches.
      let anchor = i;
      while (patterns[anchor]?.kind === 'lines') {
        lines.push(LINES_WILDCARD);
        anchor++;
      }
      const next = patterns[anchor];
      if (next === undefined) {
        j = actual.length;
      } else {
        let found = j;
        while (found < actual.length && !lineMatches(next, actual[found] as string)) found++;
        if (found < actual.length) j = found;
      }
      i = anchor;
    } else if (j < actual.length) {
      const matched = lineMatches(pattern, actual[j] as string);
      lines.push(matched ? (texts[i] as string) : literalLine(actual[j] as string));
      pass &&= matched;
      i++;
      j++;
    } else {
      pass = false;
      i++;
    }
  }
  if (j < actual.length) pass = false;
  lines.push(...actual.slice(j).map(literalLine));
  return { pass, lines };
}
