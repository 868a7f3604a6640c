// Rules a lesson adds in its front matter (`normalize:` pattern/replace),
// checked and compiled once, run after the built-in rules.
import { defineRule, type NormalizeRule } from './rule.js';
import { validateRuleSpec, withoutFlags, type NormalizeRuleSpec } from './rule-spec.js';
import { BUILTIN_RULES } from './builtin.js';
import { guardedReplace, PatternTimeoutError } from './regexp-guard.js';
import { InputError } from '../error.js';

/** A front matter rule that validateRuleSpec rejects; `line` is the rule's line in the lesson. */
export class LessonRuleError extends InputError {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`front matter line ${line}: ${problem}`);
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

export { validateRuleSpec };
