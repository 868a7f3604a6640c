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

/**
 * An interrupted step's output matches with its ^C echo elsewhere: the same
 * number of `^C`, and a match with the last one taken out of both. The
 * kernel signals the program before it echoes `^C`, so a program that
 * prints at once may print before the echo or after it: the same run, two
 * screens. Only the echo's place is free; the stored body keeps it.
 */
export function matchesWithInterruptEchoMoved(expected: string, actual: string): boolean {
  const echoes = (text: string): number => text.split('^C').length - 1;
  if (echoes(expected) === 0 || echoes(expected) !== echoes(actual)) return false;
  return matchOutput(withoutLastEcho(expected), withoutLastEcho(actual)).pass;
}

function withoutLastEcho(text: string): string {
  const at = text.lastIndexOf('^C');
  return text.slice(0, at) + text.slice(at + 2);
}
