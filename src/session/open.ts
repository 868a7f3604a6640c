// Opening a lesson terminal: session/ decides what runs (bash with our rc,
// the nonce, the fixed size); the sandbox, whatever its kind, spawns it on a
// terminal inside itself. Resolves at the shell's first prompt.
import { SANDBOX_FILES_DIR, type LessonSandbox } from '../sandbox/kind.js';
import { LESSON_RC, LESSON_RC_FILE, studyShellRc, taskShellRc } from './rcfile.js';
import { ShellTerminal } from './terminal.js';

const STUDY_RC_FILE = 'study_rc';
const TASK_RC_FILE = 'task_rc';
/** The rc file of the learner's own shell (`!`, `learn shell`), given to the sandbox at creation. */
export const STUDY_RC = `${SANDBOX_FILES_DIR}/${STUDY_RC_FILE}`;
/** The rc file of the learner's prompt at a task (study/task-shell.ts). */
export const TASK_RC = `${SANDBOX_FILES_DIR}/${TASK_RC_FILE}`;

/**
 * The files a sandbox must be given for lesson terminals (and, with the
 * lesson's short name, the learner's shell) to start. Given at creation:
 * /run/learn is read-only inside a VM.
 */
export function lessonTerminalFiles(lessonName?: string): Record<string, string> {
  const learner: Record<string, string> = lessonName === undefined ? {} : { [STUDY_RC_FILE]: studyShellRc(lessonName), [TASK_RC_FILE]: taskShellRc(lessonName) };
  return { [LESSON_RC_FILE]: LESSON_RC, ...learner };
}

/** The shell of a lesson terminal, as argv inside the sandbox. */
export function lessonShellArgv(): string[] {
  return ['/bin/bash', '--noprofile', '--rcfile', `${SANDBOX_FILES_DIR}/${LESSON_RC_FILE}`, '--noediting', '-i'];
}

export interface OpenTerminalOptions {
  name: string;
  nonce: string;
  cols: number;
  rows: number;
  startTimeoutMs: number;
  /** Everything the terminal shows, from its first byte (recordings). */
  onOutput?: (text: string) => void;
}

export async function openLessonTerminal(sandbox: LessonSandbox, options: OpenTerminalOptions): Promise<ShellTerminal> {
  const opened = await sandbox.openTerminal({
    argv: lessonShellArgv(),
    cols: options.cols,
    rows: options.rows,
    env: { ...sandbox.env, LEARN_NONCE: options.nonce },
  });
  const terminal = new ShellTerminal(options.name, opened.process, options.nonce, opened.processes);
  if (options.onOutput) terminal.onOutput(options.onOutput);
  try {
    await terminal.ready(options.startTimeoutMs);
    opened.confirmInside();
  } catch (error) {
    await terminal.close();
    throw error;
  }
  return terminal;
}
