// The VM sandbox: a small qemu VM booting Debian's kernel, for lessons that
// need a kernel feature the host lacks or refuses to a user namespace (IPVS).
//
// Containment: qemu runs inside a namespace sandbox (sandbox.ts), as its
// unprivileged root, with no network device, so the guest reads the host's
// files (shared read-only) with no more rights than a namespace lesson has.
// Lifetime: qemu is in that sandbox's PID namespace, which dies with learn
// (even by SIGKILL); a guest whose PID 1 dies panics, and qemu then exits
// (-no-reboot, panic=-1). Boot has a deadline; every failure is a message.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { childOf, createSandbox, SandboxError, SANDBOX_HOSTNAME, SANDBOX_PATH, type Sandbox } from '../sandbox.js';
import type { LessonSandbox, RunResult, SandboxTerminal, TerminalSpec } from '../kind.js';
import type { Privilege } from '../privilege.js';
import { shellQuote } from '../probe.js';
import { AgentChannel, b64 } from './agent-channel.js';
import { VmTerminal } from './vm-terminal.js';
import { qemuArgs, QEMU, type Accel } from './qemu-args.js';
import { chooseAccel, forcedAccel, kvmBootSoFar, kvmPresent, KVM_PROBE_DEADLINE_MS, recordKvmBoot } from './accel.js';
import { BUSYBOX, requireCachedKernel, type CachedKernel } from './kernel-cache.js';
import { ensureInitramfs } from './initramfs.js';
import { stripEscapes } from '../../text/escapes.js';

/** Terminal ports of every VM: more terminals than any lesson opens at once. */
export const VM_TERMINALS = 8;
export const VM_BOOT_TIMEOUT_MS = 60_000;
const KERNEL_BIND = 'kernel';
/** Under TCG a program start costs 50 to 400 ms (machine load decides): steps get 4 times their timeout. */
export const TCG_TIMEOUT_SCALE = 4;
const SERIAL_LOG_LIMIT = 8192;

export class VmError extends SandboxError {}

export interface VmSandboxOptions {
  lessonDir: string;
  privilege?: Privilege;
  files?: Record<string, string>;
  bootTimeoutMs?: number;
  memoryMiB?: number;
}

/** What a boot found, for `learn doctor` and benchmarks. */
export interface VmBootInfo {
  accel: Accel;
  reason: string;
  kernel: string;
  bootMs: number;
}

export function qemuProgram(): string | undefined {
  return SANDBOX_PATH.split(':').map((dir) => `${dir}/${QEMU}`).find((file) => existsSync(file));
}

/** What the host lacks to start a VM (qemu, busybox), with the fix; undefined when nothing. The kernel is requireCachedKernel's. */
export function vmHostProblem(): string | undefined {
  if (!qemuProgram()) return `${QEMU} is not installed; run \`learn setup\` (it installs qemu-system-x86)`;
  if (!existsSync(BUSYBOX)) return `${BUSYBOX} is missing; run \`learn setup\` (it installs busybox-static)`;
  return undefined;
}

export async function createVmSandbox(options: VmSandboxOptions): Promise<VmSandbox> {
  const problem = vmHostProblem();
  if (problem) throw new VmError(problem);
  let kernel: CachedKernel;
  let initramfs: string;
  try {
    kernel = requireCachedKernel();
    initramfs = ensureInitramfs(kernel.modulesDir, BUSYBOX);
  } catch (error) {
    throw new VmError((error as Error).message);
  }
  const host = await createSandbox({
    lessonDir: options.lessonDir,
    privilege: options.privilege,
    files: options.files,
    binds: { [KERNEL_BIND]: kernel.dir },
  });
  try {
    const started = performance.now();
    let choice = chooseAccel(await accelFacts(host));
    let booted: Booted;
    if (choice.tryKvm) {
      try {
        booted = await boot(host, kernel, initramfs, 'kvm', KVM_PROBE_DEADLINE_MS, options);
        recordKvmBoot('ready');
      } catch (error) {
        recordKvmBoot(error instanceof BootTimeout ? 'hung' : 'failed');
        choice = chooseAccel(await accelFacts(host));
        booted = await boot(host, kernel, initramfs, 'tcg', options.bootTimeoutMs ?? VM_BOOT_TIMEOUT_MS, options);
      }
    } else {
      booted = await boot(host, kernel, initramfs, choice.accel, options.bootTimeoutMs ?? VM_BOOT_TIMEOUT_MS, options);
    }
    const info: VmBootInfo = { accel: choice.accel, reason: choice.reason, kernel: kernel.version, bootMs: performance.now() - started };
    return new VmSandbox(host, booted, info);
  } catch (error) {
    await host.close();
    throw error;
  }
}

