// A host pseudo-terminal (node-pty, loaded on first spawn) behind the
// TerminalProcess interface, so the shell protocol can be driven by a real
// pty, a VM's terminal port or, in tests, recorded streams.
import { ptyModule, type IPty } from './pty-module.js';
import { writeSync } from 'node:fs';
import type { TerminalProcess } from './kind.js';

export type PtyProcess = TerminalProcess;

export interface PtySpawnOptions {
  cols: number;
  rows: number;
  env: Record<string, string>;
}

export function spawnPty(file: string, args: string[], options: PtySpawnOptions): PtyProcess {
  const child = ptyModule().spawn(file, args, {
    name: options.env.TERM ?? 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: '/',
    env: options.env,
  });
  return {
    pid: child.pid,
    onData: (listener) => void child.onData(listener),
    onExit: (listener) => void child.onExit(listener),
    write: (data) => typeLine(child, data),
    pause: () => child.pause(),
    resume: () => child.resume(),
    resize: (cols, rows) => {
      try {
        child.resize(cols, rows);
      } catch {
        /* already gone */
      }
    },
    kill: (signal) => {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    },
  };
}

/** Ptys whose writes went to node-pty's queue once: they keep using it, so order holds. */
const queuedWrites = new WeakSet<IPty>();

/**
 * Performance: a typed line is written to the pty master at once, with one
 * write(2). node-pty queues every write to libuv's thread pool, and the
 * round trip to a worker thread and back was the biggest cost of a step on
 * the node side (profile in docs/performance.md). The master is non-blocking,
 * so this never blocks: when the kernel takes only part of the data (its
 * buffer is full), the rest, and every later write of this pty, goes through
 * node-pty's own queue, which retries when there is room.
 */
function typeLine(child: IPty, data: string): void {
  const fd = (child as { fd?: unknown }).fd;
  if (typeof fd !== 'number' || queuedWrites.has(child)) {
    child.write(data);
    return;
  }
  const bytes = Buffer.from(data, 'utf8');
  let written = 0;
  try {
    written = writeSync(fd, bytes);
  } catch {
    // EAGAIN, or EIO once the shell is gone: node-pty handles both as it always did.
  }
  if (written < bytes.length) {
    queuedWrites.add(child);
    // The rest may end inside a UTF-8 sequence: pass bytes, which the library's
    // socket takes as they are (its types say string only).
    (child.write as (data: string | Buffer) => void).call(child, bytes.subarray(written));
  }
}
