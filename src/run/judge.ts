// A step's verdict from its snapshot check, as a value: pure, no I/O. The
// execution verdict (exit status, timeout) comes first, in outcome.ts.
import type { Step } from '../lesson/types.js';
import type { SnapshotCheck } from '../snapshot/state.js';
import { renderDiff } from '../snapshot/match.js';
import type { StepOutcome } from './outcome.js';

export interface SnapshotContext {
  /** Where the lesson's snapshots live, as shown to the user. */
  snapshotPath: string;
  lessonFile: string;
  /** Colours in the diff. */
  color: boolean;
}

/** The outcome of a step whose commands did what they should, given its snapshot check. */
export function snapshotOutcome(step: Step, check: SnapshotCheck, context: SnapshotContext): StepOutcome {
  switch (check.kind) {
    case 'matched':
      return { kind: 'passed', snapshot: 'matched' };
    case 'written':
      return { kind: 'passed', snapshot: 'written', note: 'snapshot written' };
    case 'updated':
      return { kind: 'passed', snapshot: 'updated', note: 'snapshot updated' };
    case 'missing':
      return {
        kind: 'failed',
        line: step.line,
        message: `no snapshot for step "${step.name}" in ${context.snapshotPath}; record it with \`learn test ${context.lessonFile} --update\``,
        snapshotMissing: true,
      };
    case 'differed':
      // The one rendering of this diff: reporters and the study view show it as it is.
      return {
        kind: 'differed',
        expected: check.expected,
        actual: check.adjusted,
        diff: renderDiff(check.expected, check.adjusted, { color: context.color, expectedLabel: 'snapshot', actualLabel: 'this run' }),
      };
  }
}
