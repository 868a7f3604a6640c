// The front matter's keys: reads the YAML with the file's line numbers and
// checks every key and value (title, summary, requires, kernel, timeout,
// normalize, host).
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import { DURATION_HINT, parseDuration } from './duration.js';
import { KERNEL_FEATURE_NAMES, isKernelFeature } from './kernel-features.js';
import { problem, type Problem } from './problem.js';
import { compileRegExp } from './regexp.js';
import type { NormalizeRuleSpec } from './types.js';

/** The lesson settings the front matter can give (title has a fallback). */
export interface MetaFields {
  title?: string;
  summary: string;
  requires: string[];
  kernel: string[];
  timeoutMs: number;
  normalize: NormalizeRuleSpec[];
  hostAccess: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Flags of `normalize` patterns: every match, `^` and `$` at each line. */
export const NORMALIZE_FLAGS = 'gm';

export const FRONT_MATTER_KEYS = ['title', 'summary', 'requires', 'kernel', 'timeout', 'normalize', 'host'] as const;
type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

export function defaultMetaFields(): MetaFields {
  return { summary: '', requires: [], kernel: [], timeoutMs: DEFAULT_TIMEOUT_MS, normalize: [], hostAccess: false };
}

/** Where a key sits, so its readers can report against the right line. */
interface KeyContext {
  key: string;
  keyLine: number;
  lineOf(node: unknown): number;
  report(node: unknown, detail: string): void;
}

/** `firstLine` is the file line of the YAML's first line. */
export function readFrontMatter(yaml: { text: string; firstLine: number }): { fields: MetaFields; problems: Problem[] } {
  const fields = defaultMetaFields();
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml.text, { lineCounter, prettyErrors: false });
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + yaml.firstLine - 1;
  const lineOf = (node: unknown, fallback: number): number =>
    isNode(node) && node.range ? fileLine(node.range[0]) : fallback;

  const yamlIssues = [...document.errors, ...document.warnings];
  for (const issue of yamlIssues) problems.push(problem(fileLine(issue.pos[0]), `front matter: bad YAML: ${issue.message}`));
  if (yamlIssues.length > 0) return { fields, problems };

  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { fields, problems };
  if (!isMap(root)) {
    problems.push(problem(lineOf(root, yaml.firstLine), 'front matter must be `key: value` lines'));
    return { fields, problems };
  }
  for (const pair of root.items) {
    const keyLine = lineOf(pair.key, yaml.firstLine);
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string') {
      problems.push(problem(keyLine, 'front matter: a key must be a plain name'));
      continue;
    }
    if (!isFrontMatterKey(key)) {
      problems.push(problem(keyLine, `front matter: unknown key \`${key}\` (known: ${FRONT_MATTER_KEYS.join(', ')})`));
      continue;
    }
    const context: KeyContext = {
      key,
      keyLine,
      lineOf: (node) => lineOf(node, keyLine),
      report: (node, detail) => problems.push(problem(lineOf(node, keyLine), `front matter \`${key}\`: ${detail}`)),
    };
    KEY_READERS[key](fields, pair.value, context);
  }
  return { fields, problems };
}

function isFrontMatterKey(key: string): key is FrontMatterKey {
  return (FRONT_MATTER_KEYS as readonly string[]).includes(key);
}

const KEY_READERS: Record<FrontMatterKey, (fields: MetaFields, value: unknown, at: KeyContext) => void> = {
  title(fields, value, at) {
    const title = readText(value, at);
    if (title === '') at.report(value, 'must not be empty');
    else if (title !== undefined) fields.title = title;
  },
  summary(fields, value, at) {
    fields.summary = readText(value, at) ?? fields.summary;
  },
  requires(fields, value, at) {
    const programs = readTextList(value, at, 'program names, e.g. [ip, tcpdump]');
    for (const program of programs) {
      if (/^[^\s/]+$/.test(program.text)) fields.requires.push(program.text);
      else at.report(program.node, `"${program.text}" is not a program name (the name looked up on PATH, e.g. ip)`);
    }
  },
  kernel(fields, value, at) {
    const features = readTextList(value, at, 'kernel features, e.g. [bridge, veth]');
    for (const feature of features) {
      if (isKernelFeature(feature.text)) fields.kernel.push(feature.text);
      else at.report(feature.node, `unknown kernel feature "${feature.text}" (known: ${KERNEL_FEATURE_NAMES.join(', ')})`);
    }
  },
  timeout(fields, value, at) {
    const text = isScalar(value) && value.value !== null ? String(value.value) : undefined;
    if (text === undefined) return at.report(value, `needs a duration (${DURATION_HINT})`);
    const ms = parseDuration(text);
    if (ms === undefined) at.report(value, `bad duration "${text}" (expected ${DURATION_HINT})`);
    else fields.timeoutMs = ms;
  },
  normalize(fields, value, at) {
    if (!isSeq(value)) return at.report(value, 'must be a list of `- pattern: ... replace: ...` rules');
    for (const item of value.items) {
      const rule = readNormalizeRule(item, at);
      if (rule !== undefined) fields.normalize.push(rule);
    }
  },
  host(fields, value, at) {
    if (isScalar(value) && typeof value.value === 'boolean') fields.hostAccess = value.value;
    else at.report(value, 'must be true or false');
  },
};

/** A text scalar, or undefined after reporting what is wrong. */
function readText(value: unknown, at: KeyContext): string | undefined {
  if (isScalar(value) && typeof value.value === 'string') return value.value;
  at.report(value, isScalar(value) && value.value !== null ? 'must be text (quote it)' : 'needs a value');
  return undefined;
}

/** The text items of a YAML list; reports the list or any item that is not text. */
function readTextList(value: unknown, at: KeyContext, what: string): { text: string; node: unknown }[] {
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

function readNormalizeRule(item: unknown, at: KeyContext): NormalizeRuleSpec | undefined {
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
