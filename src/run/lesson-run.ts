// The pipeline for one lesson: sandbox up, requirements probed, each step
// typed into its terminal, rendered, normalized and compared with its
// snapshot, sandbox down. Both `learn test` and the study mode drive this one
// class, so a verdict means the same everywhere.
import os from 'node:os';
import path from 'node:path';
import { originalLessonFile, type Lesson, type Step } from '../lesson/types.js';
import type { LessonSandbox } from '../sandbox/kind.js';
import { openSandbox, sandboxKindFor } from '../sandbox/open.js';
import { newNonce } from '../session/markers.js';
import { probe, skipReason } from '../sandbox/probe.js';
import { ShellTerminal, type StepTranscript, INTERRUPT_GRACE_MS } from '../session/terminal.js';
import { Backgrounds, within } from './backgrounds.js';
import type { LessonResult, LessonRunOptions } from './result.js';
import { hostAccessProblem } from './host-policy.js';
import { lessonTerminalFiles, openLessonTerminal } from '../session/open.js';
import { ScreenRenderer, RENDER_COLUMNS, RENDER_ROWS } from '../render/screen.js';
import { BUILTIN_RULES, lessonRules, normalize, LessonRuleError, type NormalizeRule } from '../normalize/index.js';
import { GuardedMatcher } from '../normalize/regexp-guard.js';
import { SnapshotState } from '../snapshot/state.js';
import { SnapshotFileError } from '../snapshot/store.js';
import { saveSnapshots } from './persist.js';
import { snapshotOutcome } from './judge.js';
import { withLoadNote, type MachineLoad } from './load-note.js';
import { haltsLesson, judgeExecution, lastStatus, type StepOutcome, type StepResult } from './outcome.js';
import { judgeAfter, judgeBefore, runCheck, unjudged, type CheckRun } from './task-run.js';
import { taskOfSolution } from '../lesson/tasks.js';

export type { LessonResult, LessonRunOptions, LessonStatus, RunEvents, SnapshotSummary } from './result.js';
export { hostAccessProblem } from './host-policy.js';
export { InputError } from '../error.js';
export { SnapshotFileError };

const TERMINAL_START_TIMEOUT_MS = 10_000;

export class LessonRun {
  private readonly terminals = new Map<string, ShellTerminal>();
  private readonly backgrounds = new Backgrounds();
  /** `ready=` matchers of background steps, by step name: a pattern that ran out of time says so. */
  private readonly readyMatchers = new Map<string, GuardedMatcher>();
  private readonly results: StepResult[] = [];
  private readonly renderer = new ScreenRenderer();
  private readonly nonce = newNonce();
  private halted: StepResult | undefined;
  private attempted = new Set<string>();
  /** Checks that failed before their solution, as they must, and wait for it. */
  private readonly pendingChecks = new Set<string>();
  private closed = false;
  /** A terminal opened ahead of its first step (warm()); settled, never rejected. */
  private warming: Promise<void> | undefined;
  /** Its output until the probe has passed: a skipped lesson shows none. */
  private heldOutput: Array<[string, string]> | undefined;

