// Drive `learn` as a person would: in a real pseudo-terminal (node-pty), keys
// typed into it, the screen read back through @xterm/headless. Waiting is
// driven by the pty's data events with a deadline; there are no fixed sleeps.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as nodePty from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';
import { projectRoot, learnCommand } from '../helpers/paths.js';
import { screenText } from '../../src/render/screen.js';

const { Terminal } = xtermHeadless;

export interface PtyOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Once learn exits, print the terminal's modes (stty -a): proof that learn
   * gave the terminal back as it found it.
   */
  reportTerminal?: boolean;
}

export class LearnPty {
  private readonly pty: nodePty.IPty;
  private readonly terminal: InstanceType<typeof Terminal>;
  private pending: Promise<void> = Promise.resolve();
  private listeners = new Set<() => void>();
  /** Every byte the program wrote, escapes included. */
  raw = '';
  /** learn's exit status, once the shell around it printed it. */
  exitCode: number | undefined;
  /** Resolves with learn's exit status. */
  readonly exited: Promise<number>;
  private ptyExited = false;

  constructor(args: string[], options: PtyOptions = {}) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 30;
    this.terminal = new Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true, logLevel: 'off' });
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    // Progress goes to a state directory of this run alone, unless the test shares one.
    const state = mkdtempSync(path.join(tmpdir(), 'learn-state-'));
    Object.assign(env, { TERM: 'xterm-256color', CI: '', NO_COLOR: '', FORCE_COLOR: '', XDG_STATE_HOME: state }, options.env ?? {});
    for (const key of Object.keys(env)) if (env[key] === '') delete env[key];
    // learn runs under a shell that stays in the pty after it, so nothing learn
    // wrote is lost when it exits (a pty's last bytes can be dropped when its
    // only process ends); the shell then prints learn's exit status.
    const learn = [learnCommand, ...args];
    const after = options.reportTerminal ? 'stty -a; ' : '';
    const script = `"$@"; code=$?; ${after}printf '\\nlearn-exit=%s\\n' "$code"; read -r _`;
    this.pty = nodePty.spawn('/bin/sh', ['-c', script, 'sh', ...learn], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: options.cwd ?? projectRoot,
      env,
    });
    this.pty.onData((data) => {
      this.raw += data;
      this.pending = this.pending.then(() => new Promise<void>((resolve) => this.terminal.write(data, resolve)));
      void this.pending.then(() => this.notify());
    });
    this.pty.onExit(() => {
      this.ptyExited = true;
      void this.pending.then(() => this.notify());
    });
    this.exited = new Promise((resolve) => {
      const check = (): void => {
        const match = /^learn-exit=(\d+)$/m.exec(this.text());
        if (!match) return;
        this.listeners.delete(check);
        this.exitCode = Number(match[1]);
        resolve(this.exitCode);
      };
      this.listeners.add(check);
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Everything on the screen and in the scrollback, wrapped rows joined, right-trimmed. */
  text(): string {
    return screenText(this.terminal);
  }

  /** Physical rows as the window shows them (no joining), for width checks. */
  rows(): string[] {
    const buffer = this.terminal.buffer.active;
    const rows: string[] = [];
    for (let row = 0; row < buffer.length; row++) rows.push(buffer.getLine(row)?.translateToString(true) ?? '');
    return rows;
  }

  /** The text after the last occurrence of `marker` (or everything). */
  since(marker: string): string {
    const text = this.text();
    const at = text.lastIndexOf(marker);
    return at === -1 ? text : text.slice(at);
  }

  /** Resolve when `check` passes on the screen text; fail with the screen after `timeoutMs`. */
  waitFor(expected: RegExp | string | ((text: string) => boolean), timeoutMs = 20_000): Promise<string> {
    const test = typeof expected === 'function' ? expected : typeof expected === 'string' ? (t: string) => t.includes(expected) : (t: string) => expected.test(t);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const text = this.text();
        if (test(text)) {
          done();
          resolve(text);
        } else if (/^learn-exit=\d+$/m.test(text) || this.ptyExited) {
          done();
          reject(new Error(`learn exited before the screen showed ${String(expected)}; screen:\n${text}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(expected)}; screen:\n${this.text()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      void this.pending.then(check);
    });
  }

  /** Wait for `text` to appear `count` times in all. */
  waitForCount(text: string, count: number, timeoutMs = 20_000): Promise<string> {
    return this.waitFor((t) => t.split(text).length - 1 >= count, timeoutMs);
  }

  /** Host pid of learn itself (the child of the shell in the pty). */
  learnPid(): number {
    const children = readFileSync(`/proc/${this.pty.pid}/task/${this.pty.pid}/children`, 'utf8').trim().split(/\s+/);
    return Number(children[0]);
  }

  press(keys: string): void {
    this.pty.write(keys);
  }

  kill(): void {
    try {
      this.pty.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }

  dispose(): void {
    this.kill();
    this.terminal.dispose();
  }
}

/** Start `learn ARGS` in a pty. */
export function startLearn(args: string[], options: PtyOptions = {}): LearnPty {
  return new LearnPty(args, options);
}
