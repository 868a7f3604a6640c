// The lifecycle of one lesson's run: snapshots read, sandbox up, requirements
// probed, each step sent where it belongs (typed into a terminal:
// typed-steps.ts; a task's check: task-run.ts) and its result recorded,
// snapshots saved, sandbox down. Both `learn test` and the study mode drive
// this one class, and every step is judged by step-judge.ts, so a verdict
// means the same everywhere.
import path from 'node:path';
import { originalLessonFile, type Lesson, type Step } from '../lesson/types.js';
import { BUILTIN_RULES, lessonRules, type NormalizeRule } from '../normalize/index.js';
import type { LessonSandbox } from '../sandbox/kind.js';
import { openSandbox, sandboxKindFor } from '../sandbox/open.js';
import { probe, skipReason } from '../sandbox/probe.js';
import { lessonTerminalFiles } from '../session/open.js';
import type { ShellTerminal } from '../session/terminal.js';
import type { SnapshotState } from '../snapshot/state.js';
import { SnapshotFileError } from '../snapshot/store.js';
import { hostAccessProblem } from './host-policy.js';
import { haltsLesson, type StepResult } from './outcome.js';
import { finishSnapshots, readSnapshots } from './persist.js';
import type { LessonResult, LessonRunOptions } from './result.js';
import { StepJudge } from './step-judge.js';
import { runCheck, TaskChecks, type CheckRun } from './task-run.js';
import { TypedSteps } from './typed-steps.js';

export type { LessonResult, LessonRunOptions, LessonStatus, RunEvents, SnapshotSummary } from './result.js';
export { hostAccessProblem } from './host-policy.js';
export { InputError } from '../error.js';
export { SnapshotFileError };

export class LessonRun {
  private readonly judge: StepJudge;
  private readonly typed: TypedSteps;
  private readonly checks: TaskChecks;
  private readonly results: StepResult[] = [];
  private halted: StepResult | undefined;
  private attempted = new Set<string>();
  private closed = false;

  private constructor(
    readonly lesson: Lesson,
    readonly sandbox: LessonSandbox,
    private readonly snapshots: SnapshotState,
    private readonly snapshotPath: string,
    private readonly options: LessonRunOptions,
    private readonly started: number,
    rules: NormalizeRule[],
  ) {
    const context = { snapshotPath, lessonFile: originalLessonFile(lesson), color: options.color ?? false };
    this.judge = new StepJudge(snapshots, rules, context);
    this.typed = new TypedSteps(sandbox, options.events, this.judge, { record: (result) => this.record(result), results: this.results });
    this.checks = new TaskChecks(sandbox, lesson.steps);
  }

  /**
   * Read the snapshots, make the sandbox, check the lesson's requirements.
   * Returns a skipped result when the machine cannot run the lesson. A
   * snapshot file that cannot be read or used throws SnapshotFileError
   * (the lesson's `normalize:` rules were checked by the parser).
   */
  static async open(lesson: Lesson, options: LessonRunOptions): Promise<LessonRun | LessonResult> {
    const started = performance.now();
    // A translation runs as its original: that lesson's folder and snapshots,
    // which only the original's own runs may write.
    const source = originalLessonFile(lesson);
    if (lesson.translation) options = { ...options, updateMode: 'none' };
    const rules = [...BUILTIN_RULES, ...lessonRules(lesson.meta.normalize)];
    const snapshots = await readSnapshots(source, options, rules);
    // Requirements first, so a lesson the machine cannot run says so whatever
    // else stands in its way. A host: true lesson not allowed to use the host
    // is probed in an ordinary sandbox, then skipped for that reason.
    // In a VM the lesson's root is the guest's: `host: true` asks for nothing there.
    const kind = sandboxKindFor(lesson.meta.sandbox, options.sandboxKind);
    const hostReason = kind === 'ns' ? hostAccessProblem(lesson, options) : undefined;
    const sandbox = await openSandbox({
      kind,
      lessonDir: path.dirname(path.resolve(source)),
      privilege: options.privilege,
      hostPrivileges: kind === 'ns' && lesson.meta.hostAccess && !hostReason,
      files: lessonTerminalFiles(lesson.name),
    });
    const run = new LessonRun(lesson, sandbox, snapshots.state, snapshots.path, options, started, rules);
    // Performance: the first step's shell starts while the probe runs (docs/performance.md).
    const first = lesson.steps.find((step) => !step.norun && !step.check && !step.interrupt);
    if (first) run.typed.terminals.warm(first.term);
    try {
      const report = await probe(sandbox, lesson.meta.requires, lesson.meta.kernel);
      const reason = skipReason(report) ?? hostReason;
      if (reason) {
        await run.teardown();
        return { lesson, status: 'skipped', reason, steps: [], durationMs: performance.now() - started };
      }
    } catch (error) {
      await run.teardown();
      throw error;
    }
    run.typed.terminals.releaseOutput();
    return run;
  }

