// Step names: automatic names for unnamed steps (stable when steps change in
// other sections) and the check that explicit names are unique.
import { problem, type Problem } from './problem.js';

/** What naming needs to know about a step. */
export interface NamingInput {
  /** Index into the lesson's headings; -1 before the first heading. */
  headingIndex: number;
  /** `#name` when given. */
  explicitName?: string;
}

const INTRO_SLUG = 'intro';
const EMPTY_SLUG = 'section';
const MAX_SLUG_LENGTH = 40;

/** `Create a Bridge!` -> `create-a-bridge` (at most 40 characters). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}

/** `b`, `c`, ... `z`, `aa`, `ab`, ...: the suffix for the n-th use (n >= 2). */
export function collisionSuffix(n: number): string {
  let suffix = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    suffix = String.fromCharCode(97 + ((rest - 1) % 26)) + suffix;
  }
  return suffix;
}

/** The first of `base`, `base-b`, `base-c`, ... that `taken` does not hold. */
function firstFree(base: string, taken: ReadonlySet<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}-${collisionSuffix(n)}`;
  return candidate;
}

/**
 * One unique key per section: index 0 is the part before the first heading
 * (`intro`), index i + 1 is heading i. Every heading takes a key, with or
 * without steps, so a key depends only on the headings above it.
 */
export function sectionKeys(headings: readonly string[]): string[] {
  const keys: string[] = [INTRO_SLUG];
  const taken = new Set(keys);
  for (const heading of headings) {
    const key = firstFree(slugify(heading) || EMPTY_SLUG, taken);
    taken.add(key);
    keys.push(key);
  }
  return keys;
}

/**
 * The name of every step: its `#name`, or `<section key>-<n>` where n counts
 * the unnamed steps of that section. An automatic name that equals a `#name`
 * becomes `<name>-b` (or `-c`, ...).
 */
export function assignStepNames(headings: readonly string[], steps: readonly NamingInput[]): string[] {
  const keys = sectionKeys(headings);
  const explicit = new Set(steps.flatMap((step) => (step.explicitName === undefined ? [] : [step.explicitName])));
  const unnamedCounts = new Map<number, number>();
  return steps.map((step) => {
    if (step.explicitName !== undefined) return step.explicitName;
    const ordinal = (unnamedCounts.get(step.headingIndex) ?? 0) + 1;
    unnamedCounts.set(step.headingIndex, ordinal);
    return firstFree(`${keys[step.headingIndex + 1]}-${ordinal}`, explicit);
  });
}

/** One problem per repeated `#name`, at the repeat, naming the first use. */
export function duplicateNameProblems(steps: readonly { name: string; explicitName: boolean; line: number }[]): Problem[] {
  const firstLine = new Map<string, number>();
  const problems: Problem[] = [];
  for (const step of steps) {
    if (!step.explicitName) continue;
    const first = firstLine.get(step.name);
    if (first === undefined) firstLine.set(step.name, step.line);
    else problems.push(problem(step.line, `step name \`#${step.name}\` is used twice: line ${first} and line ${step.line}`));
  }
  return problems;
}
