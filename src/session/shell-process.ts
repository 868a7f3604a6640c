// Who the lesson terminal's shell process is, read from the host's /proc:
// enough to tell, when a step times out, that the shell itself was replaced
// (`exec sh`) rather than waiting for something.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The process's argv joined by spaces, or '' when it cannot be read. */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '').join(' ');
  } catch {
    return '';
  }
}

/** The program that now runs as `pid` when its command line is no longer `original` (exec). */
export function replacedBy(pid: number | undefined, original: string): string | undefined {
  if (pid === undefined) return undefined;
  const now = commandLineOf(pid);
  if (now === '' || now === original) return undefined;
  return path.basename(now.split(' ')[0]!);
}
