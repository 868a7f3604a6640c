// The meaning of a step fence's attributes (`#name exit=1 timeout=5s ...`):
// checks each value and turns the list into step options.
import { DURATION_HINT, parseDuration } from './duration.js';
import type { FenceAttribute } from './fence-info.js';
import { compileRegExp } from './regexp.js';
import type { ExpectedExit, Step } from './types.js';

/** What a fence's attributes set; name, exit and timeout fall back to defaults later. */
export type StepOptions = Pick<Step, 'term' | 'background' | 'ready' | 'hidden' | 'norun' | 'nosnapshot'> &
  Partial<Pick<Step, 'name' | 'exit' | 'timeoutMs' | 'solution'>> & {
    /** `check` (extension): the fence is a task's check. */
    check?: boolean;
    /** `retry=` (extension), with `check`. */
    retryMs?: number;
    /** Keys given explicitly (a check refuses the ones that mean nothing to it). */
    given?: string[];
  };

export const STEP_FLAGS = ['background', 'hidden', 'norun', 'nosnapshot', 'check'] as const;
export const STEP_KEYS = ['exit', 'timeout', 'term', 'ready', 'retry', 'solution'] as const;

type StepFlag = (typeof STEP_FLAGS)[number];
type StepKey = (typeof STEP_KEYS)[number];

/** Letters, digits, `-` and `_`: step names and terminal names. */
export const NAME_SYNTAX = /^[A-Za-z0-9_-]+$/;
const NAME_HINT = 'letters, digits, - and _ only';

/** Flags `ready` uses: `^` and `$` match at each line of the terminal. */
export const READY_FLAGS = 'm';

export function readStepAttributes(attributes: FenceAttribute[]): { options: StepOptions; problems: string[] } {
  const options: StepOptions = { term: 'main', background: false, hidden: false, norun: false, nosnapshot: false };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const attribute of attributes) {
    const label = attributeLabel(attribute);
    if (seen.has(label)) {
      problems.push(`step attribute \`${label}\` is given twice`);
      continue;
    }
    seen.add(label);
    const problem = applyAttribute(options, attribute);
    if (problem !== undefined) problems.push(problem);
  }
  if (options.ready !== undefined && !options.background) {
    problems.push('step attribute `ready` needs `background`');
  }
  problems.push(...checkProblems(options, [...seen]));
  return { options, problems };
}

/** Attributes that mean nothing for a check (it runs without a terminal, once or until `retry`). */
const NOT_FOR_CHECKS = ['exit', 'term', 'background', 'ready', 'hidden', 'norun', 'nosnapshot', 'solution'];

function checkProblems(options: StepOptions, given: string[]): string[] {
  if (!options.check) {
    return options.retryMs !== undefined ? ['step attribute `retry` needs `check`'] : [];
  }
  const problems = given.filter((key) => NOT_FOR_CHECKS.includes(key)).map((key) => `a check cannot have \`${key}\``);
  if (options.name === undefined) problems.push('a check needs a `#name` (the task\'s name, which its solution refers to)');
  return problems;
}

function attributeLabel(attribute: FenceAttribute): string {
  return attribute.kind === 'name' ? '#name' : attribute.key;
}

/** Sets one attribute on `options`; returns a problem or undefined. */
function applyAttribute(options: StepOptions, attribute: FenceAttribute): string | undefined {
  if (attribute.kind === 'name') return applyName(options, attribute.value);
  const { key } = attribute;
  if (isFlag(key)) {
    if (attribute.kind === 'pair') return `step attribute \`${key}\` takes no value`;
    options[key] = true;
    return undefined;
  }
  if (!isKey(key)) return `unknown step attribute \`${key}\``;
  if (attribute.kind === 'flag' || attribute.value === '') {
    return `step attribute \`${key}\` needs a value (e.g. ${VALUE_EXAMPLES[key]})`;
  }
  return VALUE_READERS[key](options, attribute.value);
}

function applyName(options: StepOptions, name: string): string | undefined {
  if (!NAME_SYNTAX.test(name)) return `bad step name \`#${name}\` (${NAME_HINT})`;
  options.name = name;
  return undefined;
}

const VALUE_EXAMPLES: Record<StepKey, string> = {
  exit: 'exit=1, exit=nonzero, exit=any',
  timeout: 'timeout=5s',
  term: 'term=server',
  ready: 'ready="listening on"',
  retry: 'retry=5s',
  solution: 'solution=blue-plugged',
};

/** A duration attribute's value given to `set`, or the problem with it. */
function readDuration(key: StepKey, value: string, set: (ms: number) => void): string | undefined {
  const ms = parseDuration(value);
  if (ms === undefined) return `step attribute \`${key}\`: bad duration "${value}" (expected ${DURATION_HINT})`;
  set(ms);
  return undefined;
}

const VALUE_READERS: Record<StepKey, (options: StepOptions, value: string) => string | undefined> = {
  exit(options, value) {
    const exit = parseExpectedExit(value);
    if (exit === undefined) return `step attribute \`exit\`: bad value "${value}" (expected 0..255, nonzero or any)`;
    options.exit = exit;
    return undefined;
  },
  timeout: (options, value) => readDuration('timeout', value, (ms) => (options.timeoutMs = ms)),
  term(options, value) {
    if (!NAME_SYNTAX.test(value)) return `step attribute \`term\`: bad terminal name "${value}" (${NAME_HINT})`;
    options.term = value;
    return undefined;
  },
  retry: (options, value) => readDuration('retry', value, (ms) => (options.retryMs = ms)),
  solution(options, value) {
    if (!NAME_SYNTAX.test(value)) return `step attribute \`solution\`: bad task name "${value}" (${NAME_HINT})`;
    options.solution = value;
    return undefined;
  },
  ready(options, value) {
    const compiled = compileRegExp(value, READY_FLAGS);
    if (typeof compiled === 'string') return `step attribute \`ready\`: bad regular expression: ${compiled}`;
    options.ready = compiled;
    return undefined;
  },
};

export function parseExpectedExit(value: string): ExpectedExit | undefined {
  if (value === 'nonzero' || value === 'any') return { kind: value };
  if (!/^(0|[1-9][0-9]{0,2})$/.test(value)) return undefined;
  const code = Number(value);
  return code <= 255 ? { kind: 'code', code } : undefined;
}

function isFlag(key: string): key is StepFlag {
  return (STEP_FLAGS as readonly string[]).includes(key);
}

function isKey(key: string): key is StepKey {
  return (STEP_KEYS as readonly string[]).includes(key);
}
