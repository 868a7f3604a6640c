// Public face of the normalizer: volatile text -> named placeholders.
export type { NormalizeRule } from './rule.js';
export { placeholder, isPlaceholderName, defineRule } from './rule.js';
export { BUILTIN_RULES } from './builtin.js';
export { lessonRules, rulesForLesson, validateRuleSpec, LessonRuleError } from './lesson.js';
export { normalize } from './normalize.js';
