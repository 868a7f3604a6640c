// What a lesson terminal is asked to type and what it gives back for a
// step: the lines, the options, the transcript and how the step ended.
// Types (and the ^C grace time) only; terminal.ts drives them.

export interface LineToType {
  /** Source line, for reports. */
  line: number;
  text: string;
}

export interface CommandStatus {
  line: number;
  status: number;
}

export type StepEnd =
  /** Every line typed; the shell is back at its prompt. */
  | { kind: 'completed' }
  /** A command before the last one failed; the lines after it were not typed. */
  | { kind: 'stopped'; line: number; status: number }
  /** The fence ended inside an unfinished command (quote, heredoc, block). */
  | { kind: 'incomplete'; line: number }
  | { kind: 'timedOut'; readingStdin: boolean; shellSurvived: boolean }
  /** A background step settled by ^C. */
  | { kind: 'interrupted'; shellSurvived: boolean }
  | { kind: 'shellExited'; code: number }
  /** The shell stopped reporting command status as it must (protocol.ts); the terminal is closed. */
  | { kind: 'protocolLost'; reason: string };

export interface StepTranscript {
  /** What the terminal received, markers removed, from the step's first prompt. */
  text: string;
  cutChars: number;
  statuses: CommandStatus[];
  end: StepEnd;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  /** Stop typing after a command that fails, unless it was the last one. */
  stopOnFailure: boolean;
  /** Live output, as it arrives (markers removed). */
  onText?: (text: string) => void;
}

/** What `ready=` is matched with: a RegExp, or a matcher that cannot block (run/). */
export interface TextMatcher {
  test(text: string): boolean;
}

export interface StartOptions extends RunOptions {
  /** Wait until the output shows this before reporting the step started. */
  ready?: TextMatcher;
}

export interface BackgroundStep {
  /** Resolves when the command ends by itself or after interrupt(). */
  readonly finished: Promise<StepTranscript>;
  /** True until the step is settled. */
  readonly running: boolean;
  /** Milliseconds since it last printed anything. */
  readonly quietForMs: number;
  /** Send ^C and wait for the shell's prompt (then kill, after `graceMs`). */
  interrupt(graceMs: number): Promise<StepTranscript>;
}

/** Time after ^C before the foreground job is killed, and again before giving up. */
export const INTERRUPT_GRACE_MS = 2000;
