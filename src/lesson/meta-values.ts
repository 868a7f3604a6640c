// Readers for front matter values (text, lists of names, normalize rules):
// each returns what it could read and reports the rest at the value's line.
import { isMap, isScalar, isSeq } from 'yaml';
import { compileRegExp } from './regexp.js';
import { validateRuleSpec } from '../normalize/rule-spec.js';
import type { NormalizeRuleSpec } from './types.js';

/** Flags of `normalize` patterns: every match, `^` and `$` at each line. */
export const NORMALIZE_FLAGS = 'gm';

/** Where a front matter key sits, so its readers report against the right line. */
export interface KeyContext {
  /** File line of a YAML node (the key's line when the node has no position). */
  lineOf(node: unknown): number;
  /** Reports `front matter \`key\`: detail` at the node's line. */
  report(node: unknown, detail: string): void;
}

/** A text scalar, or undefined after reporting what is wrong. */
export function readText(value: unknown, at: KeyContext): string | undefined {
  if (isScalar(value) && typeof value.value === 'string') return value.value;
  at.report(value, isScalar(value) && value.value !== null ? 'must be text (quote it)' : 'needs a value');
  return undefined;
}

/** The text items of a YAML list; reports the list or any item that is not text. */
export function readTextList(value: unknown, at: KeyContext, what: string): { text: string; node: unknown }[] {
  if (!isSeq(value)) {
    at.report(value, `must be a list of ${what}`);
    return [];
  }
  const items: { text: string; node: unknown }[] = [];
  for (const item of value.items) {
    if (isScalar(item) && typeof item.value === 'string' && item.value !== '') items.push({ text: item.value, node: item });
    else at.report(item, describeBadItem(item));
  }
  return items;
}

function describeBadItem(item: unknown): string {
  if (isScalar(item) && item.value !== null && item.value !== '') return `item ${String(item.value)} must be text (quote it)`;
  if (isMap(item) || isSeq(item)) return 'an item must be a name, not a nested list or map';
  return 'an item is empty';
}

export function readNormalizeRule(item: unknown, at: KeyContext): NormalizeRuleSpec | undefined {
  const line = at.lineOf(item);
  if (!isMap(item)) {
    at.report(item, 'rules must each have `pattern:` and `replace:`');
    return undefined;
  }
  const found = new Map<string, unknown>();
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?';
    if (key === 'pattern' || key === 'replace') found.set(key, pair.value);
    else at.report(pair.key, `unknown rule key \`${key}\` (known: pattern, replace)`);
  }
  const pattern = readRuleText(found, 'pattern', item, at);
  const replace = readRuleText(found, 'replace', item, at);
  if (pattern === undefined || replace === undefined) return undefined;
  const compiled = compileRegExp(pattern.text, NORMALIZE_FLAGS);
  if (typeof compiled === 'string') {
    at.report(pattern.node, `bad regular expression in \`pattern\`: ${compiled}`);
    return undefined;
  }
  if (pattern.text === '') {
    at.report(pattern.node, '`pattern` must not be empty');
    return undefined;
  }
  const problem = validateRuleSpec({ pattern: compiled, replace: replace.text });
  if (problem !== undefined) {
    at.report(item, problem);
    return undefined;
  }
  return { pattern: compiled, replace: replace.text, line };
}

function readRuleText(found: Map<string, unknown>, key: string, rule: unknown, at: KeyContext): { text: string; node: unknown } | undefined {
  if (!found.has(key)) {
    at.report(rule, `rule has no \`${key}\``);
    return undefined;
  }
  const node = found.get(key);
  if (isScalar(node) && typeof node.value === 'string') return { text: node.value, node };
  at.report(node ?? rule, `\`${key}\` must be text (quote it)`);
  return undefined;
}
