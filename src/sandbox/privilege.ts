// How this machine lets us build a sandbox: as root (the sandbox's root is
// mapped to an unprivileged host uid range) or rootless (the invoking user is
// mapped to root inside). Reads /proc and /etc only; changes nothing.
import { readFileSync, existsSync, accessSync, constants } from 'node:fs';
import { userInfo } from 'node:os';

/** Host ids that the sandbox's 0..count-1 map to. */
export interface IdRange {
  hostUid: number;
  hostGid: number;
  count: number;
}

export type Privilege =
  | { mode: 'root'; range: IdRange }
  | { mode: 'rootless'; subordinate: boolean }
  | { mode: 'unavailable'; problem: string; remedy: string };

/** Used when root has no /etc/subuid entry: far above any real account. */
export const DEFAULT_ROOT_RANGE: IdRange = { hostUid: 1879048192, hostGid: 1879048192, count: 65536 };

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** First `name:start:count` line for this user in /etc/subuid or /etc/subgid. */
export function subordinateRange(text: string | undefined, names: string[], minCount: number): number | undefined {
  for (const line of (text ?? '').split('\n')) {
    const [owner, start, count] = line.trim().split(':');
    if (owner !== undefined && names.includes(owner) && Number(count) >= minCount && Number.isInteger(Number(start))) {
      return Number(start);
    }
  }
  return undefined;
}

function onPath(program: string): boolean {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    try {
      accessSync(`${dir}/${program}`, constants.X_OK);
      return true;
    } catch {
      /* keep looking */
    }
  }
  return false;
}

export function detectPrivilege(): Privilege {
  for (const tool of ['unshare', 'nsenter']) {
    if (!onPath(tool)) {
      return { mode: 'unavailable', problem: `${tool} is not installed`, remedy: 'install util-linux (apt-get install util-linux)' };
    }
  }
  const uid = process.geteuid?.() ?? 0;
  if (uid === 0) {
    const names = ['root', '0'];
    const subUid = subordinateRange(readText('/etc/subuid'), names, 65536);
    const subGid = subordinateRange(readText('/etc/subgid'), names, 65536);
    const range = subUid !== undefined && subGid !== undefined
      ? { hostUid: subUid, hostGid: subGid, count: 65536 }
      : DEFAULT_ROOT_RANGE;
    return { mode: 'root', range };
  }
  return detectRootless(uid);
}

function detectRootless(uid: number): Privilege {
  const maxNs = Number(readText('/proc/sys/user/max_user_namespaces')?.trim() ?? '1');
  if (maxNs === 0) {
    return {
      mode: 'unavailable',
      problem: 'user namespaces are disabled (user.max_user_namespaces = 0)',
      remedy: 'run `sudo sysctl -w user.max_user_namespaces=15000`, or run learn with sudo',
    };
  }
  if (readText('/proc/sys/kernel/unprivileged_userns_clone')?.trim() === '0') {
    return {
      mode: 'unavailable',
      problem: 'unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0)',
      remedy: 'run `sudo sysctl -w kernel.unprivileged_userns_clone=1`, or run learn with sudo',
    };
  }
  if (readText('/proc/sys/kernel/apparmor_restrict_unprivileged_userns')?.trim() === '1') {
    return {
      mode: 'unavailable',
      problem: 'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1, as on Ubuntu 24.04)',
      remedy:
        'either allow them for this session with `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, ' +
        'or add an AppArmor profile granting `userns,` to /usr/bin/unshare (see docs/sandbox.md), or run learn with sudo',
    };
  }
  const names = [userInfo().username, String(uid)];
  const subordinate =
    existsSync('/usr/bin/newuidmap') &&
    subordinateRange(readText('/etc/subuid'), names, 65536) !== undefined &&
    subordinateRange(readText('/etc/subgid'), names, 65536) !== undefined;
  return { mode: 'rootless', subordinate };
}
