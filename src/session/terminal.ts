// One lesson terminal: an interactive bash in a pty inside the sandbox, driven
// line by line through the shell's own markers (markers.ts). Produces, for
// each step, the raw terminal text and the exit status of every command.
// Never sleeps or polls: every transition is a marker, a timer or an exit.
import { MarkerScanner, type ScanEvent } from './markers.js';
import { PromptSequence } from './protocol.js';
import { commandLineOf, replacedBy } from './shell-process.js';
import type { PtyProcess } from './pty.js';
import type { ShellProcesses } from '../sandbox/kind.js';
import { hostShellProcesses, shellPidUnder } from '../sandbox/host-processes.js';
import { ActiveStep, interruptedEnd, readyText } from './active-step.js';
import { INTERRUPT_GRACE_MS, type BackgroundStep, type LineToType, type RunOptions, type StartOptions, type StepEnd, type StepTranscript } from './step-types.js';

export type { BackgroundStep, CommandStatus, LineToType, RunOptions, StartOptions, StepEnd, StepTranscript, TextMatcher } from './step-types.js';
export { INTERRUPT_GRACE_MS } from './step-types.js';

const PROMPT_BUFFER_LIMIT = 4096;
/** How much of a background command's latest output `ready=` is matched against. */
const READY_WINDOW = 64 * 1024;

export class ShellTerminal {
  private readonly scanner: MarkerScanner;
  private readonly protocol = new PromptSequence();
  /** Why the shell's prompt protocol is gone, once it is. */
  private broken: string | undefined;
  /** The shell's command line at its first prompt, to see that it was not replaced (exec). */
  private shellCommandLine: string | undefined;
  private active: ActiveStep | undefined;
  private promptBuffer = '';
  private atPrompt = false;
  private lastStatus = 0;
  private exitCode: number | undefined;
  private readonly firstPrompt: Promise<void>;
  private resolveFirstPrompt!: () => void;
  private rejectFirstPrompt!: (e: Error) => void;
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
    this.scanner = new MarkerScanner(nonce);
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
    pty.onData((data) => {
      for (const event of this.scanner.push(data)) this.onEvent(event);
    });
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
    return this.exitCode === undefined && this.broken === undefined;
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  /** Host pid of the bash process (the pty's child is nsenter, bash its child). */
  shellPid(): number | undefined {
    return shellPidUnder(this.pty.pid);
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
    if (!this.active) this.typedSincePrompt = true;
    this.pty.write(data);
  }

  /**
   * Between steps: if anything was typed into this shell since its last
   * prompt (half a line, a command still running), erase it (^U) and cancel it (^C), and
   * wait for a fresh prompt, so the next step is typed onto a clean line.
   * Resolves false if no prompt came in time.
   */
  async clearInput(timeoutMs: number): Promise<boolean> {
    if (!this.alive || this.active || !this.typedSincePrompt) return this.alive && !this.active;
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
    if (this.active) throw new Error(`terminal ${this.name} is busy`);
    const step = new ActiveStep(lines, options, background);
    if (!this.alive) {
      this.finish(step, this.broken !== undefined ? { kind: 'protocolLost', reason: this.broken } : { kind: 'shellExited', code: this.exitCode ?? 0 });
      return step;
    }
    this.active = step;
    step.capture.append(this.promptBuffer);
    this.promptBuffer = '';
    if (!background || options.ready) {
      step.timer = setTimeout(() => this.onTimeout(step), options.timeoutMs);
    }
    this.typeNext(step);
    return step;
  }

  private onEvent(event: ScanEvent): void {
    const step = this.active;
    if (event.type === 'text') {
      for (const listener of this.outputListeners) listener(event.text);
      if (!step) {
        this.promptBuffer = (this.promptBuffer + event.text).slice(-PROMPT_BUFFER_LIMIT);
        return;
      }
      if (step.awaitingStatus) step.afterStatus += event.text;
      else step.capture.append(event.text);
      step.options.onText?.(event.text);
      if (step.options.ready && !step.readyMatched && step.launched) {
        step.outputSinceLaunch = (step.outputSinceLaunch + event.text).slice(-READY_WINDOW);
        this.checkReady(step);
      }
      return;
    }
    if (this.broken !== undefined) return;
    const verdict = this.protocol.accept(event);
    if (verdict.kind === 'copy') {
      // Printed by a command (`echo "${PS1@P}"`): output like any other.
      this.onEvent({ type: 'text', text: event.raw });
      return;
    }
    if (verdict.kind === 'broken') {
      this.onBroken(verdict.reason);
      return;
    }
    switch (event.kind) {
      case 'A':
        if (!step) this.promptBuffer = '';
        return;
      case 'B':
        this.atPrompt = true;
        if (step) {
          this.onPrompt(step);
          return;
        }
        this.onIdlePrompt();
        this.typedSincePrompt = false;
        for (const waiter of this.promptWaiters.splice(0)) waiter();
        return;
      case 'P':
        if (step) this.onContinuation(step);
        return;
      case 'C':
        if (!step) return;
        step.commandRan = true;
        if (!step.hasMoreCommands()) {
          step.launched = true;
          if (step.background && !step.options.ready && step.timer) clearTimeout(step.timer);
          this.notifyStarted();
        }
        return;
      case 'D':
        this.onStatus(step, event.status ?? 0);
        return;
    }
  }

