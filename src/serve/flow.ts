// Output flow control for one terminal: its pty is paused while the page has
// not yet shown too much of what was sent (it acknowledges what its xterm.js
// has written), or while the socket holds too many unsent bytes. So a flood
// in the terminal waits on the browser and never piles up in the server.

/** Characters sent but not yet shown by the page before the pty is paused. */
export const HIGH_WATER_CHARS = 256 * 1024;
export const LOW_WATER_CHARS = 64 * 1024;
/** Bytes waiting in the socket before the pty is paused. */
export const HIGH_WATER_BYTES = 1024 * 1024;
const RECHECK_MS = 20;

export interface FlowTarget {
  pause(): void;
  resume(): void;
}

export class OutputFlow {
  private unacked = 0;
  private paused = false;
  private target: FlowTarget | undefined;
  private recheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (data: string) => void,
    /** Bytes the socket has not sent yet. */
    private readonly socketBuffered: () => number,
  ) {}

  /** The terminal to pause, once it exists (its first output comes before). */
  attach(target: FlowTarget): void {
    this.target = target;
    this.check();
  }

  push(data: string): void {
    this.send(data);
    this.unacked += data.length;
    this.check();
  }

  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    this.check();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  dispose(): void {
    clearInterval(this.recheck);
    this.recheck = undefined;
  }

  private check(): void {
    const buffered = this.socketBuffered();
    if (!this.paused && (this.unacked > HIGH_WATER_CHARS || buffered > HIGH_WATER_BYTES)) {
      if (!this.target) return;
      this.paused = true;
      this.target.pause();
      // The socket draining raises no event of its own: look again until it has.
      this.recheck = setInterval(() => this.check(), RECHECK_MS);
    } else if (this.paused && this.unacked <= LOW_WATER_CHARS && buffered <= HIGH_WATER_BYTES / 4) {
      this.paused = false;
      this.dispose();
      this.target?.resume();
    }
  }
}
