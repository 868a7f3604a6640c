// The pipeline for one lesson: sandbox up, requirements probed, each step
// typed into its terminal, rendered, normalized and compared with its
// snapshot, sandbox down. Both `learn test` and the study mode drive this one
// class, so a verdict means the same everywhere.
import path from 'node:path';
import type { Lesson, Step } from '../lesson/types.js';
import type { LessonSandbox, SandboxKind } from '../sandbox/kind.js';
import { openSandbox, sandboxKindFor } from '../sandbox/open.js';
import { newNonce } from '../session/markers.js';
import { probe, skipReason } from '../sandbox/probe.js';
import type { Privilege } from '../sandbox/privilege.js';
import { ShellTerminal, type BackgroundStep, type StepTranscript, INTERRUPT_GRACE_MS } from '../session/terminal.js';
import { lessonTerminalFiles, openLessonTerminal } from '../session/open.js';
import { ScreenRenderer, RENDER_COLUMNS, RENDER_ROWS } from '../render/screen.js';
import { BUILTIN_RULES, lessonRules, normalize, validateRuleSpec, type NormalizeRule } from '../normalize/index.js';
import { SnapshotState, type UpdateMode } from '../snapshot/state.js';
import type { SnapshotStore } from '../snapshot/store.js';
import { renderDiff } from '../snapshot/match.js';
import { judgeExecution, lastStatus, type StepOutcome, type StepResult } from './outcome.js';

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
  durationMs: number;
}

/** An input problem (bad snapshot file...): exit code 2. */
export class InputError extends Error {}

interface RunningBackground {
  step: Step;
  handle: BackgroundStep;
}

const TERMINAL_START_TIMEOUT_MS = 10_000;

