// One disposable sandbox per lesson run: real user, network, mount, PID, UTS
// and IPC namespaces. Returns what to spawn inside it; reads no step output.
//
// Its processes run in sessions of their own (detached), so a Ctrl-C typed
// at learn's terminal reaches learn, which then tears down in order.
// Lifetime: PID 1 of the sandbox reads its stdin, a pipe whose only writer is
// this process. Closing it (close(), or the kernel when we die, even by
// SIGKILL) ends PID 1, and the kernel then kills every process of the PID
// namespace; the network namespace and everything in it (interfaces, named
// namespaces bound on the private /run, rules) go with the last reference.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { SANDBOX_INIT, STAGE1_ROOT, STAGE1_ROOTLESS, lockDownEnv } from './scripts.js';
import { detectPrivilege, type Privilege } from './privilege.js';
import { SandboxError } from './sandbox-error.js';
import { assertIsolated, assertSameNamespaces, childOf, sandboxInitUnder } from './proc-tree.js';
import { SANDBOX_FILE_NAME, SANDBOX_FILES_DIR, type LessonSandbox, type RunOptions, type RunResult, type SandboxTerminal, type TerminalSpec } from './kind.js';
import { NetnsKeeper } from './netns-keeper.js';
import { runScript } from './run-script.js';
import { spawnPty } from './host-pty.js';
import { hostShellProcesses, shellPidUnder } from './host-processes.js';

export type { RunResult } from './kind.js';
export { assertIsolated, childOf, sandboxInitUnder } from './proc-tree.js';

export const SANDBOX_HOSTNAME = 'learn';
export const SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Where the lesson's folder is mounted (read-only) inside the sandbox. */
export const SANDBOX_LESSON_DIR = '/run/learn/lesson';
/** Where the lesson terminals' rc file is, when it is given as the file `bashrc`. */
export const SANDBOX_RC = `${SANDBOX_FILES_DIR}/bashrc`;

const READY_LINE = 'learn-sandbox-ready';
const START_TIMEOUT_MS = 15_000;

export { SandboxError };

export interface Sandbox extends LessonSandbox {
  readonly kind: 'ns';
  /** Host pid of the sandbox's PID 1. */
  readonly initPid: number;
  readonly privilege: Privilege;
  /** The environment every process in the sandbox starts with. */
  readonly env: Record<string, string>;
  /** Program and arguments that run `argv` as root inside the sandbox. */
  command(argv: string[]): { file: string; args: string[] };
  /** Throw unless `pid` is in this sandbox's namespaces (and so not in the host's). */
  assertInside(pid: number): void;
  /** Run a /bin/sh script inside, without a terminal. */
  run(script: string, timeoutMs?: number, options?: RunOptions): Promise<RunResult>;
  /** Network namespaces kept for the sandbox's lifetime (RunOptions.keepNetworkNamespace). */
  readonly keptNamespaces: number;
  /** Tear down; resolves when PID 1 is gone and kept namespaces are let go. Idempotent. */
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Folder mounted read-only at $LESSON_DIR. */
  lessonDir: string;
  privilege?: Privilege;
  /**
   * The escape hatch for lessons with `host: true`: no user namespace, so
   * root inside is the host's real root (network, mount, PID, UTS and IPC
   * namespaces are still new). Root mode only; never the default.
   */
  hostPrivileges?: boolean;
  /** Files written at /run/learn/NAME before anything runs (NAME: a-z, 0-9, _). */
  files?: Record<string, string>;
  /** Host folders bound read-only at /run/learn/NAME (not for host: true sandboxes). */
  binds?: Record<string, string>;
}

