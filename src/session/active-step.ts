// The state of the step a lesson terminal is typing: its capture, the
// statuses seen so far, which line is next, and the promise its transcript
// settles. terminal.ts moves it through its phases.
import { Capture } from './capture.js';
import { stripEscapes } from '../text/escapes.js';
import type { CommandStatus, LineToType, StartOptions, StepEnd, StepTranscript } from './step-types.js';

type Phase = 'typing' | 'interrupting' | 'cancelling' | 'done';

export class ActiveStep {
  readonly capture = new Capture();
  readonly statuses: CommandStatus[] = [];
  readonly started = performance.now();
  phase: Phase = 'typing';
  /** Text after the latest D marker: the next prompt, or the end of the step. */
  afterStatus = '';
  awaitingStatus = false;
  commandRan = false;
  commandLine = 0;
  nextIndex = 0;
  launched = false;
  readyMatched = false;
  /** Output of the last command since it started, for `ready=` (bounded). */
  outputSinceLaunch = '';
  readingStdin = false;
  /** Interrupted by its own time limit (for a background step: no ready text in time). */
  timedOut = false;
  timer: NodeJS.Timeout | undefined;
  resolveFinished: (t: StepTranscript) => void = () => {};
  readonly finished = new Promise<StepTranscript>((resolve) => (this.resolveFinished = resolve));

  constructor(
    readonly lines: LineToType[],
    readonly options: StartOptions,
    readonly background: boolean,
  ) {}

  hasMoreCommands(): boolean {
    return this.lines.slice(this.nextIndex).some((l) => l.text.trim() !== '');
  }
}

/** How an interrupted step ended: its own timeout, or a ^C that settled a background step. */
export function interruptedEnd(step: ActiveStep, shellSurvived: boolean): StepEnd {
  return step.timedOut
    ? { kind: 'timedOut', readingStdin: step.readingStdin, shellSurvived }
    : { kind: 'interrupted', shellSurvived };
}

/** Plain text of terminal output, for `ready=` matching. */
export function readyText(text: string): string {
  return stripEscapes(text).replace(/\r/g, '');
}
