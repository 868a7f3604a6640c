// Measuring one process tree: wall time, user+sys CPU and peak RSS, with
// microsecond resolution. Node cannot read the rusage of its children, so a
// few lines of Python (always present where cram is) fork the command and
// wait4() for it: the kernel then hands over the CPU time and peak RSS of the
// command and of every descendant it waited for. The wrapper's own start-up
// happens before the clock starts.
import { spawn } from 'node:child_process';

const WAIT4_WRAPPER = String.raw`
import json, os, sys, time
argv = sys.argv[1:]
report = os.fdopen(3, 'w')
start_epoch = time.time()
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(3)
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - start
json.dump({'startEpochMs': start_epoch * 1000, 'wallMs': wall * 1000,
           'userMs': ru.ru_utime * 1000, 'sysMs': ru.ru_stime * 1000,
           'maxRssKb': ru.ru_maxrss, 'code': os.waitstatus_to_exitcode(status)}, report)
report.close()
`;

export interface Measured {
  /** Wall-clock time of the process on the Unix epoch when it was started (ms). */
  startEpochMs: number;
  wallMs: number;
  userMs: number;
  sysMs: number;
  /** Peak resident set of the biggest process of the tree (KiB). */
  maxRssKb: number;
  /** Exit status (negative: killed by that signal). */
  code: number;
  /** When the output first matched MeasureOptions.mark (Unix epoch, ms); undefined if it never did. */
  markEpochMs?: number;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Keep stdout (default: count it and drop it, so a flood costs no memory here). */
  keepStdout?: boolean;
  /** Note when stdout first matches this (one line of it; the reporter's line of a step, say). */
  mark?: RegExp;
}

/** Run `argv` and measure it (and its descendants) from fork to exit. */
export function measure(argv: string[], options: MeasureOptions = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', WAIT4_WRAPPER, ...argv], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let report = '';
    let markEpochMs: number | undefined;
    let unmatched = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (options.keepStdout) stdout += d;
      if (options.mark && markEpochMs === undefined) {
        // Only the last, unfinished line is kept between chunks.
        unmatched += d;
        if (options.mark.test(unmatched)) markEpochMs = performance.timeOrigin + performance.now();
        else unmatched = unmatched.slice(unmatched.lastIndexOf('\n') + 1);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-8192);
    });
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8');
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: string) => (report += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (report === '') {
        reject(new Error(`measuring ${argv.join(' ')} failed (exit ${code}): ${stderr.trim()}`));
        return;
      }
      resolve({ ...(JSON.parse(report) as Omit<Measured, 'stdout' | 'stderr'>), stdout, stderr, markEpochMs });
    });
  });
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function min(values: number[]): number {
  return values.length === 0 ? NaN : Math.min(...values);
}

export function max(values: number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}
