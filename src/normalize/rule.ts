// What a normalization rule is, and how rules and placeholder names are
// registered. Names are validated here, once, when a rule is defined.

/** A named, pure text transformation: volatile text in, placeholders out. */
export interface NormalizeRule {
  /** Stable kebab-case name, shown in docs and reports. */
  name: string;
  description: string;
  /** Placeholder names (without brackets) this rule can produce. */
  placeholders?: readonly string[];
  apply(text: string): string;
}

const PLACEHOLDER_NAME = /^[A-Z][A-Z0-9_]*$/;
const RULE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** True when `name` may be used as a placeholder: `MAC`, `IFINDEX`, `TS_VAL`. */
export function isPlaceholderName(name: string): boolean {
  return PLACEHOLDER_NAME.test(name);
}

/** The bracketed text of a placeholder, e.g. `placeholder('MAC')` is `[MAC]`. Throws on a bad name. */
export function placeholder(name: string): string {
  if (!isPlaceholderName(name)) {
    throw new Error(`invalid placeholder name ${JSON.stringify(name)}: use upper-case letters, digits and _`);
  }
  return `[${name}]`;
}

/** Checks the rule's name and placeholder names; returns the rule unchanged. */
export function defineRule(rule: NormalizeRule): NormalizeRule {
  if (!RULE_NAME.test(rule.name)) {
    throw new Error(`invalid rule name ${JSON.stringify(rule.name)}: use kebab-case`);
  }
  for (const name of rule.placeholders ?? []) placeholder(name);
  return rule;
}
