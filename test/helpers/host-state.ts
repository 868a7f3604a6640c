// A picture of the host that a lesson must never change, for before/after tests.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

function run(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

/** Everything on the host a lesson could touch and that we can read. */
export function hostState(): Record<string, string> {
  return {
    links: run('ip', ['-o', 'link', 'show']).replace(/\s+link\/\S+ \S+( brd \S+)?/g, ''),
    addresses: run('ip', ['-o', 'addr', 'show']),
    routes: run('ip', ['route', 'show', 'table', 'all']),
    netns: run('ip', ['netns', 'list']),
    iptables: run('iptables-save', []).replace(/^#.*$/gm, '').replace(/\[\d+:\d+\]/g, ''),
    nft: run('nft', ['list', 'ruleset']),
    mounts: readFileSync('/proc/self/mountinfo', 'utf8'),
    hostname: readFileSync('/proc/sys/kernel/hostname', 'utf8'),
    ipForward: readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8'),
    swappiness: readFileSync('/proc/sys/vm/swappiness', 'utf8'),
  };
}

/** Pids of processes whose namespace of `kind` differs from ours. */
export function processesOutsideOurNamespace(kind: 'pid' | 'net' | 'user'): number[] {
  const ours = readlinkSync(`/proc/self/ns/${kind}`);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/${kind}`) !== ours) pids.push(Number(entry));
    } catch {
      /* gone, or a kernel thread */
    }
  }
  return pids;
}

/** Host pids of processes running `command` exactly (from /proc/PID/cmdline). */
export function pidsRunning(command: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() === command) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Wait, bounded, for a condition that other processes make true. */
export async function eventually(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
