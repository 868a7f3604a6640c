// The VM sandbox's figures: boot to the first prompt, the cost of a step
// through learn's terminal protocol against plain bash in the same VM, and
// the IPVS lesson's wall time. Printed, never asserted.
//
//   node build/bench/vm.js [--reps N] [--json]     (also: npm run bench -- --only vm)
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVmSandbox, vmHostProblem } from '../src/sandbox/vm/vm-sandbox.js';
import { requireCachedKernel } from '../src/sandbox/vm/kernel-cache.js';
import { lessonTerminalFiles, openLessonTerminal } from '../src/session/open.js';
import { measure } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STEPS = 40;

export interface VmBench {
  accel: string;
  reason: string;
  /** createVmSandbox: qemu started to the agent's "ready". */
  bootMs: number[];
  /** The first lesson terminal's first prompt, after boot. */
  firstPromptMs: number[];
  /** One `echo` step through learn's markers, typed and answered. */
  learnStepMs: number[];
  /** The same command in a plain `bash` script in the same VM (timed inside the guest). */
  bashStepMs: number[];
  ipvsLessonMs: number[];
  loadAverage: number[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/**
 * Why the VM part cannot run here, or undefined: checked before the other
 * parts, so that a missing kernel stops the benchmark at once and not after
 * twenty minutes of figures that would then go unprinted.
 */
export function vmBenchProblem(): string | undefined {
  const host = vmHostProblem();
  if (host) return host;
  try {
    requireCachedKernel();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function runVmBench(reps: number, log: (text: string) => void): Promise<VmBench> {
  const out: VmBench = { accel: '', reason: '', bootMs: [], firstPromptMs: [], learnStepMs: [], bashStepMs: [], ipvsLessonMs: [], loadAverage: [os.loadavg()[0]!] };
  for (let rep = 0; rep < reps; rep++) {
    log(`vm: boot ${rep + 1}/${reps}`);
    const started = performance.now();
    const vm = await createVmSandbox({ lessonDir: path.join(ROOT, 'lessons'), files: lessonTerminalFiles() });
    const booted = performance.now();
    out.accel = vm.info.accel;
    out.reason = vm.info.reason;
    try {
      const terminal = await openLessonTerminal(vm, { name: 'main', nonce: `bench${rep}`, cols: 100, rows: 50, startTimeoutMs: 60_000 });
      out.bootMs.push(booted - started);
      out.firstPromptMs.push(performance.now() - started);
      const stepStart = performance.now();
      for (let i = 0; i < STEPS; i++) await terminal.run([{ line: i + 1, text: `echo step ${i}` }], { timeoutMs: 30_000, stopOnFailure: true });
      out.learnStepMs.push((performance.now() - stepStart) / STEPS);
      const script = Array.from({ length: STEPS }, (_, i) => `echo step ${i}`).join('\n');
      const floor = await vm.run(`printf '%s\\n' '${script}' > /tmp/floor.sh; s=$(date +%s%N); bash -e /tmp/floor.sh >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 ))`, 60_000);
      out.bashStepMs.push(Number(floor.stdout.trim()) / 1000 / STEPS);
    } finally {
      await vm.close();
    }
  }
  for (let rep = 0; rep < Math.max(1, Math.min(reps, 2)); rep++) {
    log(`vm: the IPVS lesson ${rep + 1}`);
    const m = await measure([process.execPath, path.join(ROOT, 'bin/learn.js'), 'test', path.join(ROOT, 'lessons/ipvs.md'), '--ci', '--no-color'], { env: { ...process.env, CI: '1' }, keepStdout: true });
    if (m.code !== 0) throw new Error(`learn test lessons/ipvs.md exited ${m.code}:\n${m.stdout}`);
    out.ipvsLessonMs.push(m.wallMs);
  }
  out.loadAverage.push(os.loadavg()[0]!);
  return out;
}

export function renderVmBench(b: VmBench): string[] {
  const ms = (values: number[]): string => `${Math.round(median(values))} ms (${values.map((v) => Math.round(v)).join(', ')})`;
  const learn = median(b.learnStepMs);
  const bash = median(b.bashStepMs);
  return [
    `VM sandbox, ${b.accel.toUpperCase()} (${b.reason}); load average ${b.loadAverage.map((l) => l.toFixed(1)).join(' -> ')}`,
    `  boot (qemu start to agent ready)      ${ms(b.bootMs)}`,
    `  boot to the first prompt              ${ms(b.firstPromptMs)}`,
    `  one step through learn's terminal     ${ms(b.learnStepMs)}`,
    `  the same command in plain bash        ${bash.toFixed(2)} ms; learn adds ${(learn - bash).toFixed(0)} ms a step`,
    `  the IPVS lesson (learn test, TCG: target 60 s)   ${ms(b.ipvsLessonMs)}`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reps: { type: 'string' }, json: { type: 'boolean' } } });
  const reps = values.reps === undefined ? 3 : Number(values.reps);
  const result = await runVmBench(reps, (text) => process.stderr.write(`bench: ${text}\n`));
  process.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : renderVmBench(result).join('\n') + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
