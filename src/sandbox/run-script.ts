// A script run inside a namespace sandbox without a terminal: its output
// collected, a time limit, and, when asked, the network namespace it
// announces kept by the sandbox's NetnsKeeper (the handshake of
// KEEP_NETNS_LINE: announce, read stdin; stdin is closed once held or not).
import { spawn } from 'node:child_process';
import type { RunResult } from './kind.js';
import { KEEP_NETNS_LINE, type NetnsKeeper } from './netns-keeper.js';

/** Run `file args` (nsenter into the sandbox) to its end; `keeper`: keep what it announces. */
export function runScript(file: string, args: string[], env: Record<string, string>, timeoutMs: number, keeper?: NetnsKeeper): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env, stdio: [keeper ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let announced = false;
    // The script may be gone before its stdin is closed.
    child.stdin?.on('error', () => {});
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (keeper && !announced && announces(stdout)) {
        announced = true;
        // Held or not, the script goes on: not held is how it ran before.
        if (child.pid !== undefined) keeper.keepUnder(child.pid);
        child.stdin?.end();
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 + 9 : 1), stdout: keeper ? withoutAnnouncement(stdout) : stdout, stderr });
    });
  });
}

function announces(stdout: string): boolean {
  return `\n${stdout}`.includes(`\n${KEEP_NETNS_LINE}\n`);
}

/** The script's own output: the handshake line taken out. */
function withoutAnnouncement(stdout: string): string {
  return `\n${stdout}`.replace(`\n${KEEP_NETNS_LINE}\n`, '\n').slice(1);
}
