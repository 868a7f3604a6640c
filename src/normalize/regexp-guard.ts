// Running a regular expression written by a lesson author (a `normalize:`
// pattern, a `ready=` text) so that it cannot block learn. JavaScript's
// engine backtracks: `^(a+)+$` on 48 `a`s and a `b` runs for days and, on
// the main thread, would stop every timer and signal handler with it. So the
// match runs in a worker thread; the caller waits for it synchronously (the
// callers are synchronous: a normalization chain, a terminal's data handler)
// but at most PATTERN_DEADLINE_MS, after which the worker is terminated and
// the pattern is reported as too slow. See docs/lesson-format.md.
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { MessagePort, Worker } from 'node:worker_threads';

// Performance: node:worker_threads takes some 7 ms to load, and most lessons
// have no pattern of their own: it is loaded with the first one.
let threads: typeof WorkerThreads | undefined;
function workerThreads(): typeof WorkerThreads {
  return (threads ??= createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads);
}

/** Longest a single match may take. Real patterns on real output take milliseconds. */
export const PATTERN_DEADLINE_MS = 3000;
/** Extra time the first match may take while the worker thread starts (a busy machine). */
const WORKER_START_MS = 10_000;

export interface PatternRequest {
  source: string;
  flags: string;
  text: string;
  /** Replace every match with this (String.prototype.replace); absent: test only. */
  replace?: string;
}

export type PatternReply = { ok: true; value: boolean | string } | { ok: false; error: string };

/** A pattern that did not finish within its deadline. */
export class PatternTimeoutError extends Error {
  constructor(readonly source: string, readonly ms: number) {
    super(`the regular expression /${source}/ took longer than ${ms / 1000} s (catastrophic backtracking?); simplify it`);
    this.name = 'PatternTimeoutError';
  }
}

interface Runner {
  worker: Worker;
  port: MessagePort;
  done: Int32Array;
}

let runner: Runner | undefined;

function startRunner(): Runner {
  const shared = new SharedArrayBuffer(8);
  const { MessageChannel, Worker } = workerThreads();
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./regexp-worker.js', import.meta.url), {
    workerData: { port: port2, shared },
    transferList: [port2],
  });
  // The worker never keeps learn alive.
  worker.unref();
  port1.unref();
  return { worker, port: port1, done: new Int32Array(shared) };
}

function run(request: PatternRequest, deadlineMs: number): boolean | string {
  runner ??= startRunner();
  const current = runner;
  const before = Atomics.load(current.done, 0);
  current.port.postMessage(request);
  // A thread still starting (slow on a busy machine) does not eat into the deadline.
  Atomics.wait(current.done, 1, 0, WORKER_START_MS);
  const waited = Atomics.wait(current.done, 0, before, deadlineMs);
  const reply = workerThreads().receiveMessageOnPort(current.port)?.message as PatternReply | undefined;
  if (waited === 'timed-out' || reply === undefined) {
    // Still matching: end that thread; the next match gets a fresh one.
    runner = undefined;
    void current.worker.terminate();
    throw new PatternTimeoutError(request.source, deadlineMs);
  }
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** `pattern.test(text)`, within the deadline; throws PatternTimeoutError past it. */
export function guardedTest(pattern: RegExp, text: string, deadlineMs = PATTERN_DEADLINE_MS): boolean {
  // A sticky or global pattern's lastIndex is not carried over: each test starts at 0.
  return run({ source: pattern.source, flags: pattern.flags.replace(/[gy]/g, ''), text }, deadlineMs) as boolean;
}

/** `text.replace(pattern, replacement)`, within the deadline; throws PatternTimeoutError past it. */
export function guardedReplace(pattern: RegExp, text: string, replacement: string, deadlineMs = PATTERN_DEADLINE_MS): string {
  return run({ source: pattern.source, flags: pattern.flags, text, replace: replacement }, deadlineMs) as string;
}

/**
 * A `ready=` matcher for a terminal: never throws and never blocks past the
 * deadline. After a pattern ran out of time it matches nothing (the step
 * then times out as it would without its ready text) and says why.
 */
export class GuardedMatcher {
  problem: PatternTimeoutError | undefined;

  constructor(readonly pattern: RegExp) {}

  get source(): string {
    return this.pattern.source;
  }

  test(text: string): boolean {
    if (this.problem) return false;
    try {
      return guardedTest(this.pattern, text);
    } catch (error) {
      if (!(error instanceof PatternTimeoutError)) throw error;
      this.problem = error;
      return false;
    }
  }
}
