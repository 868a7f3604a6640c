// Test helper: `learn serve` as a real child process on the fixture lessons,
// its printed address, a WebSocket client as a page would open it, and the
// sandbox processes it has (seen from the host's /proc).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { fixture, projectRoot, learnCommand } from '../helpers/paths.js';
import { eventually, processesOutsideOurNamespace } from '../helpers/host-state.js';

export const SERVE_LESSONS = fixture('serve', 'lessons');

/** The unprivileged account .ci/run creates for rootless tests. */
export const ROOTLESS_USER = process.env.LEARN_ROOTLESS_USER ?? 'learn-rootless';

export function rootlessUserExists(): boolean {
  try {
    execFileSync('id', [ROOTLESS_USER], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startServe(args: string[] = [], options: { asUser?: string } = {}): Promise<ServeProcess> {
  const argv = [learnCommand, 'serve', SERVE_LESSONS, ...args];
  const [file, ...rest] = options.asUser ? ['runuser', '-u', options.asUser, '--', ...argv] : argv;
  const child = spawn(file!, rest, {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '' },
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /http:\/\/\S+\?token=\S+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`learn serve exited (${code}) before printing its address:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    child, url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    origin: `http://${parsed.host}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Under runuser the server is its child: signal it, not runuser.
      const server = options.asUser ? childrenOf(child.pid!)[0] : child.pid;
      if (server !== undefined) process.kill(server, 'SIGINT');
      await exited;
    },
  };
}

/** A WebSocket to the lesson's session; `messages` collects what the server sent. */
export function openSocket(serve: ServeProcess, lesson: string, options: { origin?: string | undefined; token?: string | undefined } = {}): { ws: WebSocket; messages: Array<Record<string, unknown>>; opened: Promise<void> } {
  const token = 'token' in options ? options.token : serve.token;
  const query = `lesson=${lesson}${token ? `&token=${token}` : ''}`;
  const headers: Record<string, string> = {};
  const origin = 'origin' in options ? options.origin : serve.origin;
  if (origin) headers.Origin = origin;
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?${query}`, { headers });
  const messages: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, messages, opened };
}

type Tab = ReturnType<typeof openSocket>;

/**
 * A tab with lesson `lesson` open and its sandbox up (the server said
 * `ready`); `sandbox`: the processes of that sandbox, as host pids.
 */
export async function openReadyTab(serve: ServeProcess, lesson = 'demo'): Promise<{ tab: Tab; sandbox: number[] }> {
  const baseline = new Set(processesOutsideOurNamespace('net'));
  const tab = openSocket(serve, lesson);
  await tab.opened;
  await eventually('the lesson to be ready', () => tab.messages.some((m) => m.type === 'ready'), 30_000);
  const server = serve.child.pid;
  if (server === undefined) throw new Error('learn serve has no pid: it did not start');
  return { tab, sandbox: newSandboxProcesses(baseline, server) };
}

/**
 * Processes of sandboxes made since `before` by the process `under` (the
 * server): in a network namespace other than ours, and its descendants (other
 * work on the machine has sandboxes too).
 */
export function newSandboxProcesses(before: ReadonlySet<number>, under: number): number[] {
  return processesOutsideOurNamespace('net').filter((pid) => !before.has(pid) && isAlive(pid) && descendsFrom(pid, under));
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function descendsFrom(pid: number, ancestor: number): boolean {
  for (let at: number | undefined = pid; at !== undefined && at > 1; at = parentOf(at)) {
    if (at === ancestor) return true;
  }
  return false;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Resident memory of a process, in kB. */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}
