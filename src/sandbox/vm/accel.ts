// KVM or TCG? Probe, don't assume: /dev/kvm can open and create VMs and the
// guest still hang before printing anything (nested virtualisation). The
// decision is a pure function of what was found; the boot itself is the
// probe (a KVM boot that is not ready within a short deadline is killed and
// the VM boots again under TCG), and its outcome is kept for the process.
import { accessSync, constants, existsSync } from 'node:fs';
import type { Accel } from './qemu-args.js';

export interface AccelFacts {
  /** /dev/kvm exists. */
  present: boolean;
  /** qemu's user (the sandbox's unprivileged root) may open it read-write. */
  openable: boolean;
  /** What a KVM boot did in this process, if one was tried. */
  kvmBoot?: 'ready' | 'hung' | 'failed';
  /** LEARN_VM_ACCEL, when set (kvm or tcg). */
  forced?: Accel;
}

export interface AccelChoice {
  accel: Accel;
  /** Try KVM first, falling back to TCG when it is not ready in time. */
  tryKvm: boolean;
  reason: string;
}

/** How long a KVM boot may take to reach the agent before TCG is tried. */
export const KVM_PROBE_DEADLINE_MS = 4000;

export function chooseAccel(facts: AccelFacts): AccelChoice {
  if (facts.forced === 'tcg') return { accel: 'tcg', tryKvm: false, reason: 'LEARN_VM_ACCEL=tcg' };
  if (!facts.present) return { accel: 'tcg', tryKvm: false, reason: 'no /dev/kvm (no hardware virtualisation here): software emulation (TCG)' };
  if (!facts.openable) return { accel: 'tcg', tryKvm: false, reason: '/dev/kvm is not open to the sandbox\'s unprivileged user (qemu runs as it): software emulation (TCG)' };
  if (facts.kvmBoot === 'hung') return { accel: 'tcg', tryKvm: false, reason: `/dev/kvm opens, but a KVM guest did not come up within ${KVM_PROBE_DEADLINE_MS / 1000} s (nested virtualisation?): software emulation (TCG)` };
  if (facts.kvmBoot === 'failed') return { accel: 'tcg', tryKvm: false, reason: 'qemu could not start a KVM guest: software emulation (TCG)' };
  if (facts.kvmBoot === 'ready') return { accel: 'kvm', tryKvm: false, reason: 'KVM works' };
  return { accel: 'kvm', tryKvm: true, reason: facts.forced === 'kvm' ? 'LEARN_VM_ACCEL=kvm' : '/dev/kvm is open: KVM, if a guest comes up in time' };
}

/** Can a process of `uid` (with no supplementary groups) open /dev/kvm read-write? From its mode. */
export function kvmOpenableBy(uid: number, gid: number, stat: { uid: number; gid: number; mode: number }): boolean {
  const mode = stat.mode & 0o777;
  if (uid === stat.uid) return (mode & 0o600) === 0o600;
  if (gid === stat.gid) return (mode & 0o060) === 0o060;
  return (mode & 0o006) === 0o006;
}

let kvmBoot: AccelFacts['kvmBoot'];

/** Remember how a KVM boot went, for the rest of this process. */
export function recordKvmBoot(outcome: NonNullable<AccelFacts['kvmBoot']>): void {
  kvmBoot = outcome;
}

export function kvmBootSoFar(): AccelFacts['kvmBoot'] {
  return kvmBoot;
}

export function forcedAccel(env: NodeJS.ProcessEnv = process.env): Accel | undefined {
  return env.LEARN_VM_ACCEL === 'kvm' || env.LEARN_VM_ACCEL === 'tcg' ? env.LEARN_VM_ACCEL : undefined;
}

export function kvmPresent(): boolean {
  if (!existsSync('/dev/kvm')) return false;
  try {
    accessSync('/dev/kvm', constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
