// The pseudo-terminal behind a small interface, so the shell protocol can be
// driven by a real node-pty process or, in tests, by recorded streams.
import * as nodePty from 'node-pty';

export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: string) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  kill(signal?: string): void;
}

export interface PtySpawnOptions {
  cols: number;
  rows: number;
  env: Record<string, string>;
}

export function spawnPty(file: string, args: string[], options: PtySpawnOptions): PtyProcess {
  const child = nodePty.spawn(file, args, {
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
    write: (data) => child.write(data),
    kill: (signal) => {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    },
  };
}