async function accelFacts(host: Sandbox): Promise<Parameters<typeof chooseAccel>[0]> {
  const forced = forcedAccel();
  const present = kvmPresent();
  // Asked inside the sandbox: qemu opens /dev/kvm as the sandbox's root.
  const openable = present && forced !== 'tcg' && (await host.run('test -r /dev/kvm && test -w /dev/kvm')).code === 0;
  return { present, openable, kvmBoot: kvmBootSoFar(), forced };
}

interface Booted {
  qemu: ChildProcess;
  agent: AgentChannel;
  ports: Duplex[];
  serial: () => string;
}

class BootTimeout extends VmError {}

async function boot(host: Sandbox, kernel: CachedKernel, initramfs: string, accel: Accel, deadlineMs: number, options: VmSandboxOptions): Promise<Booted> {
  const inside = `/run/learn/${KERNEL_BIND}`;
  const terminalFds = Array.from({ length: VM_TERMINALS }, (_, i) => 3 + i);
  const args = qemuArgs({
    accel,
    vmlinux: `${inside}/vmlinux`,
    initramfs: `${inside}/${initramfs.slice(kernel.dir.length + 1)}`,
    kernelVersion: kernel.version,
    hostname: SANDBOX_HOSTNAME,
    memoryMiB: options.memoryMiB ?? 768,
    // One vCPU under TCG: on a small, busy host a second one only adds contention.
    cpus: accel === 'kvm' ? 2 : 1,
    controlFd: 3 + VM_TERMINALS,
    eventsFd: 4 + VM_TERMINALS,
    terminalFds,
  });
  const { file, args: argv } = host.command([QEMU, ...args]);
  // Each 'pipe' past stdio is a socket pair: qemu gets one end as the fd.
  const qemu = spawn(file, argv, {
    stdio: ['pipe', 'pipe', 'pipe', ...terminalFds.map(() => 'pipe' as const), 'pipe', 'pipe'],
    env: { PATH: SANDBOX_PATH },
    detached: true,
  });
  let serial = '';
  const keep = (data: Buffer): void => void (serial = (serial + data.toString('utf8')).slice(-SERIAL_LOG_LIMIT));
  qemu.stdout?.on('data', keep);
  qemu.stderr?.on('data', keep);
  const ports = qemu.stdio.slice(3) as Duplex[];
  const [control, events] = ports.slice(VM_TERMINALS);
  const qemuPid = qemu.pid;
  if (!control || !events || qemuPid === undefined) {
    qemu.kill('SIGKILL');
    throw new VmError(`${QEMU} did not start (no process, or no agent ports)`);
  }
  const agent = new AgentChannel(control, events);
  const exited = new Promise<number | null>((resolve) => qemu.once('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    agent.ready().then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs))),
  ]);
  clearTimeout(timer);
  if (outcome === 'ready') {
    host.assertInside(childOf(qemuPid));
    return { qemu, agent, ports, serial: () => serial };
  }
  try {
    process.kill(childOf(qemuPid), 'SIGKILL');
  } catch {
    /* gone already */
  }
  qemu.kill('SIGKILL');
  await exited;
  const log = lastShownLines(stripTerminalControls(serial), 12);
  if (outcome === 'timeout') throw new BootTimeout(`the VM (${accel.toUpperCase()}) did not boot within ${deadlineMs / 1000} s${log ? `; its console said:\n${log}` : ''}`);
  throw new VmError(`the VM did not boot (qemu exited)${log ? `; its console said:\n${log}` : ''}`);
}

