// For VM tests: can a VM run here (qemu, busybox, a cached kernel), and the
// host's qemu processes, so a test can tell its own from others.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { findCachedKernel, BUSYBOX } from '../../src/sandbox/vm/kernel-cache.js';
import { qemuProgram } from '../../src/sandbox/vm/vm-sandbox.js';

/** Why VM tests cannot run here, or false. */
export function vmUnavailable(): string | false {
  if (!qemuProgram()) return 'qemu-system-x86_64 is not installed (learn setup)';
  if (!existsSync(BUSYBOX)) return 'busybox-static is not installed (learn setup)';
  if (!findCachedKernel()) return 'no VM kernel in the cache (learn setup)';
  return false;
}

export function qemuPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('qemu-system')) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Does process `pid` hold a file whose path ends with `suffix` open? */
export function holdsOpen(pid: number, suffix: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).endsWith(suffix);
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}
