// The native terminal library (for host ptys), loaded on first use: `--help`, `list` and
// `doctor` must work when its binary is missing or broken, and `doctor` must
// be able to say so. @lydell/node-pty is node-pty's own code with prebuilt
// binaries as optional per-platform packages, so installing needs no compiler
// and runs no install script (docs/setup.md).
import { createRequire } from 'node:module';
import { EnvironmentError } from '../error.js';
import type * as NodePty from '@lydell/node-pty';

export type { IPty } from '@lydell/node-pty';

export const PTY_PACKAGE = '@lydell/node-pty';

/** What to do when the library cannot be loaded. */
export const PTY_FIX = `reinstall learn with its optional dependencies (npm install, without --omit=optional or --no-optional); the binary comes from ${PTY_PACKAGE}-${process.platform}-${process.arch}`;

/** Lessons cannot run on this machine without it: an environment problem (exit 3). */
export class PtyUnavailableError extends EnvironmentError {}

const require = createRequire(import.meta.url);
let loaded: typeof NodePty | undefined;

/** The library, or a PtyUnavailableError that says what is wrong (PTY_FIX says what to do). */
export function ptyModule(): typeof NodePty {
  if (loaded) return loaded;
  try {
    loaded = require(PTY_PACKAGE) as typeof NodePty;
    return loaded;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PtyUnavailableError(`the terminal library ${PTY_PACKAGE} cannot be loaded (${reason})`);
  }
}

export function ptyVersion(): string {
  try {
    return (require(`${PTY_PACKAGE}/package.json`) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}
