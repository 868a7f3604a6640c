// The learner's prompt at a task: an interactive bash in the lesson's
// sandbox (the `!` shell's rc, plus a hook that tells learn when a command
// has ended), kept alive for the whole task. learn listens for two things:
// the prompt coming back (then it runs the task's check) and Ctrl-] (the
// task's keys). Every other byte is the learner's and goes to bash as typed.
import type { LessonSandbox, TerminalProcess } from '../sandbox/kind.js';
import { SandboxError } from '../sandbox/sandbox.js';
import { TASK_RC } from '../session/open.js';
import { TASK_PROMPT_MARK } from '../session/rcfile.js';
import type { KeyInput } from './keys.js';
import { shellEnv, type ShellWindow } from './shell.js';
/** Ctrl-]: leaves the prompt for the task's keys (as telnet's escape). */
export const TASK_ESCAPE = '\x1d';
/** A private OSC the prompt hook prints; taken out before the learner's window sees it. */
const PROMPT_MARK = TASK_PROMPT_MARK;

export interface TaskShellOptions {
  window: ShellWindow;
  term?: string;
  color?: boolean;
  /** The prompt came back after a command (not the first prompt). */
  onPrompt(): void;
}

export class TaskShell {
  private prompts = 0;
  private carry = '';
  private held: string[] = [];
  private attached = false;
  /** The shell's output since its last line feed: the prompt and what is typed after it. */
  private partial = '';
  /** The line the learner was on when they left the prompt: shown again when they come back. */
  private left: string | undefined;
  private releaseKeys: (() => void) | undefined;
  private escapeListener: (() => void) | undefined;
  alive = true;
  readonly exited: Promise<number>;

  private constructor(private readonly pty: TerminalProcess, private readonly options: TaskShellOptions) {
    pty.onData((data) => this.output(data));
    this.exited = new Promise((resolve) => pty.onExit(({ exitCode }) => {
      this.alive = false;
      this.releaseKeys?.();
      this.releaseKeys = undefined;
      resolve(exitCode);
    }));
  }

  static async open(sandbox: LessonSandbox, lessonName: string, options: TaskShellOptions): Promise<TaskShell> {
    // Its rc file was given to the sandbox when the lesson run made it (session/open.ts).
    const term = options.term && options.term !== 'dumb' ? options.term : 'xterm-256color';
    const { window } = options;
    try {
      const argv = ['/bin/bash', '--noprofile', '--rcfile', TASK_RC, '-i'];
      const env = shellEnv(sandbox, term, lessonName, options.color);
      const opened = await sandbox.openTerminal({ argv, cols: window.columns ?? 80, rows: window.rows ?? 24, env });
      return new TaskShell(opened.process, options);
    } catch (error) {
      throw new SandboxError(`cannot start a shell in the sandbox: ${(error as Error).message}`);
    }
  }

  /** The learner's keys go to bash, its output to the window; Ctrl-] calls `onEscape`. */
  attach(keys: KeyInput, onEscape: () => void): void {
    this.attached = true;
    this.escapeListener = onEscape;
    // learn wrote its own lines under the prompt meanwhile: the prompt, and what was typed at it, are drawn again.
    if (this.left !== undefined) this.options.window.write(this.left);
    this.left = undefined;
    for (const text of this.held.splice(0)) this.options.window.write(text);
    this.releaseKeys = keys.forward((data) => {
      if (data === undefined) return this.escapeListener?.();
      const at = data.indexOf(TASK_ESCAPE);
      if (at === -1) return this.write(data);
      if (at > 0) this.write(data.slice(0, at));
      this.escapeListener?.();
    });
    keys.start();
  }

  /** Keys back to learn; the shell's output is held until the next attach. */
  detach(): void {
    if (this.attached) this.left = this.partial;
    this.attached = false;
    this.escapeListener = undefined;
    this.releaseKeys?.();
    this.releaseKeys = undefined;
  }

  close(): Promise<number> {
    this.detach();
    try {
      this.pty.kill('SIGHUP');
    } catch {
      /* gone */
    }
    return this.exited;
  }

  private write(data: string): void {
    try {
      this.pty.write(data);
    } catch {
      /* the shell is gone */
    }
  }

  /** Take the prompt marks out; each one after the first is a command's end. */
  private output(data: string): void {
    let text = this.carry + data;
    this.carry = '';
    for (;;) {
      const at = text.indexOf(PROMPT_MARK);
      if (at === -1) break;
      this.show(text.slice(0, at));
      text = text.slice(at + PROMPT_MARK.length);
      if (this.prompts++ > 0) this.options.onPrompt();
    }
    // A mark cut in two by the pty: keep its start for the next chunk.
    for (let keep = Math.min(PROMPT_MARK.length - 1, text.length); keep > 0; keep--) {
      if (PROMPT_MARK.startsWith(text.slice(-keep))) {
        this.carry = text.slice(-keep);
        text = text.slice(0, -keep);
        break;
      }
    }
    this.show(text);
  }

  private show(text: string): void {
    if (text === '') return;
    const feed = text.lastIndexOf('\n');
    // Held output comes after the line that was left, so the line is remembered as it was then.
    this.partial = feed === -1 ? this.partial + text : text.slice(feed + 1);
    if (this.attached) this.options.window.write(text);
    else this.held.push(text);
  }
}