/** The environment that hands files and folders to the sandbox's init scripts. */
export function initInputs(options: Pick<SandboxOptions, 'files' | 'binds'>): Record<string, string> {
  const env: Record<string, string> = {};
  const files = Object.entries(options.files ?? {});
  const binds = Object.entries(options.binds ?? {});
  for (const [name] of [...files, ...binds]) {
    if (!SANDBOX_FILE_NAME.test(name) || name === 'lesson') throw new SandboxError(`bad sandbox file name ${JSON.stringify(name)}`);
  }
  for (const [, source] of binds) {
    if (/[\s]/.test(source) || !source.startsWith('/')) throw new SandboxError(`cannot bind ${JSON.stringify(source)} into the sandbox: an absolute path without spaces is needed`);
  }
  env.LEARN_FILES = files.map(([name]) => name).join(' ');
  for (const [name, text] of files) env[`LEARN_FILE_${name}`] = text;
  env.LEARN_BINDS = binds.map(([name, source]) => `${name} ${source}`).join('\n');
  return env;
}

/** The pinned environment of the sandbox (cram's lesson: pin what varies). */
export function sandboxEnv(): Record<string, string> {
  return {
    PATH: SANDBOX_PATH,
    HOME: '/root',
    USER: 'root',
    LOGNAME: 'root',
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    TERM: 'xterm-256color',
    LESSON_DIR: SANDBOX_LESSON_DIR,
  };
}

