// A readable unified diff of a stored snapshot against this run's output,
// optionally coloured (red -, green +, cyan @@) for terminals.
import { createRequire } from 'node:module';
import type * as Diff from 'diff';

/**
 * Performance: the diff library is loaded the first time a diff is shown.
 * Passing runs never need it, and its ESM build is some twenty modules that
 * were a noticeable part of learn's start-up (docs/performance.md).
 */
let structuredPatch: typeof Diff.structuredPatch | undefined;
const require = createRequire(import.meta.url);

export interface DiffOptions {
  color: boolean;
  expectedLabel?: string;
  actualLabel?: string;
  /** Unchanged lines around each change (default 3). */
  context?: number;
}

/** Past this many differing lines the Myers diff gives up and a plain replace is shown. */
const MAX_EDIT_LENGTH = 20_000;

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const CYAN = '\x1b[36m';
const RESET = '\x1b[0m';

/** '' when the texts are equal; otherwise a unified diff ending in a newline. */
export function renderDiff(expected: string, actual: string, options: DiffOptions): string {
  if (expected === actual) return '';
  const expectedLabel = options.expectedLabel ?? 'expected';
  const actualLabel = options.actualLabel ?? 'actual';
  const context = options.context ?? 3;
  const body = hunks(expected, actual, expectedLabel, actualLabel, context);
  const paint = (color: string, line: string): string => (options.color ? color + line + RESET : line);
  const out = [paint(RED, `--- ${expectedLabel}`), paint(GREEN, `+++ ${actualLabel}`)];
  for (const line of body) {
    if (line.startsWith('@@')) out.push(paint(CYAN, line));
    else if (line.startsWith('-')) out.push(paint(RED, line));
    else if (line.startsWith('+')) out.push(paint(GREEN, line));
    else out.push(line);
  }
  return out.join('\n') + '\n';
}

function hunks(expected: string, actual: string, expectedLabel: string, actualLabel: string, context: number): string[] {
  // A final newline on both sides keeps "\ No newline at end of file" out of the diff.
  structuredPatch ??= (require('diff') as typeof Diff).structuredPatch;
  const patch = structuredPatch(expectedLabel, actualLabel, expected + '\n', actual + '\n', undefined, undefined, {
    context,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (patch === undefined) return wholeReplacement(expected, actual);
  return patch.hunks.flatMap((hunk) => [
    `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`,
    ...hunk.lines,
  ]);
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function wholeReplacement(expected: string, actual: string): string[] {
  const oldLines = expected.split('\n');
  const newLines = actual.split('\n');
  return [
    `@@ -${range(1, oldLines.length)} +${range(1, newLines.length)} @@`,
    ...oldLines.map((line) => '-' + line),
    ...newLines.map((line) => '+' + line),
  ];
}
