// `learn doctor` for VM lessons (sandbox: vm): qemu, busybox-static and xz
// on the host, Debian's kernel in learn's cache, and whether the VM will run
// under KVM or software emulation (TCG), with the reason. Pure: the facts
// come from the Machine.
import type { Check } from './check.js';
import type { AccelChoice } from '../sandbox/vm/accel.js';

export interface VmFacts {
  qemu: string | undefined;
  busybox: boolean;
  xz: boolean;
  /** Version of the cached kernel. */
  kernel: string | undefined;
  accel: AccelChoice;
}

/** Debian packages the VM needs, by the fact that shows them missing. */
export const VM_PACKAGES = { qemu: 'qemu-system-x86', busybox: 'busybox-static', xz: 'xz-utils' } as const;

export function vmChecks(facts: VmFacts, lessons: string[]): { checks: Check[]; missingPackages: string[] } {
  const checks: Check[] = [];
  const missingPackages: string[] = [];
  const tool = (name: 'qemu' | 'busybox' | 'xz', present: boolean, detail: string): void => {
    const pkg = VM_PACKAGES[name];
    if (!present) missingPackages.push(pkg);
    checks.push(present
      ? { area: 'vm', name: `vm ${name}`, status: 'ok', detail, package: pkg, lessons }
      : { area: 'vm', name: `vm ${name}`, status: 'problem', detail: 'not installed', fix: `learn setup (installs ${pkg})`, package: pkg, lessons });
  };
  tool('qemu', facts.qemu !== undefined, `installed (${facts.qemu})`);
  tool('busybox', facts.busybox, 'installed (/bin/busybox, for the VM\'s initramfs)');
  tool('xz', facts.xz, 'installed (to unpack the VM kernel)');
  checks.push(facts.kernel
    ? { area: 'vm', name: 'vm kernel', status: 'ok', detail: `${facts.kernel} in learn's cache`, lessons }
    : { area: 'vm', name: 'vm kernel', status: 'problem', detail: 'not in learn\'s cache', fix: 'learn setup (fetches Debian\'s kernel package into the cache; nothing is installed on this machine)', lessons });
  checks.push({ area: 'vm', name: 'vm accel', status: 'ok', detail: `${facts.accel.accel === 'kvm' ? 'KVM' : 'TCG'}: ${facts.accel.reason}` });
  return { checks, missingPackages };
}
