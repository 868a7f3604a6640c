// The steps of a lesson run that are typed into a terminal: an ordinary step
// runs to its end; a background step starts and runs on while later steps
// run, until it ends by itself, a ^C step interrupts it, a later step of its
// terminal waits for it, or the lesson ends. Each is judged once its commands
// have ended and recorded at once, through the run's own record().
import type { Step } from '../lesson/types.js';
import type { LessonSandbox } from '../sandbox/kind.js';
import { INTERRUPT_GRACE_MS, type ShellTerminal } from '../session/terminal.js';
import { Backgrounds, within } from './backgrounds.js';
import { LessonTerminals } from './lesson-terminals.js';
import { bareResult, type StepResult } from './outcome.js';
import type { RunEvents } from './result.js';
import type { StepJudge } from './step-judge.js';

/** Where results go: the run records each (events, halting) and keeps them all. */
export interface ResultLog {
  record(result: StepResult): StepResult;
  readonly results: readonly StepResult[];
}

export class TypedSteps {
  readonly terminals: LessonTerminals;
  private readonly backgrounds = new Backgrounds();

  constructor(
    private readonly sandbox: LessonSandbox,
    private readonly events: RunEvents | undefined,
    private readonly judge: StepJudge,
    private readonly log: ResultLog,
  ) {
    this.terminals = new LessonTerminals(sandbox, events);
  }

  /** Type the step; its result, none while it runs on in the background. */
  async type(step: Step): Promise<StepResult | undefined> {
    const waitFailure = await this.waitForTerminal(step);
    if (waitFailure) return this.log.record(waitFailure);
    let terminal: ShellTerminal;
    try {
      terminal = await this.terminals.open(step.term);
    } catch (error) {
      return this.log.record(this.judge.failed(step, step.line, (error as Error).message));
    }
    const onText = (text: string): void => this.events?.stepOutput?.(step, text);
    const lines = step.commands.map((c) => ({ line: c.line, text: c.text }));
    const stopOnFailure = !step.exitDeclared;
    if (!step.background) {
      const transcript = await terminal.run(lines, { timeoutMs: this.timeoutOf(step), stopOnFailure, onText });
      return this.log.record(await this.judge.judge(step, transcript));
    }
    const ready = this.judge.readyMatcher(step);
    const handle = await terminal.start(lines, { timeoutMs: this.timeoutOf(step), stopOnFailure, onText, ...(ready ? { ready } : {}) });
    if (!handle.running) return this.log.record(await this.judge.judge(step, await handle.finished));
    this.backgrounds.add(step.term, { step, handle });
    this.events?.backgroundStarted?.(step);
    return undefined;
  }

  /** A ^C step: its terminal's background step interrupted and judged, then the ^C step's own result. */
  async interrupt(step: Step): Promise<StepResult[]> {
    const running = this.backgrounds.get(step.term);
    if (!running) {
      const finishedEarlier = this.log.results.some((r) => r.step.background && r.step.term === step.term);
      if (finishedEarlier) return [this.log.record(bareResult(step, { kind: 'passed', snapshot: 'none', note: 'nothing left to interrupt' }))];
      return [this.log.record(this.judge.failed(step, step.line, `no background step is running in terminal "${step.term}" to interrupt`))];
    }
    this.backgrounds.take(step.term);
    const started = performance.now();
    const transcript = await running.handle.interrupt(Math.min(this.timeoutOf(step), INTERRUPT_GRACE_MS));
    const background = this.log.record(await this.judge.judge(running.step, transcript));
    return [background, this.log.record({ ...bareResult(step), durationMs: performance.now() - started })];
  }

  /** Background steps that ended by themselves since the last look (see Backgrounds.takeFinished for `graceMs`). */
  async finishedBackgrounds(graceMs = 0): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (const { step, transcript } of await this.backgrounds.takeFinished(graceMs)) results.push(this.log.record(await this.judge.judge(step, transcript)));
    return results;
  }

  /** The lesson ends: each background step still here settled (backgrounds.ts), judged and recorded. */
  async settleBackgrounds(): Promise<void> {
    for (const { step, transcript } of await this.backgrounds.settleAll((step) => this.timeoutOf(step))) {
      this.log.record(await this.judge.judge(step, transcript));
    }
  }

  /** A step for a terminal whose background step still runs waits for it to end. */
  private async waitForTerminal(step: Step): Promise<StepResult | undefined> {
    const running = this.backgrounds.get(step.term);
    if (!running) return undefined;
    const outcome = await within(running.handle.finished, this.timeoutOf(step));
    if (outcome === undefined) {
      return this.judge.failed(step, step.line,
        `terminal "${step.term}" is still running background step "${running.step.name}" (line ${running.step.line}); end it with a ^C step first`);
    }
    this.backgrounds.take(step.term);
    this.log.record(await this.judge.judge(running.step, outcome));
    return undefined;
  }

  /** The step's timeout in this sandbox (longer under emulation). */
  private timeoutOf(step: Step): number {
    return step.timeoutMs * this.sandbox.timeoutScale;
  }
}
