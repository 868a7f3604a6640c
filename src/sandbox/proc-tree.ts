// Finding the sandbox's processes from the host's /proc: the child of a
// pid, its descendants, the PID 1 of the deepest PID namespace under it, the
// namespaces a process is in, and the check that a process really is in
// namespaces of its own before anything runs there.
import { readFileSync, statSync } from 'node:fs';
import { SandboxError } from './sandbox-error.js';

const NAMESPACES = ['user', 'net', 'mnt', 'pid', 'uts', 'ipc'] as const;

/** The single child of `pid` (unshare --fork's child: the sandbox's PID 1). */
export function childOf(pid: number): number {
  const children = readChildren(pid);
  const only = children[0];
  if (children.length !== 1 || only === undefined) throw new SandboxError(`expected one sandbox init under pid ${pid}, found ${children.length}`);
  return only;
}

/**
 * The sandbox's PID 1 among the descendants of `pid`: the process that is
 * PID 1 of the most deeply nested PID namespace (stage 1 is PID 1 of its own
 * namespace too, one level up).
 */
export function sandboxInitUnder(pid: number): number {
  let best: { pid: number; depth: number } | undefined;
  for (const current of [pid, ...descendantsOf(pid)]) {
    const nsPids = nsPidsOf(current);
    if (nsPids.length > 1 && nsPids[nsPids.length - 1] === 1 && (!best || nsPids.length > best.depth)) {
      best = { pid: current, depth: nsPids.length };
    }
  }
  if (!best || best.depth < 3) throw new SandboxError(`no sandbox init found under pid ${pid}`);
  return best.pid;
}

/** The children of `pid` (none when it is gone). */
export function childrenOf(pid: number): number[] {
  try {
    return readChildren(pid);
  } catch {
    return [];
  }
}

/** Every descendant of `pid`, parents before children (none when it is gone). */
export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  for (let queue = childrenOf(pid), current = queue.shift(); current !== undefined; current = queue.shift()) {
    found.push(current);
    queue.push(...childrenOf(current));
  }
  return found;
}

function readChildren(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** The pids of a process in each PID namespace from ours down to its own (`NSpid:` of /proc/PID/status). */
function nsPidsOf(pid: number): number[] {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('NSpid:'));
    return line ? line.slice('NSpid:'.length).trim().split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** The identity (device:inode) of a namespace of a process; throws when the process is gone. */
export function namespaceId(pid: number | 'self', ns: string): string {
  const st = statSync(`/proc/${pid}/ns/${ns}`);
  return `${st.dev}:${st.ino}`;
}

/** Refuse to go on unless `pid` is in namespaces of its own, not ours. */
export function assertIsolated(pid: number, shared: readonly string[] = []): void {
  for (const ns of NAMESPACES) {
    if (shared.includes(ns)) continue;
    if (namespaceId(pid, ns) === namespaceId('self', ns)) {
      throw new SandboxError(`process ${pid} shares the host's ${ns} namespace; refusing to run lesson commands`);
    }
  }
}

/** Refuse to go on unless `pid` is in every namespace of the sandbox whose PID 1 is `initPid`. */
export function assertSameNamespaces(pid: number, initPid: number): void {
  for (const ns of NAMESPACES) {
    if (namespaceId(pid, ns) !== namespaceId(initPid, ns)) {
      throw new SandboxError(`process ${pid} is not in the sandbox's ${ns} namespace; refusing to run lesson commands`);
    }
  }
}
