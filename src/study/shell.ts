// The learner's own shell inside a lesson's sandbox (`!` in study mode and
// `learn shell`): an interactive bash in the sandbox's namespaces, with a
// prompt that names the lesson. It runs in a pseudo-terminal of its own whose
// bytes are passed to and from the learner's terminal (kept in raw mode), so
// Ctrl-C, Ctrl-Z and job control happen inside the sandbox and the learner's
// terminal is never handed to a process learn cannot take it back from.
import type { LessonSandbox, TerminalProcess } from '../sandbox/kind.js';
import { SandboxError } from '../sandbox/sandbox.js';
import { STUDY_RC } from '../session/open.js';
import type { KeyInput } from './keys.js';

/** The learner's window: where the shell's output goes, and its size. */
export interface ShellWindow {
  write(text: string): unknown;
  columns?: number;
  rows?: number;
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

export interface ShellOptions {
  /** Keys from the learner; started here if they are not yet (raw mode when a terminal). */
  keys: KeyInput;
  window: ShellWindow;
  /** TERM of the learner's terminal (the sandbox pins xterm-256color otherwise). */
  term?: string;
}

/** Run the shell until the learner leaves it; resolves with its exit status. */
export async function runStudyShell(sandbox: LessonSandbox, lessonName: string, options: ShellOptions): Promise<number> {
  // Its rc file was given to the sandbox when the lesson run made it (session/open.ts).
  const term = options.term && options.term !== 'dumb' ? options.term : 'xterm-256color';
  const env = { ...sandbox.env, TERM: term, LEARN_LESSON: lessonName };
  const { window, keys } = options;
  let pty: TerminalProcess;
  try {
    const argv = ['/bin/bash', '--noprofile', '--rcfile', STUDY_RC, '-i'];
    pty = (await sandbox.openTerminal({ argv, cols: window.columns ?? 80, rows: window.rows ?? 24, env })).process;
  } catch (error) {
    throw new SandboxError(`cannot start a shell in the sandbox: ${(error as Error).message}`);
  }
  const onResize = (): void => {
    pty.resize?.(window.columns ?? 80, window.rows ?? 24);
  };
  window.on?.('resize', onResize);
  const release = keys.forward((data) => {
    try {
      pty.write(data ?? '\x04');
    } catch {
      /* the shell is gone */
    }
  });
  keys.start();
  pty.onData((data) => void window.write(data));
  return new Promise((resolve) => {
    pty.onExit(({ exitCode }) => {
      release();
      window.off?.('resize', onResize);
      resolve(exitCode);
    });
  });
}
