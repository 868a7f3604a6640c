// What a command gives back however it ends: its lesson run (aborted, and
// off the list that Ctrl-C tears down, main.ts) and terminal state that must
// be restored even when the process exits first (a signal's handler exits).
import type { LessonRun } from '../run/lesson-run.js';

/** How a command tells main.ts that a run is open (true) or torn down (false). */
export type RegisterRun = (run: LessonRun, open: boolean) => void;

/** Abort the run (its sandbox goes) and take it off the open list. */
export async function closeRun(run: LessonRun, registerRun: RegisterRun): Promise<void> {
  await run.abort();
  registerRun(run, false);
}

/** `use()`, then `restore()` when it ends, or at process exit if that comes first. */
export async function restoring<T>(restore: () => void, use: () => Promise<T>): Promise<T> {
  process.on('exit', restore);
  try {
    return await use();
  } finally {
    restore();
    process.off('exit', restore);
  }
}
