// What one lesson's run takes and gives: its options, the live events it
// emits while steps run, and the result it settles to. Types only.
import type { Lesson, LessonDiagnostic, Step } from '../lesson/types.js';
import type { Privilege } from '../sandbox/privilege.js';
import type { SandboxKind } from '../sandbox/kind.js';
import type { SnapshotStore } from '../snapshot/store.js';
import type { UpdateMode } from '../snapshot/state.js';
import type { StepResult } from './outcome.js';

export interface RunEvents {
  /** A step is about to be typed. */
  stepStart?(step: Step): void;
  /** Live terminal output of a running step (raw, escapes included). */
  stepOutput?(step: Step, text: string): void;
  /** Everything terminal `terminal` shows, in and between steps, live (for recordings). */
  terminalOutput?(terminal: string, text: string): void;
  /** A background step is running (and showed its `ready` text). */
  backgroundStarted?(step: Step): void;
  stepResult?(result: StepResult): void;
}

export interface LessonRunOptions {
  store: SnapshotStore;
  updateMode: UpdateMode;
  events?: RunEvents;
  privilege?: Privilege;
  /** After a failed step, go on with the next ones (study mode asks the learner). */
  continueAfterFailure?: boolean;
  /** Colours in diffs. */
  color?: boolean;
  /** Let lessons with `host: true` run as the host's real root. */
  allowHost?: boolean;
  /** `--sandbox`: run every lesson in this kind of sandbox, whatever its front matter says. */
  sandboxKind?: SandboxKind;
}

export type LessonStatus = 'ran' | 'skipped';

export interface SnapshotSummary {
  path: string;
  written: boolean;
  /** Entries of steps that no longer exist. */
  obsolete: string[];
  removedObsolete: boolean;
  /** The file was deleted: no entry was left in it. */
  removedFile?: boolean;
}

export interface LessonResult {
  lesson: Lesson;
  status: LessonStatus;
  /** Why the lesson was skipped. */
  reason?: string;
  steps: StepResult[];
  snapshots?: SnapshotSummary;
  /** Input problems found while the lesson ran (a snapshot file that could not be written). */
  problems?: LessonDiagnostic[];
  durationMs: number;
}
