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

/**
 * Names handed out so far. `claim(base)` gives the first of `base`,
 * `base-b`, `base-c`, ... not yet taken, and takes it. Each base remembers
 * where its search stopped (names are only ever added, so nothing before it
 * can become free): n identical bases cost O(n) probes, not O(n^2).
 */
export class NameClaims {
  private readonly taken = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();
  /** Set lookups made, for the test that naming stays linear. */
  probes = 0;

  constructor(initial: Iterable<string> = []) {
    for (const name of initial) this.taken.add(name);
  }

  has(name: string): boolean {
    this.probes += 1;
    return this.taken.has(name);
  }

  /** The first free name of `base`'s series, without taking it. */
  firstFree(base: string): string {
    let n = this.nextSuffix.get(base) ?? 1;
    let candidate = n === 1 ? base : `${base}-${collisionSuffix(n)}`;
    while (this.has(candidate)) {
      n += 1;
      candidate = `${base}-${collisionSuffix(n)}`;
    }
    this.nextSuffix.set(base, n);
    return candidate;
  }

  claim(base: string): string {
    const name = this.firstFree(base);
    this.taken.add(name);
    return name;
  }
}

/**
 * One unique key per section: index 0 is the part before the first heading
 * (`intro`), index i + 1 is heading i. Every heading takes a key, with or
 * without steps, so a key depends only on the headings above it.
 */
export function sectionKeys(headings: readonly string[], claims = new NameClaims()): string[] {
  const keys: string[] = [claims.claim(INTRO_SLUG)];
  for (const heading of headings) keys.push(claims.claim(slugify(heading) || EMPTY_SLUG));
  return keys;
}

/**
 * The name of every step: its `#name`, or `<section key>-<n>` where n counts
 * the unnamed steps of that section. An automatic name that equals a `#name`
 * becomes `<name>-b` (or `-c`, ...).
 */
export function assignStepNames(
  headings: readonly string[],
  steps: readonly NamingInput[],
  claims: { keys: NameClaims; explicit?: NameClaims } = { keys: new NameClaims() },
): string[] {
  const keys = sectionKeys(headings, claims.keys);
  // Automatic names avoid the explicit ones only (they cannot collide among
  // themselves: section keys are unique and the ordinals count up).
  const explicit = claims.explicit ?? new NameClaims(steps.flatMap((step) => (step.explicitName === undefined ? [] : [step.explicitName])));
  const unnamedCounts = new Map<number, number>();
  return steps.map((step) => {
    if (step.explicitName !== undefined) return step.explicitName;
    const ordinal = (unnamedCounts.get(step.headingIndex) ?? 0) + 1;
    unnamedCounts.set(step.headingIndex, ordinal);
    return explicit.firstFree(`${keys[step.headingIndex + 1]}-${ordinal}`);
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