export class LessonRun {
  private readonly terminals = new Map<string, ShellTerminal>();
  private readonly backgrounds = new Map<string, RunningBackground>();
  private readonly results: StepResult[] = [];
  private readonly rules: NormalizeRule[];
  private readonly renderer = new ScreenRenderer();
  private readonly nonce = newNonce();
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
  ) {
    this.rules = [...BUILTIN_RULES, ...lessonRules(lesson.meta.normalize)];
  }

  /**
   * Read the snapshots, make the sandbox, check the lesson's requirements.
   * Returns a skipped result when the machine cannot run the lesson.
   */
  static async open(lesson: Lesson, options: LessonRunOptions): Promise<LessonRun | LessonResult> {
    const started = performance.now();
    for (const spec of lesson.meta.normalize) {
      const problem = validateRuleSpec(spec);
      if (problem) throw new InputError(`${lesson.file}:${spec.line}: ${problem}`);
    }
    const stored = await options.store.read(lesson.file);
    const snapshotPath = options.store.pathFor(lesson.file);
    if (stored.kind === 'corrupt') {
      throw new InputError(`${stored.error.path}:${stored.error.line}: corrupt snapshot file: ${stored.error.message}`);
    }
    // Requirements first, so a lesson the machine cannot run says so whatever
    // else stands in its way. A host: true lesson not allowed to use the host
    // is probed in an ordinary sandbox, then skipped for that reason.
    // In a VM the lesson's root is the guest's: `host: true` asks for nothing there.
    const kind = sandboxKindFor(lesson.meta.sandbox, options.sandboxKind);
    const hostReason = kind === 'ns' ? hostAccessProblem(lesson, options) : undefined;
    const sandbox = await openSandbox({
      kind,
      lessonDir: path.dirname(path.resolve(lesson.file)),
      privilege: options.privilege,
      hostPrivileges: kind === 'ns' && lesson.meta.hostAccess && !hostReason,
      files: lessonTerminalFiles(path.basename(lesson.file, '.md')),
    });
    try {
      const report = await probe(sandbox, lesson.meta.requires, lesson.meta.kernel as never);
      const reason = skipReason(report) ?? hostReason;
      if (reason) {
        await sandbox.close();
        return { lesson, status: 'skipped', reason, steps: [], durationMs: performance.now() - started };
      }
    } catch (error) {
      await sandbox.close();
      throw error;
    }
    const state = new SnapshotState(stored.kind === 'ok' ? stored.file : undefined, options.updateMode);
    return new LessonRun(lesson, sandbox, state, snapshotPath, options, started);
  }

  /** Run one step; returns every result it settles (a ^C step settles a background one). */
  async run(step: Step): Promise<StepResult[]> {
    this.attempted.add(step.name);
    const settled = this.collectFinishedBackgrounds();
    if (this.halted && !this.options.continueAfterFailure) {
      return [...(await settled), this.record(this.skipped(step, `not run: step "${this.halted.step.name}" failed`))];
    }
    if (step.norun) return [...(await settled), this.record(this.skipped(step, 'norun: shown, never run'))];
    this.options.events?.stepStart?.(step);
    const results = [...(await settled)];
    if (step.interrupt) {
      results.push(...(await this.interruptStep(step)));
    } else {
      const result = await this.typeStep(step);
      if (result) results.push(result);
    }
    return results;
  }

  /** Record a step the learner chose not to run. */
  skip(step: Step, reason: string): StepResult {
    this.attempted.add(step.name);
    return this.record(this.skipped(step, reason));
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
      // A background step still running when the lesson ends gets its own
      // timeout to end by itself (a `tcpdump -c 2` whose packets are still in
      // libpcap's buffer), then it is interrupted.
      const settled = await Promise.all([...this.backgrounds.values()].map(async (running) =>
        running.handle.running ? this.settleAtEnd(running) : running.handle.finished));
      const runs = [...this.backgrounds.values()];
      this.backgrounds.clear();
      for (const [index, running] of runs.entries()) this.record(await this.judge(running.step, settled[index]!));
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
    let written = false;
    let removedFile = false;
    if (changed && this.options.updateMode !== 'none') {
      // A lesson left with nothing to compare (every step nosnapshot) keeps no file.
      removedFile = file.entries.length === 0 && this.options.store.remove !== undefined;
      if (removedFile) await this.options.store.remove!(this.lesson.file);
      else await this.options.store.write(this.lesson.file, file);
      written = !removedFile;
    }
    return {
      lesson: this.lesson,
      status: 'ran',
      // Lesson order, whatever order they settled in (a background step ends after later ones).
      steps: [...this.results].sort((a, b) => this.lesson.steps.indexOf(a.step) - this.lesson.steps.indexOf(b.step)),
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
    const handle = await terminal.start(lines, { timeoutMs: this.timeoutOf(step), stopOnFailure, onText, ready: step.ready });
    if (!handle.running) return this.record(await this.judge(step, await handle.finished));
    this.backgrounds.set(step.term, { step, handle });
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
    this.backgrounds.delete(step.term);
    this.record(await this.judge(running.step, outcome));
    return undefined;
  }

  private async interruptStep(step: Step): Promise<StepResult[]> {
    const running = this.backgrounds.get(step.term);
    if (!running) {
      const finishedEarlier = this.results.some((r) => r.step.background && r.step.term === step.term);
      if (finishedEarlier) return [this.record({ ...this.emptyResult(step), outcome: { kind: 'passed', note: 'nothing left to interrupt' } })];
      return [this.record(this.failed(step, step.line, `no background step is running in terminal "${step.term}" to interrupt`))];
    }
    this.backgrounds.delete(step.term);
    const started = performance.now();
    const transcript = await running.handle.interrupt(Math.min(this.timeoutOf(step), INTERRUPT_GRACE_MS));
    const background = this.record(await this.judge(running.step, transcript));
    const own = { ...this.emptyResult(step), durationMs: performance.now() - started, outcome: { kind: 'passed' } as StepOutcome };
    return [background, this.record(own)];
  }

  private async settleAtEnd(running: RunningBackground): Promise<StepTranscript> {
    return (await within(running.handle.finished, this.timeoutOf(running.step))) ?? running.handle.interrupt(INTERRUPT_GRACE_MS);
  }

  /** Background steps that ended by themselves since the last look. */
  private async collectFinishedBackgrounds(): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (const [term, running] of this.backgrounds) {
      if (running.handle.running) continue;
      this.backgrounds.delete(term);
      results.push(this.record(await this.judge(running.step, await running.handle.finished)));
    }
    return results;
  }

  private async openTerminal(name: string): Promise<ShellTerminal> {
    const existing = this.terminals.get(name);
    if (existing?.alive) return existing;
    const events = this.options.events;
    const terminal = await openLessonTerminal(this.sandbox, {
      name,
      nonce: this.nonce,
      cols: RENDER_COLUMNS,
      rows: RENDER_ROWS,
      startTimeoutMs: TERMINAL_START_TIMEOUT_MS,
      onOutput: events?.terminalOutput ? (text) => events.terminalOutput?.(name, text) : undefined,
    });
    this.terminals.set(name, terminal);
    return terminal;
  }

  private async judge(step: Step, transcript: StepTranscript): Promise<StepResult> {
    const screen = await this.renderer.render(transcript.text);
    const output = normalize(screen, this.rules);
    const base: StepResult = {
      step,
      outcome: { kind: 'passed' },
      screen,
      output,
      exitStatus: transcript.statuses.length > 0 ? lastStatus(transcript) : undefined,
      durationMs: transcript.durationMs,
      cutChars: transcript.cutChars,
    };
    const execution = judgeExecution(step, transcript);
    if (execution) {
      this.snapshots.skip(step.name);
      return { ...base, outcome: execution };
    }
    // nosnapshot: nothing to compare, so a stored entry for it is obsolete.
    if (step.nosnapshot) return base;
    const check = this.snapshots.check(step.name, output);
    switch (check.kind) {
      case 'matched':
        return base;
      case 'written':
        return { ...base, outcome: { kind: 'passed', note: 'snapshot written' } };
      case 'updated':
        return { ...base, outcome: { kind: 'passed', note: 'snapshot updated' } };
      case 'missing':
        return { ...base, outcome: { kind: 'failed', line: step.line, message: `no snapshot for step "${step.name}" in ${this.snapshotPath}; record it with \`learn test ${this.lesson.file} --update\`` } };
      case 'differed':
        return {
          ...base,
          outcome: {
            kind: 'differed',
            expected: check.expected,
            actual: check.adjusted,
            diff: renderDiff(check.expected, check.adjusted, { color: this.options.color ?? false, expectedLabel: 'snapshot', actualLabel: 'this run' }),
          },
        };
    }
  }

  /** The step's timeout in this sandbox (longer under emulation). */
  private timeoutOf(step: Step): number {
    return step.timeoutMs * this.sandbox.timeoutScale;
  }

  private record(result: StepResult): StepResult {
    this.results.push(result);
    if ((result.outcome.kind === 'failed' || result.outcome.kind === 'timedOut') && !this.halted) this.halted = result;
    this.options.events?.stepResult?.(result);
    return result;
  }

  private emptyResult(step: Step): StepResult {
    return { step, outcome: { kind: 'passed' }, screen: '', output: '', durationMs: 0, cutChars: 0 };
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

/** Why a `host: true` lesson may not run here, if it may not. */
export function hostAccessProblem(lesson: Lesson, options: Pick<LessonRunOptions, 'allowHost' | 'privilege'>): string | undefined {
  if (!lesson.meta.hostAccess) return undefined;
  if (!options.allowHost) {
    return 'asks for host privileges (host: true): its commands would run as the host\'s real root; run it with --allow-host only if you trust it';
  }
  if (options.privilege && options.privilege.mode !== 'root') return 'asks for host privileges (host: true), which need learn to run as root';
  return undefined;
}

/** The promise's value, or undefined once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
