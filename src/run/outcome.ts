// What a step's run came to, as values: passed | differed | failed |
// timedOut | skipped. "Could not run" is kept apart from "ran and differed".
import type { ExpectedExit, Step } from '../lesson/types.js';
import { formatDuration } from '../lesson/duration.js';
import type { StepTranscript } from '../session/terminal.js';

/** What became of a passing step's snapshot: compared and equal, recorded, re-recorded, or not compared. */
export type SnapshotVerdict = 'matched' | 'written' | 'updated' | 'none';

export type StepOutcome =
  | { kind: 'passed'; snapshot: SnapshotVerdict; note?: string }
  | { kind: 'differed'; expected: string; actual: string; diff: string; note?: string }
  /** `snapshotMissing`: the command did what it should; only its snapshot is missing (CI). */
  | { kind: 'failed'; line: number; message: string; snapshotMissing?: true }
  | { kind: 'timedOut'; line: number; message: string; note?: string }
  | { kind: 'skipped'; reason: string };

export interface StepResult {
  step: Step;
  outcome: StepOutcome;
  /** Rendered terminal text, as shown (not normalized). */
  screen: string;
  /** Normalized text, as compared. */
  output: string;
  /** Exit status of the step's last command, when one ran. */
  exitStatus?: number;
  durationMs: number;
  /** Characters of output cut from the middle (flood). */
  cutChars: number;
}

/** A result with nothing shown: a step skipped, failed before it ran, or with nothing to do. */
export function bareResult(step: Step, outcome: StepOutcome = { kind: 'passed', snapshot: 'none' }): StepResult {
  return { step, outcome, screen: '', output: '', durationMs: 0, cutChars: 0 };
}

export function isFailure(outcome: StepOutcome): boolean {
  return outcome.kind === 'failed' || outcome.kind === 'timedOut' || outcome.kind === 'differed';
}

/**
 * After this outcome the lesson's later steps are not run: the state the
 * lesson built is unknown. A missing snapshot says nothing about that state.
 */
export function haltsLesson(outcome: StepOutcome): boolean {
  return (outcome.kind === 'failed' && outcome.snapshotMissing !== true) || outcome.kind === 'timedOut';
}

export function describeExpectedExit(exit: ExpectedExit): string {
  switch (exit.kind) {
    case 'code':
      return `status ${exit.code}`;
    case 'nonzero':
      return 'a non-zero status';
    case 'any':
      return 'any status';
  }
}

export function exitMatches(exit: ExpectedExit, status: number): boolean {
  switch (exit.kind) {
    case 'code':
      return status === exit.code;
    case 'nonzero':
      return status !== 0;
    case 'any':
      return true;
  }
}

/** Status of the step's last command (0 when nothing ran). */
export function lastStatus(transcript: StepTranscript): number {
  return transcript.statuses[transcript.statuses.length - 1]?.status ?? 0;
}

/**
 * Judge how the step's commands ended. Returns a failing outcome, or
 * undefined when the output should now be compared with the snapshot.
 */
export function judgeExecution(step: Step, transcript: StepTranscript): StepOutcome | undefined {
  const end = transcript.end;
  const lastLine = step.commands[step.commands.length - 1]?.line ?? step.line;
  switch (end.kind) {
    case 'stopped':
      return { kind: 'failed', line: end.line, message: `command exited with status ${end.status}; the lines after it were not run` };
    case 'incomplete':
      return { kind: 'failed', line: end.line, message: 'the step ends inside an unfinished command (an unclosed quote, heredoc, or block?); bash was still waiting for input' };
    case 'shellExited':
      return { kind: 'failed', line: lastLine, message: `the shell of terminal "${step.term}" exited (status ${end.code}) during this step` };
    case 'protocolLost':
      return { kind: 'failed', line: commandLineOf(step, transcript), message: `the lesson's shell no longer reports command status: ${end.reason}; a lesson must leave PS0, PS1, PS2, PROMPT_COMMAND and the shell's own terminal alone` };
    case 'timedOut': {
      const waiting = end.readingStdin
        ? ': the command was waiting for input on the terminal; a lesson cannot type into a program, so give it its input with a heredoc or `< /dev/null`'
        : '';
      const after = end.shellSurvived ? '' : '; the shell did not come back, so this terminal is gone';
      const ready = step.background && step.ready ? ` waiting for its ready text /${step.ready.source}/` : '';
      return { kind: 'timedOut', line: commandLineOf(step, transcript), message: `timed out after ${formatDuration(step.timeoutMs)}${ready}${waiting}${after}` };
    }
    case 'interrupted':
    case 'completed': {
      const status = lastStatus(transcript);
      const interruptedOk = end.kind === 'interrupted' && !step.exitDeclared && (status === 0 || status === 130);
      if (interruptedOk || exitMatches(step.exit, status)) return undefined;
      const line = transcript.statuses[transcript.statuses.length - 1]?.line ?? lastLine;
      return { kind: 'failed', line, message: `exited with status ${status}, expected ${describeExpectedExit(step.exit)}` };
    }
  }
}

/** Line of the command that was running when the step ended. */
function commandLineOf(step: Step, transcript: StepTranscript): number {
  const ran = transcript.statuses.length;
  const typed = step.commands.filter((c) => c.text.trim() !== '');
  return typed[Math.min(ran, typed.length - 1)]?.line ?? step.line;
}
