// The conversation with a lesson terminal's bash, through its markers
// (markers.ts, protocol.ts): what it prints goes to the active step's capture
// or, between steps, to the prompt kept for the next step; each prompt types
// the step's next line, each status is recorded, and the step finishes when
// the shell is back at its prompt with nothing left to type. Timers, ^C and
// the shell's processes stay with terminal.ts.
import { MarkerScanner, type ScanEvent } from './markers.js';
import { PromptSequence } from './protocol.js';
import { interruptedEnd, readyText, type ActiveStep } from './active-step.js';
import type { StepEnd } from './step-types.js';

const PROMPT_BUFFER_LIMIT = 4096;
/** How much of a background command's latest output `ready=` is matched against. */
const READY_WINDOW = 64 * 1024;

/** What the protocol needs of its terminal. */
export interface ProtocolHost {
  /** Type into the shell. */
  write(data: string): void;
  /** Text the terminal shows, markers removed, in steps and between them. */
  text(text: string): void;
  /** The shell shows its prompt with no step running. */
  idlePrompt(): void;
  /** A step was launched, showed its ready text, or finished. */
  progressed(): void;
  /** The protocol is broken for good: the terminal must close. */
  lost(reason: string): void;
}

export class MarkerProtocol {
  private readonly scanner: MarkerScanner;
  private readonly sequence = new PromptSequence();
  private step: ActiveStep | undefined;
  /** Why the shell's prompt protocol is gone, once it is. */
  private lostReason: string | undefined;
  /** What the shell printed since the last step: the prompt the next step starts with. */
  private promptBuffer = '';
  private atPrompt = false;
  private lastStatus = 0;

  constructor(nonce: string, private readonly host: ProtocolHost) {
    this.scanner = new MarkerScanner(nonce);
  }

  get active(): ActiveStep | undefined {
    return this.step;
  }

  get broken(): string | undefined {
    return this.lostReason;
  }

  /** Bytes from the pty. */
  push(data: string): void {
    for (const event of this.scanner.push(data)) this.onEvent(event);
  }

  /** Make `step` the active one, from the prompt shown since the last step, and type its first line. */
  begin(step: ActiveStep): void {
    this.step = step;
    step.capture.append(this.promptBuffer);
    this.promptBuffer = '';
    this.typeNext(step);
  }

  /** The shell no longer reports status as it must: end the step; the terminal closes. */
  lose(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    const step = this.step;
    if (step) this.finish(step, { kind: 'protocolLost', reason }, step.afterStatus);
    this.host.lost(reason);
  }

  /** Settle the step; `trailing` (the text after its last status) is the next prompt, or the step's when the shell is gone. */
  finish(step: ActiveStep, end: StepEnd, trailing = ''): void {
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
    if (this.step === step) this.step = undefined;
    step.resolveFinished({
      text: step.capture.text(),
      cutChars: step.capture.cutChars,
      statuses: step.statuses,
      end,
      durationMs: performance.now() - step.started,
    });
    this.host.progressed();
  }

  private onEvent(event: ScanEvent): void {
    const step = this.step;
    if (event.type === 'text') {
      this.host.text(event.text);
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
    if (this.lostReason !== undefined) return;
    const verdict = this.sequence.accept(event);
    if (verdict.kind === 'copy') {
      // Printed by a command (`echo "${PS1@P}"`): output like any other.
      this.onEvent({ type: 'text', text: event.raw });
      return;
    }
    if (verdict.kind === 'broken') {
      this.lose(verdict.reason);
      return;
    }
    switch (event.kind) {
      case 'A':
        if (!step) this.promptBuffer = '';
        return;
      case 'B':
        this.atPrompt = true;
        if (step) this.onPrompt(step);
        else this.host.idlePrompt();
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
          this.host.progressed();
        }
        return;
      case 'D':
        this.onStatus(step, event.status ?? 0);
        return;
    }
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
      this.host.write('\x03');
      return;
    }
    this.typeNext(step);
  }

  /** Type the next line; blank lines at the primary prompt are left out. */
  private typeNext(step: ActiveStep): void {
    for (const line of step.lines.slice(step.nextIndex)) {
      step.nextIndex += 1;
      if (this.atPrompt && line.text.trim() === '') continue;
      if (this.atPrompt) step.commandLine = line.line;
      this.atPrompt = false;
      this.host.write(`${line.text}\r`);
      return;
    }
  }

  /** `ready=` looks at what the command printed, never at the typed command's echo. */
  private checkReady(step: ActiveStep): void {
    if (step.options.ready?.test(readyText(step.outputSinceLaunch))) {
      step.readyMatched = true;
      if (step.timer) clearTimeout(step.timer);
      this.host.progressed();
    }
  }
}
