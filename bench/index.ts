// `npm run bench`: what `learn` adds to the commands it runs, side by side
// with plain `bash -e` (the floor) and cram (an established output checker
// without a pty), in the same sandbox kind, in one run, alternating.
//
//   node build/bench/index.js [--reps N] [--json] [--only LIST] [--keep]
//
//   --reps N     repetitions (default 9; network-34 twice as many, its kernel work
//                varies most; flood at most 5, curriculum at most 3); medians are reported
//   --json       print the results as JSON instead of the table
//   --only LIST  comma-separated parts: steps,network,startup,prompt,flood,curriculum
//   --keep       keep the temporary folder (lessons, snapshots, cram tests)
//
// Figures are printed, never asserted: this is not a test.
import { parseArgs } from 'node:util';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox, sandboxEnv, SANDBOX_HOSTNAME, SANDBOX_LESSON_DIR } from '../src/sandbox/sandbox.js';
import { LOCK_DOWN_HOST, lockDownEnv } from '../src/sandbox/scripts.js';
import { firstPrompt } from './first-prompt.js';
import { detectPrivilege, type Privilege } from '../src/sandbox/privilege.js';
import { measure, type Measured } from './measure.js';
import {
  cramExpectations,
  floodWorkload,
  networkWorkload,
  stepsWorkload,
  writeWorkload,
  type WorkloadFiles,
} from './workloads.js';
import type { LoopReport } from './learn-loop.js';
import { renderReport, evaluateTargets, type BenchReport, type Sample, type Series } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LEARN_LOOP = path.join(ROOT, 'build/bench/learn-loop.js');
const PTY_READER = path.join(ROOT, 'build/bench/pty-reader.js');
const NODE = process.execPath;

/**
 * The three ways the whole-process rows start the CLI: as installed
 * (bin/learn, from the start-up snapshot), from the bundle (bin/learn.js), and
 * from the compiled modules (build/bench/unbundled.js), alternating in one run.
 */
type CliStart = 'snapshot' | 'bundle' | 'unbundled';
const CLI_STARTS: Record<CliStart, { argv: string[]; suffix: string }> = {
  snapshot: { argv: [path.join(ROOT, 'bin/learn')], suffix: '' },
  bundle: { argv: [NODE, path.join(ROOT, 'bin/learn.js')], suffix: '-bundle' },
  unbundled: { argv: [NODE, path.join(ROOT, 'build/bench/unbundled.js')], suffix: '-unbundled' },
};
/** The environment of every CLI run: nothing that would keep bin/learn from its snapshot. */
const CLI_ENV = { ...process.env, CI: '', NODE_OPTIONS: '', LEARN_NO_SNAPSHOT: '' };
/** The reporter's line for the first step of a lesson (`  FILE 1/N ✓ NAME (T ms)`): the first step is done. */
const FIRST_STEP_LINE = / 1\/\d+ \S+ /;

const HELP = `usage: npm run bench -- [--reps N] [--json] [--only LIST] [--keep]
       node build/bench/index.js [same options]

  --reps N     repetitions (default 9; network-34 twice as many, flood at most 5,
               curriculum at most 3); medians are reported
  --json       print the results as JSON instead of the table
  --only LIST  comma-separated parts: steps,network,startup,prompt,flood,curriculum,vm
  --keep       keep the temporary folder (lessons, snapshots, cram tests)
`;

const PARTS = ['steps', 'network', 'startup', 'prompt', 'flood', 'curriculum', 'vm'] as const;
type Part = (typeof PARTS)[number];

/**
 * Pause before every measured run. The kernel tears the previous run's
 * sandbox down in the background (network namespaces with their bridges and
 * veth pairs, under the rtnl lock); measured here, that work slows the next
 * run's first `ip` commands for about 100 ms. This is the harness, not learn:
 * learn's step path has no pause anywhere.
 */
const SETTLE_MS = 250;
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

const FLOOD_BYTES = 20e6;
/** A bigger flood, to show that memory does not grow with the output. */
const BIG_FLOOD_BYTES = 100e6;

