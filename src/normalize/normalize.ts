// Runs an ordered chain of rules over a step's output.
import type { NormalizeRule } from './rule.js';

/** Applies `rules` in order; each rule sees the previous rule's output. */
export function normalize(text: string, rules: readonly NormalizeRule[]): string {
  let out = text;
  for (const rule of rules) out = rule.apply(out);
  return out;
}
