// What makes a lesson's `normalize:` rule usable, checked by the lesson
// parser at the rule's line (so `learn list` and `learn doctor` see it too)
// and again when rules are compiled. No I/O. The lesson types take the
// rule's shape from here, so normalize/ never imports lesson/.
import { isPlaceholderName } from './rule.js';

/** The parts of a rule that are checked. */
export interface RuleSpecParts {
  pattern: RegExp;
  replace: string;
}

/** A front matter `normalize:` rule as the lesson parser reads it. */
export interface NormalizeRuleSpec extends RuleSpecParts {
  /** Line of the rule in the front matter. */
  line: number;
}

const BRACKETED = /\[([^\[\]\n]*)\]/g;
const NAME_LIKE = /^[A-Za-z_][\w-]*$/;

/**
 * Why `spec` cannot be used, or undefined when it is fine. For the lesson
 * parser, which reports the message at `spec.line`.
 */
export function validateRuleSpec(spec: RuleSpecParts): string | undefined {
  if (new RegExp(spec.pattern.source, withoutFlags(spec.pattern.flags, 'gy')).test('')) {
    return `normalize pattern /${spec.pattern.source}/ matches empty text`;
  }
  for (const [, inner = ''] of spec.replace.matchAll(BRACKETED)) {
    if (inner === '..') return 'normalize replacement must not contain the wildcard [..]';
    if (NAME_LIKE.test(inner) && !isPlaceholderName(inner)) {
      return `invalid placeholder [${inner}] in normalize replacement: use upper-case letters, digits and _ (e.g. [${inner.toUpperCase().replace(/-/g, '_')}])`;
    }
  }
  if (spec.replace.split('\n').includes('...')) {
    return 'normalize replacement must not produce the wildcard line ...';
  }
  return undefined;
}

export function withoutFlags(flags: string, drop: string): string {
  return [...flags].filter((flag) => !drop.includes(flag)).join('');
}
