// What every kind of sandbox provides, and all that the layers above may
// use: a pinned environment, "spawn this in a terminal inside me", "run this
// script without a terminal", "close". The namespace sandbox (sandbox.ts)
// and the VM (vm/vm-sandbox.ts) implement it; nothing above knows which runs.

export type SandboxKind = 'ns' | 'vm';
export const SANDBOX_KINDS: readonly SandboxKind[] = ['ns', 'vm'];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A program on a terminal: bytes in and out, an exit, signals. */
export interface TerminalProcess {
  /** Host pid of the process behind the terminal, when it is a host process. */
  readonly pid: number;
  onData(listener: (data: string) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  kill(signal?: string): void;
  resize?(cols: number, rows: number): void;
  /** Stop reading output until resume() (backpressure: the writer blocks on a full terminal). */
  pause?(): void;
  resume?(): void;
}

/** What the shell on a terminal is doing, asked where its processes live. */
export interface ShellProcesses {
  /** Is the foreground job blocked reading the terminal (waiting for input)? */
  foregroundReadsTerminal(): Promise<boolean>;
  /** SIGKILL the foreground job, unless it is the shell itself. */
  killForegroundJob(): void;
  /** The shell process's command line now, '' when it cannot be told: another one means `exec` replaced the shell. */
  shellCommandLine(): string;
}

export interface RunOptions {
  /**
   * Namespace sandboxes only: the script may print KEEP_NETNS_LINE
   * (netns-keeper.ts) from a process in a network namespace of its own and
   * then read its stdin; the sandbox keeps that namespace until it closes,
   * then closes the script's stdin. Not kept, the script runs just the same.
   */
  keepNetworkNamespace?: boolean;
}

export interface TerminalSpec {
  argv: string[];
  cols: number;
  rows: number;
  env: Record<string, string>;
}

export interface SandboxTerminal {
  process: TerminalProcess;
  processes: ShellProcesses;
  /** Once the shell is up: throw unless it really runs inside the sandbox. */
  confirmInside(): void;
}

export interface LessonSandbox {
  readonly kind: SandboxKind;
  /** Host pid of the namespace sandbox's PID 1 (a VM's qemu runs in one): everything inside ends with it. */
  readonly initPid: number;
  /** The environment every process in the sandbox starts with. */
  readonly env: Record<string, string>;
  /**
   * Step timeouts are multiplied by this: 1, except under software
   * emulation, where every program start costs several times more.
   */
  readonly timeoutScale: number;
  openTerminal(spec: TerminalSpec): Promise<SandboxTerminal>;
  /** Run a /bin/sh script inside, without a terminal. */
  run(script: string, timeoutMs?: number, options?: RunOptions): Promise<RunResult>;
  /** Tear down; resolves when everything inside is gone. Idempotent. */
  close(): Promise<void>;
}

/** Where the files given to a sandbox at creation are, inside it. */
export const SANDBOX_FILES_DIR = '/run/learn';
/** Names of files and read-only folders given to a sandbox: one path component. */
export const SANDBOX_FILE_NAME = /^[a-z][a-z0-9_]*$/;

/** Close every inherited descriptor but 0, 1, 2 and bash's 255 (node-pty leaks masters, microsoft/node-pty#657). */
export const CLOSE_INHERITED_FDS = String.raw`for __learn_fd in /proc/self/fd/*; do
  case ${'$'}{__learn_fd##*/} in 0|1|2|255) ;; *) eval "exec ${'$'}{__learn_fd##*/}>&-" 2>/dev/null || : ;; esac
done
unset __learn_fd`;