export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  const privilege = options.privilege ?? detectPrivilege();
  if (privilege.mode === 'unavailable') {
    throw new SandboxError(`cannot create a sandbox: ${privilege.problem}; ${privilege.remedy}`);
  }
  const env = sandboxEnv();
  const initEnv: Record<string, string> = {
    ...env,
    ...initInputs(options),
    ...lockDownEnv(),
    LEARN_HOSTNAME: SANDBOX_HOSTNAME,
  };
  const unshareArgs = [
    '--net', '--mount', '--propagation', 'private', '--uts', '--ipc',
    '--pid', '--fork', '--kill-child', '--mount-proc', '--', '/bin/bash', '-c', SANDBOX_INIT, 'learn-init',
  ];
  const sandboxArgv = ['unshare', ...unshareArgs];

  // Stage 1 runs in mount and PID namespaces of its own, more privileged than
  // the sandbox's, so that what it mounts is locked for the lesson.
  const stage1 = ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', '--mount-proc'];
  let holder: ChildProcess | undefined;
  let starter: ChildProcess;
  if (options.hostPrivileges && privilege.mode !== 'root') {
    throw new SandboxError('host privileges need learn to run as root');
  }
  try {
    if (options.hostPrivileges) {
      starter = spawn('unshare', unshareArgs, {
        env: { ...initEnv, LEARN_MOUNT_RUN: '1', LEARN_LESSON_SRC: options.lessonDir },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
    } else if (privilege.mode === 'root') {
      holder = await startUserNamespaceHolder();
      const { hostUid, hostGid, count } = privilege.range;
      writeFileSync(`/proc/${holder.pid}/uid_map`, `0 ${hostUid} ${count}\n`);
      writeFileSync(`/proc/${holder.pid}/gid_map`, `0 ${hostGid} ${count}\n`);
      // Stage 1's own /proc cannot see the holder: it gets the namespace as fd 3.
      const userns = openSync(`/proc/${holder.pid}/ns/user`, 'r');
      try {
        starter = spawn('unshare', [
          ...stage1, '--', '/bin/sh', '-c', STAGE1_ROOT, 'learn-stage1',
          String(hostUid), String(hostGid), options.lessonDir, ...sandboxArgv,
        ], { env: initEnv, stdio: ['pipe', 'pipe', 'pipe', userns], detached: true });
      } finally {
        closeSync(userns);
      }
    } else {
      const mapping = privilege.subordinate ? ['--map-root-user', '--map-users=auto', '--map-groups=auto'] : ['--map-root-user'];
      starter = spawn('unshare', [
        '--user', ...mapping, ...stage1, '--', '/bin/sh', '-c', STAGE1_ROOTLESS, 'learn-stage1', options.lessonDir, ...sandboxArgv,
      ], { env: initEnv, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    }
    await waitForLine(starter, READY_LINE, START_TIMEOUT_MS);
  } catch (error) {
    holder?.kill('SIGKILL');
    throw error instanceof SandboxError ? error : new SandboxError(String(error));
  } finally {
    holder?.stdin?.end();
  }
  const starterPid = starter.pid;
  if (starterPid === undefined) throw new SandboxError('the sandbox\'s first process has no pid: it did not start');
  const initPid = options.hostPrivileges ? childOf(starterPid) : sandboxInitUnder(starterPid);
  assertIsolated(initPid, options.hostPrivileges ? ['user'] : []);
  return new LiveSandbox(starter, initPid, privilege, env, options.hostPrivileges === true);
}

class LiveSandbox implements Sandbox {
  readonly kind = 'ns' as const;
  readonly timeoutScale = 1;
  private readonly exited: Promise<void>;
  private readonly keeper: NetnsKeeper;

  constructor(
    private readonly starter: ChildProcess,
    readonly initPid: number,
    readonly privilege: Privilege,
    readonly env: Record<string, string>,
    /** host: true lessons: no user namespace of its own, so none to enter. */
    private readonly sharesHostUser: boolean,
  ) {
    this.exited = new Promise((resolve) => {
      if (starter.exitCode !== null || starter.signalCode !== null) resolve();
      else starter.once('exit', () => resolve());
    });
    starter.stdout?.resume();
    starter.stderr?.resume();
    this.keeper = new NetnsKeeper(initPid);
  }

  get keptNamespaces(): number {
    return this.keeper.held;
  }

  command(argv: string[]): { file: string; args: string[] } {
    // -U -m -n -p -u -i: the cgroup and time namespaces stay the host's (same anyway),
    // which a rootless caller could not re-enter. -w: PID 1's working directory, /root.
    // Rootless, the credentials are kept as they are (the user is root inside):
    // setgroups(2) is denied in a user namespace mapped without newgidmap.
    const user = this.sharesHostUser ? [] : this.privilege.mode === 'rootless' ? ['-U', '--preserve-credentials'] : ['-U'];
    return { file: 'nsenter', args: ['-t', String(this.initPid), ...user, '-m', '-n', '-p', '-u', '-i', '-w', '--', ...argv] };
  }

  async openTerminal(spec: TerminalSpec): Promise<SandboxTerminal> {
    const { file, args } = this.command(spec.argv);
    const process = spawnPty(file, args, { cols: spec.cols, rows: spec.rows, env: spec.env });
    return {
      process,
      processes: hostShellProcesses(process.pid),
      confirmInside: () => {
        const shell = shellPidUnder(process.pid);
        if (shell === undefined) throw new SandboxError('cannot find the shell process of a terminal');
        this.assertInside(shell);
      },
    };
  }

  assertInside(pid: number): void {
    const shared = this.sharesHostUser ? ['user'] : [];
    assertIsolated(pid, shared);
    assertSameNamespaces(pid, this.initPid);
  }

  run(script: string, timeoutMs = 10_000, options: RunOptions = {}): Promise<RunResult> {
    const { file, args } = this.command(['/bin/sh', '-c', script]);
    return runScript(file, args, this.env, timeoutMs, options.keepNetworkNamespace ? this.keeper : undefined);
  }

  async close(): Promise<void> {
    this.starter.stdin?.end();
    await this.exited;
    this.keeper.close();
  }
}

/** `unshare --user` parked on its stdin: owns the user namespace while we map ids. */
async function startUserNamespaceHolder(): Promise<ChildProcess> {
  const holder = spawn('unshare', ['--user', '--', '/bin/sh', '-c', 'echo ready; read _'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: SANDBOX_PATH },
    detached: true,
  });
  await waitForLine(holder, 'ready', START_TIMEOUT_MS);
  return holder;
}

function waitForLine(child: ChildProcess, line: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const done = (error?: Error): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onOut);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onOut = (data: Buffer): void => {
      stdout += data.toString();
      if (stdout.split('\n').includes(line)) done();
    };
    const onErr = (data: Buffer): void => {
      stderr += data.toString();
    };
    const onExit = (code: number | null): void =>
      done(new SandboxError(`sandbox setup failed (exit ${code}): ${stderr.trim() || stdout.trim() || 'no message'}`));
    const onError = (error: Error): void => done(new SandboxError(`sandbox setup failed: ${error.message}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(new SandboxError(`sandbox setup did not finish within ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.stdout?.on('data', onOut);
    child.stderr?.on('data', onErr);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
