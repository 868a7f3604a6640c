// The front matter's keys: reads the YAML with the file's line numbers and
// checks every key and value (title, summary, requires, kernel, timeout,
// normalize, host, original, sandbox).
import path from 'node:path';
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import { DURATION_HINT, parseDuration } from './duration.js';
import { KERNEL_FEATURE_NAMES, isKernelFeature } from './kernel-features.js';
import { readNormalizeRule, readText, readTextList, type KeyContext } from './meta-values.js';
import { problem, type Problem } from './problem.js';
import type { LessonMeta } from './types.js';


/** The lesson settings the front matter can give (title has a fallback). */
export type MetaFields = Omit<LessonMeta, 'title'> & { title?: string };

export const DEFAULT_TIMEOUT_MS = 10_000;

export const FRONT_MATTER_KEYS = ['title', 'summary', 'requires', 'kernel', 'timeout', 'normalize', 'host', 'original', 'sandbox'] as const;
type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

export function defaultMetaFields(): MetaFields {
  return { summary: '', requires: [], kernel: [], timeoutMs: DEFAULT_TIMEOUT_MS, normalize: [], hostAccess: false, sandbox: 'ns' };
}

/** `firstLine` is the file line of the YAML's first line. */
export function readFrontMatter(yaml: { text: string; firstLine: number }): { fields: MetaFields; problems: Problem[] } {
  const fields = defaultMetaFields();
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml.text, { lineCounter, prettyErrors: false });
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + yaml.firstLine - 1;
  const lineOf = (node: unknown, fallback: number): number =>
    isNode(node) && node.range ? fileLine(node.range[0]) : fallback;

  const yamlIssues = [...document.errors, ...document.warnings];
  if (yamlIssues.length > 0) {
    return { fields, problems: yamlIssues.map((issue) => problem(fileLine(issue.pos[0]), `front matter: bad YAML: ${issue.message}`)) };
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { fields, problems: [] };
  if (!isMap(root)) {
    return { fields, problems: [problem(lineOf(root, yaml.firstLine), 'front matter must be `key: value` lines')] };
  }
  const problems: Problem[] = [];
  for (const pair of root.items) readKey(fields, pair.key, pair.value, lineOf(pair.key, yaml.firstLine), lineOf, problems);
  return { fields, problems };
}

/** Checks one `key: value` and stores its value in `fields`. */
function readKey(
  fields: MetaFields,
  keyNode: unknown,
  value: unknown,
  keyLine: number,
  lineOf: (node: unknown, fallback: number) => number,
  problems: Problem[],
): void {
  const key = isScalar(keyNode) ? keyNode.value : undefined;
  if (typeof key !== 'string') {
    problems.push(problem(keyLine, 'front matter: a key must be a plain name'));
    return;
  }
  if (!isFrontMatterKey(key)) {
    problems.push(problem(keyLine, `front matter: unknown key \`${key}\` (known: ${FRONT_MATTER_KEYS.join(', ')})`));
    return;
  }
  KEY_READERS[key](fields, value, {
    lineOf: (node) => lineOf(node, keyLine),
    report: (node, detail) => problems.push(problem(lineOf(node, keyLine), `front matter \`${key}\`: ${detail}`)),
  });
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
  original(fields, value, at) {
    const target = readText(value, at);
    if (target === undefined) return;
    if (!/\.md$/i.test(target) || path.isAbsolute(target)) at.report(value, `"${target}" must be the relative path of a lesson file (e.g. ../bridge.md)`);
    else fields.original = { path: target, line: at.lineOf(value) };
  },
  sandbox(fields, value, at) {
    const kind = isScalar(value) ? value.value : undefined;
    if (kind === 'ns' || kind === 'vm') fields.sandbox = kind;
    else at.report(value, 'must be ns (namespaces on this kernel, the default) or vm (a small VM with its own kernel)');
  },
};

