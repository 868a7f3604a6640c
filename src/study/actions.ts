// The keys of study mode's prompts as tables: which key does what at a
// step, after a setback and at the end, and the hints each prompt shows.
// The keys every prompt shares (?, q, Ctrl-C, Ctrl-D, the end of input) are
// are in SHARED_KEYS. docs/study-session.md lists them for the learner.
import type { Key } from './keys.js';
import type { KeyHint } from './view/index.js';

/** What a key does at a step's prompt. */
export type StepAction = 'run' | 'type' | 'skip' | 'intro' | 'shell' | 'hidden' | 'topology';

export const STEP_KEYS: ReadonlyMap<Key, StepAction> = new Map<Key, StepAction>([
  ['enter', 'run'],
  ['y', 'type'],
  ['s', 'skip'],
  ['i', 'intro'],
  ['!', 'shell'],
  ['h', 'hidden'],
  ['t', 'topology'],
]);

/** `showHidden`: hidden steps ran just before this one, and `h` would show them. */
export function stepHints(showHidden: boolean): KeyHint[] {
  return [
    { key: 'Enter', label: 'run' },
    { key: 's', label: 'skip' },
    { key: '!', label: 'shell' },
    ...(showHidden ? [{ key: 'h', label: 'show hidden' }] : []),
    { key: 'q', label: 'quit' },
    { key: '?', label: 'keys' },
  ];
}

/** What a key does after a step that failed, differed or was interrupted. */
export type SetbackAction = 'next' | 'retry' | 'shell' | 'topology';

export const SETBACK_KEYS: ReadonlyMap<Key, SetbackAction> = new Map<Key, SetbackAction>([
  ['enter', 'next'],
  ['r', 'retry'],
  ['!', 'shell'],
  ['t', 'topology'],
]);

/** `retryable`: the step can run again (`r`). */
export function setbackHints(retryable: boolean): KeyHint[] {
  return [
    { key: 'Enter', label: 'go on anyway' },
    ...(retryable ? [{ key: 'r', label: 'retry' }] : []),
    { key: '!', label: 'shell, to look around' },
    { key: 'q', label: 'quit' },
    { key: '?', label: 'keys' },
  ];
}

/** At a "more" prompt (text held at a screenful): any key shows the next screenful; `s` the rest at once. */
export const MORE_KEYS: ReadonlyMap<Key, 'rest'> = new Map<Key, 'rest'>([['s', 'rest']]);

export const MORE_HINTS: readonly KeyHint[] = [
  { key: 'Enter', label: 'more' },
  { key: 's', label: 'the rest at once' },
];

export const END_HINTS: readonly KeyHint[] = [
  { key: 'Enter', label: 'end the lesson' },
  { key: '!', label: 'stay in a shell in the final state' },
];

/** What a task's key does (Ctrl-] at the task's prompt leads to them). */
export type TaskAction = 'prompt' | 'hint' | 'solution' | 'runSolution' | 'skip';

export const TASK_KEYS: ReadonlyMap<Key, TaskAction> = new Map<Key, TaskAction>([
  ['enter', 'prompt'],
  ['h', 'hint'],
  ['s', 'solution'],
  ['r', 'runSolution'],
  ['k', 'skip'],
]);

/** What a key every prompt understands asks for. */
export type SharedAction = 'help' | 'quit' | 'confirmQuit';

export const SHARED_KEYS: ReadonlyMap<Key, SharedAction> = new Map<Key, SharedAction>([
  ['?', 'help'],
  ['eof', 'quit'],
  ['q', 'confirmQuit'],
  ['ctrl-c', 'confirmQuit'],
  ['ctrl-d', 'confirmQuit'],
]);

/** The answers to "Quit the lesson?" that quit: y, and a second Ctrl-C or the end of input. */
export const QUIT_CONFIRMED: ReadonlySet<Key> = new Set<Key>(['y', 'Y', 'ctrl-c', 'eof']);

/** The answers to "Resume there?" that start over instead. */
export const RESUME_DECLINED: ReadonlySet<Key> = new Set<Key>(['n', 'N']);
