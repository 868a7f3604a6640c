// Background steps of one lesson run, one per terminal at most: which are
// running, which have ended by themselves, and settling the rest when the
// lesson ends (each gets its own timeout to end, then it is interrupted).
// Judging what they printed stays with the run.
import type { Step } from '../lesson/types.js';
import { INTERRUPT_GRACE_MS, type BackgroundStep, type StepTranscript } from '../session/terminal.js';

export interface RunningBackground {
  step: Step;
  handle: BackgroundStep;
}

export class Backgrounds {
  private readonly running = new Map<string, RunningBackground>();

  /** The background step running in terminal `term`, if any. */
  get(term: string): RunningBackground | undefined {
    return this.running.get(term);
  }

  add(term: string, background: RunningBackground): void {
    this.running.set(term, background);
  }

  /** Forget terminal `term`'s background step: its end is being judged. */
  take(term: string): void {
    this.running.delete(term);
  }

  /**
   * Background steps that ended by themselves since the last look, with what
   * they printed. With `graceMs`, one that is still printing (it printed
   * within QUIET_MS) is given up to that long to end first: a `tcpdump -c 2`
   * whose last packet just came ends a moment after the command that sent it.
   */
  async takeFinished(graceMs = 0): Promise<Array<{ step: Step; transcript: StepTranscript }>> {
    if (graceMs > 0) await Promise.all([...this.running.values()].map((running) => untilQuiet(running.handle, graceMs)));
    const finished: Array<{ step: Step; transcript: StepTranscript }> = [];
    for (const [term, running] of this.running) {
      if (running.handle.running) continue;
      this.running.delete(term);
      finished.push({ step: running.step, transcript: await running.handle.finished });
    }
    return finished;
  }

  /**
   * Every step still here, settled: one still running gets its own timeout
   * to end by itself (a `tcpdump -c 2` whose packets are still in libpcap's
   * buffer), then it is interrupted. In the order they were started.
   */
  async settleAll(timeoutOf: (step: Step) => number): Promise<Array<{ step: Step; transcript: StepTranscript }>> {
    const runs = [...this.running.values()];
    this.running.clear();
    return Promise.all(runs.map(async (running) => ({
      step: running.step,
      transcript: await (running.handle.running ? settleAtEnd(running, timeoutOf(running.step)) : running.handle.finished),
    })));
  }
}

/** How long a background step must have printed nothing to count as waiting rather than ending. */
const QUIET_MS = 150;

/** Resolves when the step has ended, has been quiet for QUIET_MS, or `graceMs` have passed. */
async function untilQuiet(handle: BackgroundStep, graceMs: number): Promise<void> {
  const deadline = performance.now() + graceMs;
  while (handle.running && handle.quietForMs < QUIET_MS && performance.now() < deadline) {
    const wait = Math.min(QUIET_MS - handle.quietForMs, deadline - performance.now());
    await within(handle.finished, Math.max(1, wait));
  }
}

async function settleAtEnd(running: RunningBackground, timeoutMs: number): Promise<StepTranscript> {
  return (await within(running.handle.finished, timeoutMs)) ?? running.handle.interrupt(INTERRUPT_GRACE_MS);
}

/** The promise's value, or undefined once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