  /** Run one step; returns every result it settles (a ^C step settles a background one). */
  async run(step: Step): Promise<StepResult[]> {
    this.attempted.add(step.name);
    const settled = this.typed.finishedBackgrounds();
    if (this.halted && !this.options.continueAfterFailure) {
      return [...(await settled), this.record(this.judge.skipped(step, `not run: step "${this.halted.step.name}" failed`))];
    }
    if (step.norun) return [...(await settled), this.record(this.judge.skipped(step, 'norun: shown, never run'))];
    if (step.check) {
      const results = await settled;
      const broken = await this.checks.before(step);
      return broken ? [...results, this.record(broken)] : results;
    }
    this.options.events?.stepStart?.(step);
    const results = [...(await settled)];
    if (step.interrupt) {
      results.push(...(await this.typed.interrupt(step)));
    } else {
      const result = await this.typed.type(step);
      if (result) results.push(result);
    }
    const check = await this.checks.after(step, results);
    if (check) results.push(this.record(check));
    return results;
  }

  /** Run a task's check once now (study mode, after each of the learner's commands). */
  check(step: Step, options: { retry: boolean } = { retry: false }): Promise<CheckRun> {
    return runCheck(this.sandbox, step, options);
  }

  /** Record a task's check as done (study mode: the learner solved it, or its solution ran). */
  recordCheck(step: Step, run: CheckRun): StepResult {
    this.attempted.add(step.name);
    return this.record(this.checks.done(step, run));
  }

  /** Record a step the learner chose not to run. */
  skip(step: Step, reason: string): StepResult {
    this.attempted.add(step.name);
    return this.record(this.judge.skipped(step, reason));
  }

  /**
   * Background steps that have ended since the last look, judged now (study
   * mode shows them before the next prose). One still printing gets up to
   * `graceMs` to end by itself first.
   */
  settledBackgrounds(graceMs = 0): Promise<StepResult[]> {
    return this.typed.finishedBackgrounds(graceMs);
  }

  /** A terminal of this lesson (opened on first use), for study mode's live view. */
  terminal(name: string): Promise<ShellTerminal> {
    return this.typed.terminals.open(name);
  }

  /** Settle background steps, save snapshots, tear the sandbox down. */
  async close(options: { fullRun: boolean } = { fullRun: true }): Promise<LessonResult> {
    if (this.closed) throw new Error('lesson run already closed');
    this.closed = true;
    try {
      await this.typed.finishedBackgrounds();
      await this.typed.settleBackgrounds();
    } finally {
      await this.teardown();
    }
    const { summary, problems } = await finishSnapshots(this.snapshots, {
      order: this.lesson.steps.map((s) => s.name),
      attempted: this.attempted,
      fullRun: options.fullRun,
      store: this.options.store,
      updateMode: this.options.updateMode,
      source: originalLessonFile(this.lesson),
      path: this.snapshotPath,
    });
    return {
      lesson: this.lesson,
      status: 'ran',
      // Lesson order, whatever order they settled in (a background step ends after later ones).
      steps: [...this.results].sort((a, b) => this.lesson.steps.indexOf(a.step) - this.lesson.steps.indexOf(b.step)),
      ...(problems.length > 0 ? { problems } : {}),
      snapshots: summary,
      durationMs: performance.now() - this.started,
    };
  }

  /** Tear everything down now (Ctrl-C, SIGTERM): no snapshot is written. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.teardown();
  }

  /** Sandbox first: its PID 1 exits and the kernel ends every shell at once. */
  private async teardown(): Promise<void> {
    await this.sandbox.close();
    await this.typed.terminals.close();
    this.judge.dispose();
  }

  private record(result: StepResult): StepResult {
    this.results.push(result);
    if (haltsLesson(result.outcome) && !this.halted) this.halted = result;
    this.options.events?.stepResult?.(result);
    return result;
  }
}