interface Context {
  tmp: string;
  privilege: Privilege;
  reps: number;
  haveCram: boolean;
  log: (text: string) => void;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string' },
      json: { type: 'boolean' },
      only: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const reps = values.reps === undefined ? 9 : Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps takes a whole number of 1 or more, not "${values.reps}"`);
  const only = new Set<Part>(values.only ? (values.only.split(',') as Part[]) : PARTS);
  for (const part of only) if (!PARTS.includes(part)) throw new Error(`unknown part "${part}" (parts: ${PARTS.join(', ')})`);

  const privilege = detectPrivilege();
  if (privilege.mode === 'unavailable') {
    process.stderr.write(`bench: cannot create sandboxes: ${privilege.problem}\n  what to do: ${privilege.remedy}\n`);
    process.exitCode = 3;
    return;
  }
  const vmProblem = only.has('vm') ? (await import('./vm.js')).vmBenchProblem() : undefined;
  if (vmProblem) {
    process.stderr.write(`bench: cannot measure the VM sandbox: ${vmProblem}\n  or leave the VM out with --only (parts: ${PARTS.filter((part) => part !== 'vm').join(',')})\n`);
    process.exitCode = 3;
    return;
  }
  if (!existsSync(LEARN_LOOP)) throw new Error('build/ is missing: run `npx tsc -p .` first (npm run bench does)');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'learn-bench-'));
  const ctx: Context = {
    tmp,
    privilege,
    reps,
    haveCram: commandExists('cram3'),
    log: (text) => process.stderr.write(`bench: ${text}\n`),
  };
  if (!ctx.haveCram) ctx.log('cram3 is not installed (Debian: python3-cram): cram columns stay empty');
  const startUp = installedStart();
  if (startUp !== 'from the start-up snapshot') ctx.log(`bin/learn does not start from its snapshot here (${startUp}): the "learn test" rows are the bundle's`);

