// One lesson terminal: an interactive bash in a pty inside the sandbox, driven
// line by line through the shell's own markers (marker-protocol.ts). Produces,
// for each step, the raw terminal text and the exit status of every command.
// Never sleeps or polls: every transition is a marker, a timer or an exit.
// What the shell's processes are doing (a timed-out command waiting for
// input, a shell replaced by `exec`) is asked of the sandbox's process table.
import type { PtyProcess } from './pty.js';
import type { ShellProcesses } from '../sandbox/kind.js';
import { hostShellProcesses } from '../sandbox/host-processes.js';
import { ActiveStep, interruptedEnd } from './active-step.js';
import { MarkerProtocol } from './marker-protocol.js';
import path from 'node:path';
import { INTERRUPT_GRACE_MS, type BackgroundStep, type LineToType, type RunOptions, type StartOptions, type StepTranscript } from './step-types.js';

export type { BackgroundStep, CommandStatus, LineToType, RunOptions, StartOptions, StepEnd, StepTranscript, TextMatcher } from './step-types.js';
export { INTERRUPT_GRACE_MS } from './step-types.js';

export class ShellTerminal {
  private readonly protocol: MarkerProtocol;
  /** The shell's command line at its first prompt, to see that it was not replaced (exec). */
  private shellCommandLine: string | undefined;
  private exitCode: number | undefined;
  private readonly firstPrompt: Promise<void>;
  private resolveFirstPrompt: () => void = () => {};
  private rejectFirstPrompt: (e: Error) => void = () => {};
  private readonly exited: Promise<number>;
  private startedListeners: Array<() => void> = [];
  private readonly outputListeners: Array<(text: string) => void> = [];
  /** Input was written between steps since the shell last showed its prompt. */
  private typedSincePrompt = false;
  private promptWaiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    private readonly pty: PtyProcess,
    nonce: string,
    /** Where the shell's processes are inspected: the host's /proc unless the sandbox says otherwise. */
    private readonly processes: ShellProcesses = hostShellProcesses(pty.pid),
  ) {
    this.protocol = new MarkerProtocol(nonce, {
      write: (data) => this.pty.write(data),
      text: (text) => {
        for (const listener of this.outputListeners) listener(text);
      },
      idlePrompt: () => this.onIdlePrompt(),
      progressed: () => this.notifyStarted(),
      lost: () => void this.close(),
    });
    this.firstPrompt = new Promise((resolve, reject) => {
      this.resolveFirstPrompt = resolve;
      this.rejectFirstPrompt = reject;
    });
    this.exited = new Promise((resolve) => {
      pty.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        this.onExit(exitCode);
        resolve(exitCode);
      });
    });
    pty.onData((data) => this.protocol.push(data));
  }

  /** Resolves at the shell's first prompt. */
  ready(timeoutMs: number): Promise<void> {
    const timer = setTimeout(
      () => this.rejectFirstPrompt(new Error(`terminal ${this.name}: the shell did not show a prompt within ${timeoutMs} ms`)),
      timeoutMs,
    );
    return this.firstPrompt.finally(() => clearTimeout(timer));
  }

  /** The shell runs and still reports command status. */
  get alive(): boolean {
    return this.exitCode === undefined && this.protocol.broken === undefined;
  }

  get busy(): boolean {
    return this.protocol.active !== undefined;
  }

  /** Type the lines and wait until the last command has finished. */
  run(lines: LineToType[], options: RunOptions): Promise<StepTranscript> {
    const step = this.begin(lines, options, false);
    return step.finished;
  }

  /** Type the lines; resolve once the last command runs (and shows `ready`). */
  start(lines: LineToType[], options: StartOptions): Promise<BackgroundStep> {
    const step = this.begin(lines, options, true);
    return new Promise((resolve) => {
      const handle: BackgroundStep = {
        finished: step.finished,
        get running() {
          return step.phase !== 'done';
        },
        get quietForMs() {
          return performance.now() - step.capture.lastOutputAt;
        },
        interrupt: (graceMs) => this.interruptBackground(step, graceMs),
      };
      const check = (): void => {
        if (step.phase === 'done' || (step.launched && (!options.ready || step.readyMatched))) {
          this.startedListeners = this.startedListeners.filter((l) => l !== check);
          resolve(handle);
        }
      };
      this.startedListeners.push(check);
      check();
    });
  }

  /** Everything the terminal shows, markers removed, during steps and between them (recordings). */
  onOutput(listener: (text: string) => void): void {
    this.outputListeners.push(listener);
  }

  /** Send raw input (used by study mode's key forwarding). */
  write(data: string): void {
    if (!this.alive) return;
    if (!this.protocol.active) this.typedSincePrompt = true;
    this.pty.write(data);
  }

  /**
   * Between steps: if anything was typed into this shell since its last
   * prompt (half a line, a command still running), erase it (^U) and cancel it (^C), and
   * wait for a fresh prompt, so the next step is typed onto a clean line.
   * Resolves false if no prompt came in time.
   */
  async clearInput(timeoutMs: number): Promise<boolean> {
    if (!this.alive || this.protocol.active || !this.typedSincePrompt) return this.alive && !this.protocol.active;
    let timer: NodeJS.Timeout | undefined;
    const prompt = new Promise<boolean>((resolve) => {
      this.promptWaiters.push(() => resolve(true));
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    // ^U first: the half line in the terminal's line buffer (which ^C leaves there under noflsh).
    this.pty.write('\x15\x03');
    try {
      return await prompt;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stop reading the shell's output (its programs block on a full pty) until resume(). */
  pause(): void {
    this.pty.pause?.();
  }

  resume(): void {
    this.pty.resume?.();
  }

  /** Hang up, then kill what is left. */
  async close(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.pty.kill('SIGHUP');
    const timer = setTimeout(() => this.pty.kill('SIGKILL'), INTERRUPT_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private begin(lines: LineToType[], options: StartOptions, background: boolean): ActiveStep {
    if (this.protocol.active) throw new Error(`terminal ${this.name} is busy`);
    const step = new ActiveStep(lines, options, background);
    if (!this.alive) {
      const broken = this.protocol.broken;
      this.protocol.finish(step, broken !== undefined ? { kind: 'protocolLost', reason: broken } : { kind: 'shellExited', code: this.exitCode ?? 0 });
      return step;
    }
    if (!background || options.ready) {
      step.timer = setTimeout(() => this.onTimeout(step), options.timeoutMs);
    }
    this.protocol.begin(step);
    return step;
  }

  private notifyStarted(): void {
    for (const listener of [...this.startedListeners]) listener();
  }

  private onIdlePrompt(): void {
    this.shellCommandLine ??= this.processes.shellCommandLine();
    this.resolveFirstPrompt();
    this.typedSincePrompt = false;
    for (const waiter of this.promptWaiters.splice(0)) waiter();
  }

  private onTimeout(step: ActiveStep): void {
    if (step.phase !== 'typing') return;
    // `exec sh`: nothing of the lesson's shell is left to report or to ^C.
    const replacement = this.shellCommandLine ? replacedBy(this.processes.shellCommandLine(), this.shellCommandLine) : undefined;
    if (replacement !== undefined) {
      this.protocol.lose(`the shell was replaced by \`${replacement}\` (exec)`);
      return;
    }
    step.timedOut = true;
    // Asked before the ^C, which would end the read; a VM answers over its control port.
    void this.processes.foregroundReadsTerminal().catch(() => false).then((reading) => {
      step.readingStdin = reading;
      if (step.phase === 'typing') this.interrupt(step, INTERRUPT_GRACE_MS);
    });
  }

  private interruptBackground(step: ActiveStep, graceMs: number): Promise<StepTranscript> {
    if (step.phase === 'typing') this.interrupt(step, graceMs);
    return step.finished;
  }

  /** ^C, then SIGKILL to the foreground job, then give up on the shell. */
  private interrupt(step: ActiveStep, graceMs: number): void {
    step.phase = 'interrupting';
    step.nextIndex = step.lines.length;
    this.pty.write('\x03');
    step.timer = setTimeout(() => {
      this.processes.killForegroundJob();
      step.timer = setTimeout(() => {
        this.protocol.finish(step, interruptedEnd(step, false), step.afterStatus);
        this.pty.kill('SIGKILL');
      }, graceMs);
    }, graceMs);
  }

  private onExit(code: number): void {
    const step = this.protocol.active;
    this.rejectFirstPrompt(new Error(`terminal ${this.name}: the shell exited (status ${code}) before its first prompt`));
    if (step) this.protocol.finish(step, { kind: 'shellExited', code }, step.afterStatus);
  }
}

/** The program that now runs as the shell when its command line is no longer `original` (exec); '' is not known. */
function replacedBy(now: string, original: string): string | undefined {
  if (now === '' || now === original) return undefined;
  return path.basename(now.split(' ')[0] ?? now);
}