  /** The shell no longer reports status as it must: end the step, close the terminal. */
  private onBroken(reason: string): void {
    if (this.broken !== undefined) return;
    this.broken = reason;
    const step = this.active;
    if (step) this.finish(step, { kind: 'protocolLost', reason }, step.afterStatus);
    void this.close();
  }

  private onStatus(step: ActiveStep | undefined, status: number): void {
    const ranCommand = step?.commandRan ?? false;
    // Without a C marker nothing ran (blank line, comment), unless bash
    // changed $? itself: that is a syntax error (status 2).
    const changed = status !== this.lastStatus;
    this.lastStatus = status;
    if (!step) return;
    if (ranCommand || changed) step.statuses.push({ line: step.commandLine, status });
    step.commandRan = false;
    step.awaitingStatus = true;
  }

  private onPrompt(step: ActiveStep): void {
    // The text since the last status is this prompt: part of the step if it goes on.
    const prompt = step.afterStatus;
    step.afterStatus = '';
    step.awaitingStatus = false;
    if (step.phase === 'interrupting') {
      this.finish(step, interruptedEnd(step, true), prompt);
      return;
    }
    if (step.phase === 'cancelling') {
      this.finish(step, { kind: 'incomplete', line: step.commandLine }, prompt);
      return;
    }
    const last = step.statuses[step.statuses.length - 1];
    if (last && last.status !== 0 && step.options.stopOnFailure && step.hasMoreCommands()) {
      this.finish(step, { kind: 'stopped', line: last.line, status: last.status }, prompt);
      return;
    }
    if (!step.hasMoreCommands()) {
      this.finish(step, { kind: 'completed' }, prompt);
      return;
    }
    step.capture.append(prompt);
    this.typeNext(step);
  }

  private onContinuation(step: ActiveStep): void {
    this.atPrompt = false;
    if (step.phase !== 'typing') return;
    if (step.nextIndex >= step.lines.length) {
      // The fence ended but bash wants more: cancel the unfinished command.
      step.phase = 'cancelling';
      this.pty.write('\x03');
      return;
    }
    this.typeNext(step);
  }

  /** Type the next line; blank lines at the primary prompt are left out. */
  private typeNext(step: ActiveStep): void {
    while (step.nextIndex < step.lines.length) {
      const line = step.lines[step.nextIndex++]!;
      if (this.atPrompt && line.text.trim() === '') continue;
      if (this.atPrompt) step.commandLine = line.line;
      this.atPrompt = false;
      this.pty.write(`${line.text}\r`);
      return;
    }
  }

  /** `ready=` looks at what the command printed, never at the typed command's echo. */
  private checkReady(step: ActiveStep): void {
    if (step.options.ready?.test(readyText(step.outputSinceLaunch))) {
      step.readyMatched = true;
      if (step.timer) clearTimeout(step.timer);
      this.notifyStarted();
    }
  }

  private notifyStarted(): void {
    for (const listener of [...this.startedListeners]) listener();
  }

  private onIdlePrompt(): void {
    if (this.shellCommandLine === undefined) {
      const shell = this.shellPid();
      this.shellCommandLine = shell === undefined ? '' : commandLineOf(shell);
    }
    this.resolveFirstPrompt();
  }

  private onTimeout(step: ActiveStep): void {
    if (step.phase !== 'typing') return;
    // `exec sh`: nothing of the lesson's shell is left to report or to ^C.
    const replacement = this.shellCommandLine ? replacedBy(this.shellPid(), this.shellCommandLine) : undefined;
    if (replacement !== undefined) {
      this.onBroken(`the shell was replaced by \`${replacement}\` (exec)`);
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
        this.finish(step, interruptedEnd(step, false), step.afterStatus);
        this.pty.kill('SIGKILL');
      }, graceMs);
    }, graceMs);
  }

  private onExit(code: number): void {
    const step = this.active;
    this.rejectFirstPrompt(new Error(`terminal ${this.name}: the shell exited (status ${code}) before its first prompt`));
    if (step) this.finish(step, { kind: 'shellExited', code }, step.afterStatus);
  }

  private finish(step: ActiveStep, end: StepEnd, trailing = ''): void {
    if (step.phase === 'done') return;
    const shellGone = end.kind === 'shellExited' || end.kind === 'protocolLost' || ((end.kind === 'timedOut' || end.kind === 'interrupted') && !end.shellSurvived);
    if (shellGone) {
      // Nothing follows: what came after the last status is part of the step.
      step.capture.append(trailing);
    } else {
      this.promptBuffer = trailing;
    }
    step.phase = 'done';
    if (step.timer) clearTimeout(step.timer);
    if (this.active === step) this.active = undefined;
    step.resolveFinished({
      text: step.capture.text(),
      cutChars: step.capture.cutChars,
      statuses: step.statuses,
      end,
      durationMs: performance.now() - step.started,
    });
    this.notifyStarted();
  }
}