  const report: BenchReport = { machine: machine(), reps, series: {}, notes: [] };
  try {
    if (only.has('steps')) await runSteps(ctx, report);
    if (only.has('network')) await runNetwork(ctx, report);
    if (only.has('startup') && !only.has('steps')) await runStartup(ctx, report);
    if (only.has('prompt')) await runPrompt(ctx, report);
    if (only.has('flood')) await runFlood(ctx, report);
    if (only.has('curriculum')) await runCurriculum(ctx, report);
    if (only.has('vm')) {
      // The VM sandbox (bench/vm.ts): figures of its own, as notes.
      const { runVmBench, renderVmBench } = await import('./vm.js');
      report.notes.push(...renderVmBench(await runVmBench(Math.max(1, Math.min(ctx.reps, 3)), ctx.log)));
    }
  } finally {
    if (values.keep) ctx.log(`files kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  report.machine.loadAverage.end = os.loadavg()[0]!;
  report.targets = evaluateTargets(report);
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : renderReport(report));
}

// ---------------------------------------------------------------- contenders

/** Plain `bash -e` over the commands, in a fresh sandbox; only the bash process is timed. */
async function runFloor(ctx: Context, files: WorkloadFiles): Promise<Sample> {
  return inSandbox(ctx, files, ['/bin/bash', '-e', `${SANDBOX_LESSON_DIR}/floor.sh`], 'bash');
}

/** cram over the same commands with expected outputs, in a fresh sandbox. */
async function runCram(ctx: Context, files: WorkloadFiles): Promise<Sample> {
  return inSandbox(ctx, files, ['cram3', '--shell=/bin/bash', '-q', `${SANDBOX_LESSON_DIR}/${path.basename(files.cram)}`], 'cram');
}

/**
 * cram's whole process with a sandbox of the same kind made around it and
 * counted: stage 1's private mount and PID namespaces with the same
 * lock-down of the host (LOCK_DOWN_HOST: read-only remounts, private tmpfs,
 * the lesson folder bound read-only), then new user (root mapped), network,
 * mount, UTS, IPC and PID namespaces with lo up, the hostname and a sysfs,
 * as learn's sandbox has. Root mode only (the bench runs as root here).
 */
async function runCramWhole(files: WorkloadFiles): Promise<Sample> {
  const test = `${SANDBOX_LESSON_DIR}/${path.basename(files.cram)}`;
  const inner = `mount -t sysfs sysfs /sys 2>/dev/null || true; hostname ${SANDBOX_HOSTNAME}; ip link set lo up; cd /root; exec cram3 --shell=/bin/bash -q ${test}`;
  const stage1 = `set -e\n${LOCK_DOWN_HOST}\nexec unshare --user --map-root-user --net --mount --propagation private --uts --ipc --pid --fork --kill-child --mount-proc -- /bin/sh -c "$4"`;
  const argv = ['unshare', '--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', '--mount-proc', '--', '/bin/sh', '-c', stage1, 'stage1', '', '', files.dir, inner];
  const m = await measure(argv, { env: { ...sandboxEnv(), ...lockDownEnv(), LEARN_BINDS: '' } });
  return processSample(m, m.code === 0, m.code === 0 ? undefined : `cram in unshare exited ${m.code}: ${m.stderr.trim().slice(-400)}`);
}

async function inSandbox(ctx: Context, files: WorkloadFiles, argv: string[], label: string): Promise<Sample> {
  const sandbox = await createSandbox({ lessonDir: files.dir, privilege: ctx.privilege });
  try {
    const { file, args } = sandbox.command(argv);
    const m = await measure([file, ...args], { env: sandbox.env });
    return { wallMs: m.wallMs, cpuMs: m.userMs + m.sysMs, ok: m.code === 0, problem: m.code === 0 ? undefined : `${label} exited ${m.code}: ${m.stderr.trim().slice(-400)}` };
  } finally {
    await sandbox.close();
  }
}

/**
 * learn's step loop (LessonRun API, fresh process). `settle`: pause after
 * opening the run (its requirement probe) before the loop; default on.
 */
async function runLearnLoop(files: WorkloadFiles, options: { record?: boolean; settle?: boolean } = {}): Promise<{ loop: Sample; report: LoopReport }> {
  const flags = [...(options.record ? ['--record'] : []), ...(options.settle === false ? [] : ['--settle', String(SETTLE_MS)])];
  const m = await measure([NODE, LEARN_LOOP, files.lesson, files.snapshots, ...flags], { keepStdout: true });
  if (m.code !== 0) throw new Error(`learn-loop ${files.lesson} exited ${m.code}: ${m.stderr.trim()}`);
  const report = JSON.parse(m.stdout) as LoopReport;
  const ok = report.problems.length === 0;
  const problem = ok ? undefined : `learn: ${report.problems.slice(0, 3).join('; ')}`;
  return {
    loop: { wallMs: report.loopWallMs, cpuMs: report.nodeCpuMs + report.shellCpuMs, ok, problem },
    report,
  };
}

/**
 * The real CLI, whole process. Start-up is from its fork to the reporter's
 * line of the first step, read from its output as it comes.
 */
async function runLearnCli(files: WorkloadFiles, start: CliStart = 'snapshot'): Promise<{ sample: Sample; startupMs: number }> {
  const m = await measure([...CLI_STARTS[start].argv, 'test', files.lesson, '--snapshots', files.snapshots, '--no-color'], { env: CLI_ENV, mark: FIRST_STEP_LINE });
  const ok = m.code === 0;
  const sample = processSample(m, ok, ok ? undefined : `learn test exited ${m.code}: ${m.stderr.trim().slice(-400)}`);
  return { sample, startupMs: m.markEpochMs === undefined ? NaN : m.markEpochMs - m.startEpochMs };
}

/** `node -e 0`: Node's own start, the floor of any tool written for it. */
async function runNodeBare(): Promise<Sample> {
  const m = await measure([NODE, '-e', '0'], { env: { ...process.env, NODE_OPTIONS: '' } });
  return processSample(m, m.code === 0, m.code === 0 ? undefined : `node -e 0 exited ${m.code}`);
}

function processSample(m: Measured, ok: boolean, problem: string | undefined): Sample {
  return { wallMs: m.wallMs, cpuMs: m.userMs + m.sysMs, rssMb: m.maxRssKb / 1024, ok, problem };
}

/** The ceiling for a flood: the same commands read from a bare pty (bench/pty-reader.ts). */
async function rawPty(files: WorkloadFiles): Promise<Sample> {
  const m = await measure([NODE, PTY_READER, files.dir], { keepStdout: true });
  const r = m.code === 0 ? (JSON.parse(m.stdout) as { wallMs: number; chars: number; code: number }) : undefined;
  const ok = r !== undefined && r.code === 0 && r.chars > 0;
  return { wallMs: r?.wallMs ?? NaN, cpuMs: NaN, ok, problem: ok ? undefined : `pty reader: ${m.stderr.trim() || `exit ${r?.code}`}` };
}

// ---------------------------------------------------------------- parts

/** Snapshots for learn, expected outputs for cram, from one reference run each. */
async function prepare(ctx: Context, files: WorkloadFiles): Promise<void> {
  const recorded = await runLearnLoop(files, { record: true });
  if (recorded.report.problems.length > 0) throw new Error(`recording ${files.workload.name}: ${recorded.report.problems.join('; ')}`);
  if (!ctx.haveCram) return;
  const sandbox = await createSandbox({ lessonDir: files.dir, privilege: ctx.privilege });
  try {
    const name = path.basename(files.cram);
    const result = await sandbox.run(
      `cp "$LESSON_DIR/${name}" /tmp/ && cd /tmp && cram3 --shell=/bin/bash -q ${name}; ` +
        `if [ -e ${name}.err ]; then cat ${name}.err; else cat ${name}; fi`,
      60_000,
    );
    writeFileSync(files.cram, cramExpectations(result.stdout));
  } finally {
    await sandbox.close();
  }
}

/**
 * One workload, every contender, `reps` times; the order of the contenders
 * rotates each repetition so that drift spreads evenly.
 */
async function compare(ctx: Context, files: WorkloadFiles, report: BenchReport, withCli: boolean, reps = ctx.reps): Promise<void> {
  const name = files.workload.name;
  const series = (key: string): Series => (report.series[`${name}/${key}`] ??= { samples: [] });
  const contenders: Array<[string, () => Promise<void>]> = [
    ['bash', async () => void series('bash').samples.push(await runFloor(ctx, files))],
    ['learn', async () => void series('learn').samples.push((await runLearnLoop(files)).loop)],
  ];
  if (ctx.haveCram) contenders.push(['cram', async () => void series('cram').samples.push(await runCram(ctx, files))]);
  if (files.workload.frontMatter.some((line) => line.startsWith('kernel:'))) {
    // The same loop started right after the requirement probe, whose network
    // namespace the kernel is still tearing down: what a lesson sees.
    contenders.push(['learn-unsettled', async () => void series('learn-unsettled').samples.push((await runLearnLoop(files, { settle: false })).loop)]);
  }
  if (withCli) {
    for (const [start, { suffix }] of Object.entries(CLI_STARTS) as Array<[CliStart, { suffix: string }]>) {
      contenders.push([`learn-cli${suffix}`, async () => {
        const r = await runLearnCli(files, start);
        series(`learn-cli${suffix}`).samples.push(r.sample);
        series(`startup${suffix}`).samples.push({ wallMs: r.startupMs, cpuMs: NaN, ok: r.sample.ok });
      }]);
    }
    contenders.push(['node', async () => void series('node').samples.push(await runNodeBare())]);
    if (ctx.haveCram && ctx.privilege.mode === 'root') {
      contenders.push(['cram-whole', async () => void series('cram-whole').samples.push(await runCramWhole(files))]);
    }
  }
  for (let rep = 0; rep < reps; rep++) {
    ctx.log(`${name}: repetition ${rep + 1}/${reps}`);
    for (let i = 0; i < contenders.length; i++) {
      await settle();
      await contenders[(i + rep) % contenders.length]![1]();
    }
  }
}

async function runSteps(ctx: Context, report: BenchReport): Promise<void> {
  // Two sizes, so that the per-step figure is the cost of one more step
  // (fixed costs such as starting Python for cram or bash for learn cancel out).
  for (const count of [1, 200]) {
    const files = writeWorkload(ctx.tmp, stepsWorkload(count));
    await prepare(ctx, files);
    await compare(ctx, files, report, true);
  }
}

async function runNetwork(ctx: Context, report: BenchReport): Promise<void> {
  const files = writeWorkload(ctx.tmp, networkWorkload);
  await prepare(ctx, files);
  // Moving interfaces between namespaces waits for the kernel (RCU grace
  // periods): the commands themselves vary by tens of ms, so more repetitions.
  await compare(ctx, files, report, true, ctx.reps * 2);
}

async function runStartup(ctx: Context, report: BenchReport): Promise<void> {
  const files = writeWorkload(ctx.tmp, stepsWorkload(1));
  await prepare(ctx, files);
  const starts = Object.keys(CLI_STARTS) as CliStart[];
  for (let rep = 0; rep < ctx.reps; rep++) {
    for (let i = 0; i < starts.length; i++) {
      const start = starts[(i + rep) % starts.length]!;
      await settle();
      const r = await runLearnCli(files, start);
      const { suffix } = CLI_STARTS[start];
      (report.series[`steps-1/learn-cli${suffix}`] ??= { samples: [] }).samples.push(r.sample);
      (report.series[`steps-1/startup${suffix}`] ??= { samples: [] }).samples.push({ wallMs: r.startupMs, cpuMs: NaN, ok: r.sample.ok });
    }
  }
}

/** `learn run LESSON` through a pty: process start to the first key prompt, started each of the three ways. */
async function runPrompt(ctx: Context, report: BenchReport): Promise<void> {
  const files = writeWorkload(ctx.tmp, networkWorkload);
  const env = { ...(CLI_ENV as Record<string, string>), LANG: 'C.UTF-8' };
  const contenders = Object.values(CLI_STARTS).map(({ argv, suffix }) => [`prompt/learn-run${suffix}`, argv] as const);
  for (let rep = 0; rep < ctx.reps; rep++) {
    ctx.log(`learn run, first prompt: repetition ${rep + 1}/${ctx.reps}`);
    for (let i = 0; i < contenders.length; i++) {
      const [key, argv] = contenders[(i + rep) % contenders.length]!;
      await settle();
      const ms = await firstPrompt([...argv, 'run', files.lesson, '--snapshots', files.snapshots], env);
      (report.series[key] ??= { samples: [] }).samples.push({ wallMs: ms, cpuMs: NaN, ok: Number.isFinite(ms) });
    }
  }
}

async function runFlood(ctx: Context, report: BenchReport): Promise<void> {
  for (const bytes of [FLOOD_BYTES, BIG_FLOOD_BYTES]) {
    const files = writeWorkload(ctx.tmp, floodWorkload(bytes));
    await prepare(ctx, files);
    const key = files.workload.name;
    const reps = Math.min(ctx.reps, 5);
    for (let rep = 0; rep < reps; rep++) {
      ctx.log(`${key}: repetition ${rep + 1}/${reps}`);
      await settle();
      const loop = await runLearnLoop(files);
      const stepMs = loop.report.stepMs[0] ?? NaN;
      (report.series[`${key}/learn`] ??= { samples: [] }).samples.push({
        wallMs: stepMs,
        cpuMs: NaN,
        ok: loop.loop.ok,
        problem: loop.loop.problem,
        mbPerS: bytes / 1e6 / (stepMs / 1000),
      });
      await settle();
      const cli = await runLearnCli(files);
      (report.series[`${key}/learn-cli`] ??= { samples: [] }).samples.push(cli.sample);
      await settle();
      const floor = await runFloor(ctx, files);
      (report.series[`${key}/bash`] ??= { samples: [] }).samples.push({ ...floor, mbPerS: bytes / 1e6 / (floor.wallMs / 1000) });
      await settle();
      const raw = await rawPty(files);
      (report.series[`${key}/pty`] ??= { samples: [] }).samples.push({ ...raw, mbPerS: bytes / 1e6 / (raw.wallMs / 1000) });
    }
  }
}

async function runCurriculum(ctx: Context, report: BenchReport): Promise<void> {
  const lessons = path.join(ROOT, 'lessons');
  const snapshots = path.join(ctx.tmp, 'curriculum.snapshots');
  const cli = (extra: string[]): Promise<Measured> =>
    measure([...CLI_STARTS.snapshot.argv, 'test', lessons, '--snapshots', snapshots, '--no-color', ...extra], { env: CLI_ENV, keepStdout: true });
  ctx.log('curriculum: recording snapshots');
  const recorded = await cli(['--update', '--jobs', '2']);
  const summary = recorded.stdout.trim().split('\n').slice(-2).join(' / ');
  report.notes.push(`curriculum: ${summary}`);
  const reps = Math.max(1, Math.min(ctx.reps, 3));
  for (let rep = 0; rep < reps; rep++) {
    ctx.log(`curriculum: repetition ${rep + 1}/${reps}`);
    const order = rep % 2 === 0 ? [1, 2] : [2, 1];
    for (const jobs of order) {
      await settle();
      const m = await cli(['--jobs', String(jobs)]);
      (report.series[`curriculum/jobs-${jobs}`] ??= { samples: [] }).samples.push(processSample(m, m.code === 0, m.code === 0 ? undefined : `learn test exited ${m.code}`));
    }
  }
}

// ---------------------------------------------------------------- machine

/** How bin/learn starts here, as `learn doctor` reports it. */
function installedStart(): string {
  // doctor exits 1 when something needs fixing; its report is printed all the same.
  const out = spawnSync(CLI_STARTS.snapshot.argv[0]!, ['doctor', '--json', '--root', ROOT, 'netns'], { encoding: 'utf8', env: CLI_ENV });
  try {
    const { checks } = JSON.parse(out.stdout) as { checks: Array<{ name: string; detail: string }> };
    return checks.find((check) => check.name === 'start-up')?.detail ?? 'no start-up check';
  } catch {
    return `learn doctor failed: ${out.stderr.trim().slice(-200)}`;
  }
}

function commandExists(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function firstLine(argv: string[]): string {
  try {
    return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]!.trim();
  } catch {
    return 'unknown';
  }
}

function machine(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    bash: firstLine(['bash', '--version']),
    cram: firstLine(['dpkg-query', '-W', '-f', '${Version}', 'python3-cram']),
    python: firstLine(['python3', '--version']),
    date: new Date().toISOString(),
    loadAverage: { start: os.loadavg()[0]! },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