export class VmSandbox implements LessonSandbox {
  readonly kind = 'vm' as const;
  readonly timeoutScale: number;
  readonly env: Record<string, string>;
  private readonly terminals: Array<VmTerminal | undefined> = [];
  private readonly exited: Promise<void>;
  private closing = false;

  constructor(
    private readonly host: Sandbox,
    private readonly booted: Booted,
    readonly info: VmBootInfo,
  ) {
    this.env = host.env;
    this.timeoutScale = info.accel === 'tcg' ? TCG_TIMEOUT_SCALE : 1;
    booted.ports.slice(0, VM_TERMINALS).forEach((port, index) => {
      port.setEncoding('utf8');
      port.on('data', (data: string) => this.terminals[index]?.deliver(data));
    });
    booted.agent.onEvent((event) => {
      const terminal = this.terminals[event.port];
      if (!terminal) return;
      if (event.kind === 'pid') terminal.guestPid = event.pid;
      else terminal.ended(event.status);
    });
    this.exited = new Promise((resolve) => {
      booted.qemu.once('exit', () => {
        booted.agent.shutDown(this.closing ? 'the VM was shut down' : `the VM stopped: ${lastShownLines(stripTerminalControls(booted.serial()), 6) || 'no message'}`);
        for (const terminal of this.terminals) terminal?.ended(129);
        resolve();
      });
    });
  }

  get initPid(): number {
    return this.host.initPid;
  }

  async openTerminal(spec: TerminalSpec): Promise<SandboxTerminal> {
    const port = this.terminals.findIndex((t, i) => i < VM_TERMINALS && (t === undefined || t.exited));
    const free = port >= 0 ? port : this.terminals.length < VM_TERMINALS ? this.terminals.length : -1;
    if (free < 0) throw new VmError(`a VM lesson can have at most ${VM_TERMINALS} terminals open at once`);
    const stream = this.booted.ports[free];
    if (!stream) throw new VmError(`the VM has no console port ${free}`);
    const terminal = new VmTerminal(free, stream, this.booted.agent);
    this.terminals[free] = terminal;
    const reply = await this.booted.agent.request('term', free, spec.cols, spec.rows, b64(envCommand(spec.env, spec.argv)));
    if (reply.status !== 0) throw new VmError(`cannot start a terminal in the VM: ${reply.stderr.trim() || `status ${reply.status}`}`);
    return {
      process: terminal,
      processes: terminal.processes(),
      // The guest is the containment (qemu itself was checked to be inside the sandbox).
      confirmInside: () => {
        if (terminal.guestPid === undefined) throw new VmError('the VM did not report the shell of a terminal');
      },
    };
  }

  async run(script: string, timeoutMs = 10_000): Promise<RunResult> {
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const reply = await this.booted.agent.request('run', b64(envCommand(this.env, ['/bin/sh', '-c', script])), seconds);
    return { code: reply.status, stdout: reply.stdout, stderr: reply.stderr };
  }

  /** The namespace sandbox goes, and qemu with it (its PID namespace ends). */
  async close(): Promise<void> {
    this.closing = true;
    await this.host.close();
    await this.exited;
  }
}

/** `exec env -i K=V ... ARGV`, quoted for /bin/sh. */
export function envCommand(env: Record<string, string>, argv: string[]): string {
  const pairs = Object.entries(env).map(([k, v]) => shellQuote(`${k}=${v}`));
  return ['exec', 'env', '-i', ...pairs, ...argv.map(shellQuote)].join(' ');
}

function stripTerminalControls(text: string): string {
  return stripEscapes(text).replace(/\r/g, '');
}

/** The last `count` lines that show something (a boot log has many blank ones). */
function lastShownLines(text: string, count: number): string {
  return text.split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(-count).join('\n');
}
