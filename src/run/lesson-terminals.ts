// A lesson run's terminals: one shell per `term=` name, opened on first use
// (the first step's ahead of time, while the requirement probe runs), all
// closed with the run. Until the probe has passed their output is held: a
// skipped lesson shows none.
import type { LessonSandbox } from '../sandbox/kind.js';
import { newNonce } from '../session/markers.js';
import { openLessonTerminal } from '../session/open.js';
import type { ShellTerminal } from '../session/terminal.js';
import { RENDER_COLUMNS, RENDER_ROWS } from '../render/screen.js';
import type { RunEvents } from './result.js';

const TERMINAL_START_TIMEOUT_MS = 10_000;

export class LessonTerminals {
  private readonly terminals = new Map<string, ShellTerminal>();
  private readonly nonce = newNonce();
  /** A terminal opened ahead of its first step (warm()); settled, never rejected. */
  private warming: Promise<void> | undefined;
  /** Its output until the probe has passed. */
  private heldOutput: Array<[string, string]> | undefined;

  constructor(private readonly sandbox: LessonSandbox, private readonly events: RunEvents | undefined) {}

  /**
   * Start a terminal's shell now, ahead of its first step. If it fails, the
   * step opens it again and reports that failure itself.
   */
  warm(name: string): void {
    this.heldOutput = [];
    this.warming = this.open(name).then(() => undefined, () => undefined);
  }

  /** The probe passed: pass on what the early terminal showed. */
  releaseOutput(): void {
    const held = this.heldOutput ?? [];
    this.heldOutput = undefined;
    for (const [terminal, text] of held) this.output(terminal, text);
  }

  /** Terminal `name`, its shell started on first use (or again, once it has exited). */
  async open(name: string): Promise<ShellTerminal> {
    const warming = this.warming;
    this.warming = undefined;
    await warming;
    const existing = this.terminals.get(name);
    if (existing?.alive) return existing;
    const terminal = await openLessonTerminal(this.sandbox, {
      name,
      nonce: this.nonce,
      cols: RENDER_COLUMNS,
      rows: RENDER_ROWS,
      startTimeoutMs: TERMINAL_START_TIMEOUT_MS,
      onOutput: this.events?.terminalOutput ? (text) => this.output(name, text) : undefined,
    });
    this.terminals.set(name, terminal);
    return terminal;
  }

  /** After the sandbox is closed: its shells have ended with its PID 1. */
  async close(): Promise<void> {
    await this.warming;
    await Promise.all([...this.terminals.values()].map((t) => t.close()));
  }

  private output(terminal: string, text: string): void {
    if (this.heldOutput) this.heldOutput.push([terminal, text]);
    else this.events?.terminalOutput?.(terminal, text);
  }
}