  private constructor(
    readonly lesson: Lesson,
    readonly sandbox: LessonSandbox,
    private readonly snapshots: SnapshotState,
    private readonly snapshotPath: string,
    private readonly options: LessonRunOptions,
    private readonly started: number,
    private readonly rules: NormalizeRule[],
  ) {}

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
    if (options.updateMode !== 'none') await options.store.sweep?.(source);
    const stored = await options.store.read(source);
    const snapshotPath = options.store.pathFor(source);
    if (stored.kind === 'corrupt') {
      throw new SnapshotFileError(stored.error.path, stored.error.line, `corrupt snapshot file: ${stored.error.message}`);
    }
    // Requirements first, so a lesson the machine cannot run says so whatever
    // else stands in its way. A host: true lesson not allowed to use the host
    // is probed in an ordinary sandbox, then skipped for that reason.
    // In a VM the lesson's root is the guest's: `host: true` asks for nothing there.
    const kind = sandboxKindFor(lesson.meta.sandbox, options.sandboxKind);
    const hostReason = kind === 'ns' ? hostAccessProblem(lesson, options) : undefined;
    // The stored side is normalized too: a real MAC or round-trip time in a
    // hand-written snapshot (or one recorded before a rule existed) matches.
    const rules = [...BUILTIN_RULES, ...lessonRules(lesson.meta.normalize)];
    const state = new SnapshotState(stored.kind === 'ok' ? stored.file : undefined, options.updateMode, {
      normalizeExpected: (text) => normalize(text, rules),
    });
    const sandbox = await openSandbox({
      kind,
      lessonDir: path.dirname(path.resolve(source)),
      privilege: options.privilege,
      hostPrivileges: kind === 'ns' && lesson.meta.hostAccess && !hostReason,
      files: lessonTerminalFiles(lesson.name),
    });
    const run = new LessonRun(lesson, sandbox, state, snapshotPath, options, started, rules);
    // Performance: the first step's shell starts while the probe runs (docs/performance.md).
    const first = lesson.steps.find((step) => !step.norun && !step.check && !step.interrupt);
    if (first) run.warm(first.term);
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
    run.releaseOutput();
    return run;
  }

  /** Run one step; returns every result it settles (a ^C step settles a background one). */
  async run(step: Step): Promise<StepResult[]> {
    this.attempted.add(step.name);
    const settled = this.collectFinishedBackgrounds();
    if (this.halted && !this.options.continueAfterFailure) {
      return [...(await settled), this.record(this.skipped(step, `not run: step "${this.halted.step.name}" failed`))];
    }
    if (step.norun) return [...(await settled), this.record(this.skipped(step, 'norun: shown, never run'))];
    if (step.check) return [...(await settled), ...(await this.checkBefore(step))];
    this.options.events?.stepStart?.(step);
    const results = [...(await settled)];
    if (step.interrupt) {
      results.push(...(await this.interruptStep(step)));
    } else {
      const result = await this.typeStep(step);
      if (result) results.push(result);
    }
    const task = taskOfSolution(this.lesson.steps, step);
    if (task?.last && this.pendingChecks.delete(task.check.name)) results.push(await this.checkAfter(task.check, results));
    return results;
  }

  /** Run a task's check once now (study mode, after each of the learner's commands). */
  check(step: Step, options: { retry: boolean } = { retry: false }): Promise<CheckRun> {
    return runCheck(this.sandbox, step, options);
  }

  /** Record a task's check as done (study mode: the learner solved it, or its solution ran). */
  recordCheck(step: Step, run: CheckRun): StepResult {
    this.attempted.add(step.name);
    this.pendingChecks.delete(step.name);
    return this.record(judgeAfter(step, run));
  }

  /** learn test: before its solution, a check must fail. */
  private async checkBefore(step: Step): Promise<StepResult[]> {
    const broken = judgeBefore(step, await runCheck(this.sandbox, step, { retry: false }));
    if (broken) return [this.record(broken)];
    this.pendingChecks.add(step.name);
    return [];
  }

  /** learn test: after its solution's last step, a check must pass. */
  private async checkAfter(check: Step, solution: StepResult[]): Promise<StepResult> {
    // A solution whose output merely differs still did its work: judge the check.
    if (solution.some((r) => r.step.solution === check.name && ['failed', 'timedOut', 'skipped'].includes(r.outcome.kind))) {
      return this.record(unjudged(check, 'not checked: its solution did not run as it should'));
    }
    return this.record(judgeAfter(check, await runCheck(this.sandbox, check, { retry: true })));
  }

  /** Record a step the learner chose not to run. */
  skip(step: Step, reason: string): StepResult {
    this.attempted.add(step.name);
    return this.record(this.skipped(step, reason));
  }

  /** Background steps that have ended since the last look, judged now (study mode shows them before the next prose). */
  settledBackgrounds(): Promise<StepResult[]> {
    return this.collectFinishedBackgrounds();
  }

  /** A terminal of this lesson (opened on first use), for study mode's live view. */
  terminal(name: string): Promise<ShellTerminal> {
    return this.openTerminal(name);
  }

  /** Settle background steps, save snapshots, tear the sandbox down. */
  async close(options: { fullRun: boolean } = { fullRun: true }): Promise<LessonResult> {
    if (this.closed) throw new Error('lesson run already closed');
    this.closed = true;
    try {
      await this.collectFinishedBackgrounds();
      for (const { step, transcript } of await this.backgrounds.settleAll((step) => this.timeoutOf(step))) {
        this.record(await this.judge(step, transcript));
      }
    } finally {
      await this.teardown();
    }
    for (const step of this.lesson.steps) {
      if (!this.attempted.has(step.name)) this.snapshots.skip(step.name);
    }
    const fullRun = options.fullRun && this.lesson.steps.every((s) => this.attempted.has(s.name));
    const order = this.lesson.steps.map((s) => s.name);
    const obsolete = this.snapshots.obsolete();
    const { file, changed } = this.snapshots.result(order, fullRun);
    const saved = changed && this.options.updateMode !== 'none'
      ? await saveSnapshots(this.options.store, originalLessonFile(this.lesson), file)
      : { written: false, removedFile: false, problems: [] };
    const { written, removedFile, problems } = saved;
    return {
      lesson: this.lesson,
      status: 'ran',
      // Lesson order, whatever order they settled in (a background step ends after later ones).
      steps: [...this.results].sort((a, b) => this.lesson.steps.indexOf(a.step) - this.lesson.steps.indexOf(b.step)),
      ...(problems.length > 0 ? { problems } : {}),
      snapshots: {
        path: this.snapshotPath,
        written,
        obsolete,
        removedObsolete: (written || removedFile) && fullRun && this.options.updateMode === 'all' && obsolete.length > 0,
        removedFile,
      },
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
    await this.warming;
    await Promise.all([...this.terminals.values()].map((t) => t.close()));
    this.renderer.dispose();
  }

  private async typeStep(step: Step): Promise<StepResult | undefined> {
    const waitFailure = await this.waitForTerminal(step);
    if (waitFailure) return this.record(waitFailure);
    let terminal: ShellTerminal;
    try {
      terminal = await this.openTerminal(step.term);
    } catch (error) {
      return this.record(this.failed(step, step.line, (error as Error).message));
    }
    const onText = (text: string): void => this.options.events?.stepOutput?.(step, text);
    const lines = step.commands.map((c) => ({ line: c.line, text: c.text }));
    const stopOnFailure = !step.exitDeclared;
    if (!step.background) {
      const transcript = await terminal.run(lines, { timeoutMs: this.timeoutOf(step), stopOnFailure, onText });
      return this.record(await this.judge(step, transcript));
    }
    const ready = step.ready && new GuardedMatcher(step.ready);
    if (ready) this.readyMatchers.set(step.name, ready);
    const handle = await terminal.start(lines, { timeoutMs: this.timeoutOf(step), stopOnFailure, onText, ...(ready ? { ready } : {}) });
    if (!handle.running) return this.record(await this.judge(step, await handle.finished));
    this.backgrounds.add(step.term, { step, handle });
    this.options.events?.backgroundStarted?.(step);
    return undefined;
  }

  /** A step for a terminal whose background step still runs waits for it to end. */
  private async waitForTerminal(step: Step): Promise<StepResult | undefined> {
    const running = this.backgrounds.get(step.term);
    if (!running) return undefined;
    const outcome = await within(running.handle.finished, this.timeoutOf(step));
    if (outcome === undefined) {
      return this.failed(step, step.line,
        `terminal "${step.term}" is still running background step "${running.step.name}" (line ${running.step.line}); end it with a ^C step first`);
    }
    this.backgrounds.take(step.term);
    this.record(await this.judge(running.step, outcome));
    return undefined;
  }

  private async interruptStep(step: Step): Promise<StepResult[]> {
    const running = this.backgrounds.get(step.term);
    if (!running) {
      const finishedEarlier = this.results.some((r) => r.step.background && r.step.term === step.term);
      if (finishedEarlier) return [this.record({ ...this.emptyResult(step), outcome: { kind: 'passed', snapshot: 'none', note: 'nothing left to interrupt' } })];
      return [this.record(this.failed(step, step.line, `no background step is running in terminal "${step.term}" to interrupt`))];
    }
    this.backgrounds.take(step.term);
    const started = performance.now();
    const transcript = await running.handle.interrupt(Math.min(this.timeoutOf(step), INTERRUPT_GRACE_MS));
    const background = this.record(await this.judge(running.step, transcript));
    const own = { ...this.emptyResult(step), durationMs: performance.now() - started, outcome: { kind: 'passed', snapshot: 'none' } as StepOutcome };
    return [background, this.record(own)];
  }

  /** Background steps that ended by themselves since the last look. */
  private async collectFinishedBackgrounds(): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (const { step, transcript } of await this.backgrounds.takeFinished()) results.push(this.record(await this.judge(step, transcript)));
    return results;
  }

  /**
   * Start a terminal's shell now, ahead of its first step. If it fails, the
   * step opens it again and reports that failure itself.
   */
  private warm(name: string): void {
    this.heldOutput = [];
    this.warming = this.openTerminal(name).then(() => undefined, () => undefined);
  }

  private output(terminal: string, text: string): void {
    if (this.heldOutput) this.heldOutput.push([terminal, text]);
    else this.options.events?.terminalOutput?.(terminal, text);
  }

  /** The probe passed: pass on what the early terminal showed. */
  private releaseOutput(): void {
    const held = this.heldOutput ?? [];
    this.heldOutput = undefined;
    for (const [terminal, text] of held) this.output(terminal, text);
  }

  private async openTerminal(name: string): Promise<ShellTerminal> {
    const warming = this.warming;
    this.warming = undefined;
    await warming;
    const existing = this.terminals.get(name);
    if (existing?.alive) return existing;
    const events = this.options.events;
    const terminal = await openLessonTerminal(this.sandbox, {
      name,
      nonce: this.nonce,
      cols: RENDER_COLUMNS,
      rows: RENDER_ROWS,
      startTimeoutMs: TERMINAL_START_TIMEOUT_MS,
      onOutput: events?.terminalOutput ? (text) => this.output(name, text) : undefined,
    });
    this.terminals.set(name, terminal);
    return terminal;
  }

  private async judge(step: Step, transcript: StepTranscript): Promise<StepResult> {
    const screen = await this.renderer.render(transcript.text);
    const readyProblem = this.readyMatchers.get(step.name)?.problem;
    if (readyProblem) {
      this.snapshots.skip(step.name);
      return { ...this.emptyResult(step), screen, durationMs: transcript.durationMs, outcome: { kind: 'failed', line: step.line, message: `step attribute \`ready\`: ${readyProblem.message}` } };
    }
    try {
      return this.judgeOutput(step, transcript, screen);
    } catch (error) {
      // A lesson's normalize rule that ran out of time: this step cannot be judged.
      if (!(error instanceof LessonRuleError)) throw error;
      this.snapshots.skip(step.name);
      return { ...this.emptyResult(step), screen, durationMs: transcript.durationMs, outcome: { kind: 'failed', line: error.line, message: error.problem } };
    }
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
    const check = this.snapshots.check(step.name, output);
    const context = { snapshotPath: this.snapshotPath, lessonFile: originalLessonFile(this.lesson), color: this.options.color ?? false };
    const outcome = snapshotOutcome(step, check, context);
    return { ...base, outcome: withLoadNote(outcome, transcript.end.kind === 'interrupted', machineLoad()) };
  }

  /** The step's timeout in this sandbox (longer under emulation). */
  private timeoutOf(step: Step): number {
    return step.timeoutMs * this.sandbox.timeoutScale;
  }

  private record(result: StepResult): StepResult {
    this.results.push(result);
    if (haltsLesson(result.outcome) && !this.halted) this.halted = result;
    this.options.events?.stepResult?.(result);
    return result;
  }

  private emptyResult(step: Step): StepResult {
    return { step, outcome: { kind: 'passed', snapshot: 'none' }, screen: '', output: '', durationMs: 0, cutChars: 0 };
  }

  private skipped(step: Step, reason: string): StepResult {
    this.snapshots.skip(step.name);
    return { ...this.emptyResult(step), outcome: { kind: 'skipped', reason } };
  }

  private failed(step: Step, line: number, message: string): StepResult {
    this.snapshots.skip(step.name);
    return { ...this.emptyResult(step), outcome: { kind: 'failed', line, message } };
  }
}

/** The load average now, for a word on failures that load can cause. */
function machineLoad(): MachineLoad {
  return { average: os.loadavg()[0] ?? 0, cpus: os.availableParallelism() };
}
