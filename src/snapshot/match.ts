// Compares a stored snapshot body with this run's (normalized) output,
// honouring the `[..]` and `...` wildcards, and rewrites the output toward
// the snapshot: a diff of expected vs adjusted shows only real differences,
// and storing `adjusted` keeps the author's wildcards where they still match.
import { align } from './align.js';
import { hasWildcards, literalPattern } from './wildcard.js';

export { renderDiff, type DiffOptions } from './diff.js';
export { hasWildcards, literalPattern, LINE_WILDCARD, LINES_WILDCARD } from './wildcard.js';

export interface MatchResult {
  pass: boolean;
  /**
   * `actual` rewritten toward `expected`, as a pattern (a literal `...` or
   * `[..]` of the output escaped); equal to `expected` when pass is true.
   */
  adjusted: string;
}

export function matchOutput(expected: string, actual: string): MatchResult {
  if (!hasWildcards(expected)) return { pass: expected === actual, adjusted: literalPattern(actual) };
  const { pass, lines } = align(expected.split('\n'), actual.split('\n'));
  return { pass, adjusted: lines.join('\n') };
}
