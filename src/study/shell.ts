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
  /** false: a plain prompt (NO_COLOR, --no-color). */
  color?: boolean;
}

/** Run the shell until the learner leaves it; resolves with its exit status. */
export async function runStudyShell(sandbox: LessonSandbox, lessonName: string, options: ShellOptions): Promise<number> {
  // Its rc file was given to the sandbox when the lesson run made it (session/open.ts).
  const term = options.term && options.term !== 'dumb' ? options.term : 'xterm-256color';
  const env = shellEnv(sandbox, term, lessonName, options.color);
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
  // End of input (</dev/null, a pipe) is Ctrl-D, sent once bash shows its
  // prompt: before that bash is not reading the terminal yet, and a Ctrl-D
  // typed then is lost, so the shell would never end. Piped commands may
  // still be running, or waiting in the terminal's line buffer, when the
  // input ends, and a Ctrl-D the terminal takes while bash is between modes
  // is lost too: so it is sent again each time the shell prints something
  // (a prompt back after a command), until the shell ends. A command that
  // reads its input gets the end of it, as from a pipe.
  let prompted: () => void = () => undefined;
  const firstOutput = new Promise<void>((resolve) => (prompted = resolve));
  let ended = false;
  const send = (data: string): void => {
    try {
      pty.write(data);
    } catch {
      /* the shell is gone */
    }
  };
  const release = keys.forward((data) => {
    if (data !== undefined) return send(data);
    ended = true;
    void firstOutput.then(() => send('\x04'));
  });
  keys.start();
  pty.onData((data) => {
    prompted();
    window.write(data);
    if (ended) send('\x04');
  });
  return new Promise((resolve) => {
    pty.onExit(({ exitCode }) => {
      release();
      window.off?.('resize', onResize);
      resolve(exitCode);
    });
  });
}

/** The environment of a learner's shell: the sandbox's, the learner's TERM, NO_COLOR when colours are off. */
export function shellEnv(sandbox: LessonSandbox, term: string, lessonName: string, color?: boolean): Record<string, string> {
  return { ...sandbox.env, TERM: term, LEARN_LESSON: lessonName, ...(color === false ? { NO_COLOR: '1' } : {}) };
}
