// The real machine behind `learn doctor`: privilege from /proc and /etc, a
// real sandbox for the probes (the same probes `learn test` runs), a real
// pseudo-terminal, dpkg for package names. Changes nothing on the host.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { KernelFeature } from '../lesson/kernel-features.js';
import { detectPrivilege, type Privilege } from '../sandbox/privilege.js';
import { probe } from '../sandbox/probe.js';
import { createSandbox, SANDBOX_PATH } from '../sandbox/sandbox.js';
import { spawnPty } from '../session/pty.js';
import { PTY_PACKAGE, ptyVersion } from '../session/pty-module.js';
import type { Machine, ProbeOutcome } from './doctor.js';
import type { VmFacts } from './vm.js';
import { chooseAccel, forcedAccel, kvmBootSoFar, kvmOpenableBy, kvmPresent } from '../sandbox/vm/accel.js';
import { BUSYBOX, findCachedKernel } from '../sandbox/vm/kernel-cache.js';
import { qemuProgram } from '../sandbox/vm/vm-sandbox.js';
import { dpkgSearch } from './packages.js';

const PTY_TIMEOUT_MS = 5000;

export function realMachine(): Machine {
  return {
    nodeVersion: process.version,
    startedAs: process.env.LEARN_START,
    privilege: detectPrivilege,
    apparmorRestrictsUserns: () => readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1',
    probe: probeInSandbox,
    hostProgram,
    dpkg: hasProgram('dpkg') ? dpkgSearch : undefined,
    terminal: checkPty,
    kernelModule,
    vm: vmFacts,
  };
}

/** Without booting: the boot itself is the KVM probe (accel.ts). */
function vmFacts(privilege: Privilege): VmFacts {
  const present = kvmPresent();
  let openable = false;
  if (present) {
    const stat = statSync('/dev/kvm');
    // qemu runs as the sandbox's root: the first mapped host id (root mode) or our own.
    const [uid, gid] = privilege.mode === 'root' ? [privilege.range.hostUid, privilege.range.hostGid] : [process.getuid?.() ?? -1, process.getgid?.() ?? -1];
    openable = kvmOpenableBy(uid, gid, stat);
  }
  return {
    qemu: qemuProgram(),
    busybox: existsSync(BUSYBOX),
    xz: hasProgram('xz'),
    kernel: findCachedKernel()?.version,
    accel: chooseAccel({ present, openable, forced: forcedAccel(), kvmBoot: kvmBootSoFar() }),
  };
}

/** Whether modules.dep of the running kernel lists `name` (dashes and underscores are one). */
export function kernelModule(name: string): 'loadable' | 'absent' | 'unknown' {
  let dep: string;
  try {
    dep = readFileSync(`/lib/modules/${release()}/modules.dep`, 'utf8');
  } catch {
    return 'unknown';
  }
  const wanted = name.replace(/-/g, '_');
  for (const line of dep.split('\n')) {
    const file = line.slice(0, line.indexOf(':')).split('/').pop() ?? '';
    if (file.replace(/\.ko(\.\w+)?$/, '').replace(/-/g, '_') === wanted) return 'loadable';
  }
  return 'absent';
}

function release(): string {
  return readSysctl('/proc/sys/kernel/osrelease') ?? '';
}

function readSysctl(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function probeInSandbox(privilege: Privilege, programs: string[], features: KernelFeature[]): Promise<ProbeOutcome> {
  const started = performance.now();
  let sandbox;
  try {
    sandbox = await createSandbox({ lessonDir: tmpdir(), privilege });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  try {
    const alive = await sandbox.run('echo learn-doctor-ok');
    if (!alive.stdout.includes('learn-doctor-ok')) {
      return { ok: false, error: `the sandbox did not run a command (status ${alive.code}): ${alive.stderr.trim() || 'no message'}` };
    }
    const report = await probe(sandbox, programs, features);
    return { ok: true, report, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await sandbox.close();
  }
}

export function hostProgram(program: string): string | undefined {
  for (const dir of SANDBOX_PATH.split(':')) {
    try {
      accessSync(`${dir}/${program}`, constants.X_OK);
      return `${dir}/${program}`;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

function hasProgram(program: string): boolean {
  return hostProgram(program) !== undefined;
}


/** Spawn a shell in a pty and read its output back. */
function checkPty(): Promise<{ ok: boolean; detail: string }> {
  const version = `${PTY_PACKAGE} ${ptyVersion()}`;
  const term = process.env.TERM ? `TERM=${process.env.TERM}` : 'TERM unset';
  const yours = process.stdout.isTTY ? `this terminal: ${term}, ${process.stdout.columns} columns` : `stdout is not a terminal (${term})`;
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const finish = (ok: boolean, detail: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ok, detail });
    };
    const timer = setTimeout(() => finish(false, `${version}: a shell in a pseudo-terminal did not answer within ${PTY_TIMEOUT_MS} ms`), PTY_TIMEOUT_MS);
    try {
      const pty = spawnPty('/bin/sh', ['-c', 'echo learn-pty-$((6*7))'], { cols: 80, rows: 24, env: { PATH: SANDBOX_PATH, TERM: 'xterm-256color' } });
      pty.onData((data) => {
        output += data;
        if (output.includes('learn-pty-42')) finish(true, `${version}: a shell in a pseudo-terminal answered; ${yours}`);
      });
      // Output may still be on its way when the exit is seen: give it a moment.
      pty.onExit(() => setTimeout(() => finish(false, `${version}: the pseudo-terminal gave no answer (${JSON.stringify(output.slice(0, 80))})`), 500));
    } catch (error) {
      finish(false, `${version}: cannot spawn a pseudo-terminal: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
