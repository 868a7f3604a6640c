// Rules a lesson adds in its front matter (`normalize:` pattern/replace),
// checked and compiled once, run after the built-in rules.
import type { NormalizeRuleSpec } from '../lesson/types.js';
import { defineRule, isPlaceholderName, type NormalizeRule } from './rule.js';
import { BUILTIN_RULES } from './builtin.js';
import { guardedReplace, PatternTimeoutError } from '../lesson/regexp-guard.js';

const BRACKETED = /\[([^\[\]\n]*)\]/g;
const NAME_LIKE = /^[A-Za-z_][\w-]*$/;

/**
 * Why `spec` cannot be used, or undefined when it is fine. For the lesson
 * parser, which reports the message at `spec.line`.
 */
export function validateRuleSpec(spec: NormalizeRuleSpec): string | undefined {
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

/** A front matter rule that validateRuleSpec rejects; `line` is the rule's line in the lesson. */
export class LessonRuleError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`front matter line ${line}: ${problem}`);
    this.name = 'LessonRuleError';
  }
}

/**
 * Compiles the lesson's rules. Throws LessonRuleError on a spec that
 * validateRuleSpec rejects. A rule runs in a worker with a deadline
 * (regexp-guard.ts): one that runs out of time throws LessonRuleError too.
 */
export function lessonRules(specs: NormalizeRuleSpec[]): NormalizeRule[] {
  return specs.map((spec) => {
    const problem = validateRuleSpec(spec);
    if (problem !== undefined) throw new LessonRuleError(spec.line, problem);
    const pattern = new RegExp(spec.pattern.source, withoutFlags(spec.pattern.flags, 'gy') + 'g');
    return defineRule({
      name: `lesson-line-${spec.line}`,
      description: `/${spec.pattern.source}/${spec.pattern.flags} -> ${spec.replace}`,
      apply: (text) => {
        try {
          return guardedReplace(pattern, text, spec.replace);
        } catch (error) {
          if (error instanceof PatternTimeoutError) throw new LessonRuleError(spec.line, `normalize rule: ${error.message}`);
          throw error;
        }
      },
    });
  });
}

/** The complete chain for a lesson: the built-in rules, then the lesson's own. */
export function rulesForLesson(specs: NormalizeRuleSpec[]): NormalizeRule[] {
  return [...BUILTIN_RULES, ...lessonRules(specs)];
}

function withoutFlags(flags: string, drop: string): string {
  return [...flags].filter((flag) => !drop.includes(flag)).join('');
}
