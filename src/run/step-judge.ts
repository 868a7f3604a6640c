// Judging a step once its commands have ended: the transcript rendered as
// the terminal shows it, normalized, its execution judged (outcome.ts), then
// its output compared with the snapshot (judge.ts). A `ready=` pattern or a
// lesson's `normalize:` rule that ran out of time fails the step instead.
// A step that did not get that far keeps its snapshot entry.
import os from 'node:os';
import type { Step } from '../lesson/types.js';
import { LessonRuleError, normalize, type NormalizeRule } from '../normalize/index.js';
import { GuardedMatcher } from '../normalize/regexp-guard.js';
import { ScreenRenderer } from '../render/screen.js';
import type { SnapshotState } from '../snapshot/state.js';
import { matchesWithInterruptEchoMoved } from '../snapshot/match.js';
import type { StepTranscript } from '../session/terminal.js';
import { snapshotOutcome, type SnapshotContext } from './judge.js';
import { withLoadNote, type MachineLoad } from './load-note.js';
import { bareResult, judgeExecution, lastStatus, type StepResult } from './outcome.js';

export class StepJudge {
  private readonly renderer = new ScreenRenderer();
  /** `ready=` matchers of background steps, by step name: a pattern that ran out of time says so. */
  private readonly readyMatchers = new Map<string, GuardedMatcher>();

  constructor(
    private readonly snapshots: SnapshotState,
    private readonly rules: NormalizeRule[],
    private readonly context: SnapshotContext,
  ) {}

  /** The matcher of a background step's `ready=` text, kept to judge the step by. */
  readyMatcher(step: Step): GuardedMatcher | undefined {
    if (!step.ready) return undefined;
    const ready = new GuardedMatcher(step.ready);
    this.readyMatchers.set(step.name, ready);
    return ready;
  }

  async judge(step: Step, transcript: StepTranscript): Promise<StepResult> {
    const screen = await this.renderer.render(transcript.text);
    const readyProblem = this.readyMatchers.get(step.name)?.problem;
    if (readyProblem) {
      this.snapshots.skip(step.name);
      return { ...bareResult(step), screen, durationMs: transcript.durationMs, outcome: { kind: 'failed', line: step.line, message: `step attribute \`ready\`: ${readyProblem.message}` } };
    }
    try {
      return this.judgeOutput(step, transcript, screen);
    } catch (error) {
      // A lesson's normalize rule that ran out of time: this step cannot be judged.
      if (!(error instanceof LessonRuleError)) throw error;
      this.snapshots.skip(step.name);
      return { ...bareResult(step), screen, durationMs: transcript.durationMs, outcome: { kind: 'failed', line: error.line, message: error.problem } };
    }
  }

  /** A step not run: its snapshot entry stays, not obsolete. */
  skipped(step: Step, reason: string): StepResult {
    this.snapshots.skip(step.name);
    return bareResult(step, { kind: 'skipped', reason });
  }

  /** A step that could not run as it should; its snapshot entry stays. */
  failed(step: Step, line: number, message: string): StepResult {
    this.snapshots.skip(step.name);
    return bareResult(step, { kind: 'failed', line, message });
  }

  dispose(): void {
    this.renderer.dispose();
  }

  private judgeOutput(step: Step, transcript: StepTranscript, screen: string): StepResult {
    const output = normalize(screen, this.rules);
    const base: StepResult = {
      step,
      outcome: { kind: 'passed', snapshot: 'none' },
      screen,
      output,
      exitStatus: transcript.statuses.length > 0 ? lastStatus(transcript) : undefined,
      durationMs: transcript.durationMs,
      cutChars: transcript.cutChars,
    };
    const execution = judgeExecution(step, transcript);
    if (execution) {
      this.snapshots.skip(step.name);
      return { ...base, outcome: withLoadNote(execution, false, machineLoad()) };
    }
    // nosnapshot: nothing to compare; a stored entry stays (docs/snapshots.md).
    if (step.nosnapshot) {
      this.snapshots.skip(step.name);
      return base;
    }
    const interrupted = transcript.end.kind === 'interrupted';
    const check = this.snapshots.check(step.name, output, interrupted ? matchesWithInterruptEchoMoved : undefined);
    const outcome = snapshotOutcome(step, check, this.context);
    return { ...base, outcome: withLoadNote(outcome, interrupted, machineLoad()) };
  }
}

/** The load average now, for a word on failures that load can cause. */
function machineLoad(): MachineLoad {
  return { average: os.loadavg()[0] ?? 0, cpus: os.availableParallelism() };
}
