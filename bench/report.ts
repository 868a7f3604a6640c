// The benchmark's figures from its raw samples, the targets they are held
// against, and the table printed on the terminal.
import { median } from './measure.js';

export interface Sample {
  wallMs: number;
  /** user + sys */
  cpuMs: number;
  rssMb?: number;
  mbPerS?: number;
  ok: boolean;
  problem?: string | undefined;
}

/** Samples in repetition order, so that samples of one repetition can be paired. */
export interface Series {
  samples: Sample[];
}

export interface Target {
  name: string;
  limit: string;
  value: string;
  met: boolean;
}

export interface BenchReport {
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    kernel: string;
    node: string;
    bash: string;
    cram: string;
    python: string;
    date: string;
    /** 1-minute load average when the run started and when it ended. */
    loadAverage: { start: number; end?: number };
  };
  /** Repetitions asked for (network-34 runs twice as many, flood and curriculum fewer). */
  reps: number;
  /** `workload/contender` -> samples. */
  series: Record<string, Series>;
  figures?: Figures;
  targets?: Target[];
  notes: string[];
}

export interface Figures {
  /** Cost of one more step beyond the floor's, from the steps-1 and steps-200 runs. */
  perStep?: {
    learnOverBash: { wallMs: number; cpuMs: number };
    cramOverBash?: { wallMs: number; cpuMs: number };
    learnOverCram?: { wallMs: number; cpuMs: number };
    /** Every step's total cost, floor included. */
    learn: { wallMs: number; cpuMs: number };
    bash: { wallMs: number; cpuMs: number };
  };
  network?: {
    learnToBash: { wall: number; cpu: number };
    learnToCram?: { wall: number; cpu: number };
    /** The loop started right after the requirement probe (no pause). */
    unsettledToBash?: { wall: number; cpu: number };
  };
  steps200?: {
    learnToBash: { wall: number; cpu: number };
    learnToCram?: { wall: number; cpu: number };
  };
  /** Started as installed (bin/learn: the start-up snapshot). */
  startupMs?: number;
  /** The same, from the bundle (bin/learn.js) and from the compiled modules. */
  startupBundleMs?: number;
  startupUnbundledMs?: number;
  /** `learn test` network-34, whole process, over cram's whole process with its sandbox made around it. */
  wholeToCramWhole?: { wall: number; cpu: number };
  /**
   * The floor of any Node.js tool for network-34: Node's own start (`node -e
   * 0`) plus the commands in plain bash, against cram with its sandbox.
   */
  nodeFloor?: { nodeMs: number; bashMs: number; cramWholeMs: number };
  /** `learn run`, process start to the first key prompt, through a pty. */
  promptMs?: { learn: number; bundle: number; unbundled: number };
  peakRssMb?: { steps200?: number; network?: number };
  flood?: { mbPerS: number; rssMb: number; bigMbPerS?: number; bigRssMb?: number; bashMbPerS?: number; ptyMbPerS?: number };
  curriculum?: { jobs1Ms: number; jobs2Ms: number; ratio: number };
}

const STEPS = 200;

function values(report: BenchReport, key: string, field: keyof Sample): number[] {
  return (report.series[key]?.samples ?? []).map((s) => s[field] as number).filter((v) => typeof v === 'number' && !Number.isNaN(v));
}

function med(report: BenchReport, key: string, field: keyof Sample): number {
  return median(values(report, key, field));
}

/** Median over repetitions of ((big - small) - (bigFloor - smallFloor)) / extra steps. */
function marginal(report: BenchReport, tool: string, floor: string | undefined, field: 'wallMs' | 'cpuMs'): number {
  const big = values(report, `steps-${STEPS}/${tool}`, field);
  const small = values(report, `steps-1/${tool}`, field);
  const bigFloor = floor ? values(report, `steps-${STEPS}/${floor}`, field) : [];
  const smallFloor = floor ? values(report, `steps-1/${floor}`, field) : [];
  const reps = Math.min(big.length, small.length, ...(floor ? [bigFloor.length, smallFloor.length] : []));
  const perRep: number[] = [];
  for (let i = 0; i < reps; i++) {
    const floorPart = floor ? bigFloor[i]! - smallFloor[i]! : 0;
    perRep.push((big[i]! - small[i]! - floorPart) / (STEPS - 1));
  }
  return median(perRep);
}

function ratio(report: BenchReport, workload: string, a: string, b: string): { wall: number; cpu: number } {
  return {
    wall: med(report, `${workload}/${a}`, 'wallMs') / med(report, `${workload}/${b}`, 'wallMs'),
    cpu: med(report, `${workload}/${a}`, 'cpuMs') / med(report, `${workload}/${b}`, 'cpuMs'),
  };
}

const has = (report: BenchReport, key: string): boolean => (report.series[key]?.samples.length ?? 0) > 0;

export function computeFigures(report: BenchReport): Figures {
  const f: Figures = {};
  if (has(report, `steps-${STEPS}/learn`) && has(report, 'steps-1/learn')) {
    const pair = (tool: string, floor: string | undefined) => ({ wallMs: marginal(report, tool, floor, 'wallMs'), cpuMs: marginal(report, tool, floor, 'cpuMs') });
    const withCram = has(report, `steps-${STEPS}/cram`);
    f.perStep = {
      learnOverBash: pair('learn', 'bash'),
      ...(withCram ? { cramOverBash: pair('cram', 'bash'), learnOverCram: pair('learn', 'cram') } : {}),
      learn: pair('learn', undefined),
      bash: pair('bash', undefined),
    };
    f.steps200 = {
      learnToBash: ratio(report, `steps-${STEPS}`, 'learn', 'bash'),
      ...(withCram ? { learnToCram: ratio(report, `steps-${STEPS}`, 'learn', 'cram') } : {}),
    };
  }
  if (has(report, 'network-34/learn')) {
    f.network = {
      learnToBash: ratio(report, 'network-34', 'learn', 'bash'),
      ...(has(report, 'network-34/cram') ? { learnToCram: ratio(report, 'network-34', 'learn', 'cram') } : {}),
      ...(has(report, 'network-34/learn-unsettled') ? { unsettledToBash: ratio(report, 'network-34', 'learn-unsettled', 'bash') } : {}),
    };
  }
  if (has(report, 'steps-1/startup')) f.startupMs = med(report, 'steps-1/startup', 'wallMs');
  if (has(report, 'steps-1/startup-bundle')) f.startupBundleMs = med(report, 'steps-1/startup-bundle', 'wallMs');
  if (has(report, 'steps-1/startup-unbundled')) f.startupUnbundledMs = med(report, 'steps-1/startup-unbundled', 'wallMs');
  if (has(report, 'network-34/cram-whole')) f.wholeToCramWhole = ratio(report, 'network-34', 'learn-cli', 'cram-whole');
  if (has(report, 'network-34/cram-whole') && has(report, 'network-34/node')) {
    f.nodeFloor = { nodeMs: med(report, 'network-34/node', 'wallMs'), bashMs: med(report, 'network-34/bash', 'wallMs'), cramWholeMs: med(report, 'network-34/cram-whole', 'wallMs') };
  }
  if (has(report, 'prompt/learn-run')) {
    f.promptMs = { learn: med(report, 'prompt/learn-run', 'wallMs'), bundle: med(report, 'prompt/learn-run-bundle', 'wallMs'), unbundled: med(report, 'prompt/learn-run-unbundled', 'wallMs') };
  }
  const rss = (key: string): number | undefined => (has(report, key) ? med(report, key, 'rssMb') : undefined);
  if (has(report, `steps-${STEPS}/learn-cli`) || has(report, 'network-34/learn-cli')) {
    f.peakRssMb = { steps200: rss(`steps-${STEPS}/learn-cli`), network: rss('network-34/learn-cli') };
  }
  if (has(report, 'flood-20mb/learn')) {
    f.flood = {
      mbPerS: med(report, 'flood-20mb/learn', 'mbPerS'),
      rssMb: med(report, 'flood-20mb/learn-cli', 'rssMb'),
      bigMbPerS: med(report, 'flood-100mb/learn', 'mbPerS'),
      bigRssMb: med(report, 'flood-100mb/learn-cli', 'rssMb'),
      bashMbPerS: med(report, 'flood-20mb/bash', 'mbPerS'),
      ptyMbPerS: med(report, 'flood-20mb/pty', 'mbPerS'),
    };
  }
  if (has(report, 'curriculum/jobs-1') && has(report, 'curriculum/jobs-2')) {
    const jobs1Ms = med(report, 'curriculum/jobs-1', 'wallMs');
    const jobs2Ms = med(report, 'curriculum/jobs-2', 'wallMs');
    f.curriculum = { jobs1Ms, jobs2Ms, ratio: jobs2Ms / jobs1Ms };
  }
  return f;
}

export function evaluateTargets(report: BenchReport): Target[] {
  const f = (report.figures = computeFigures(report));
  const targets: Target[] = [];
  const add = (name: string, limit: string, value: number | undefined, met: (v: number) => boolean, unit: string, digits = 2): void => {
    if (value === undefined || Number.isNaN(value)) return;
    targets.push({ name, limit, value: `${value.toFixed(digits)}${unit}`, met: met(value) });
  };
  add('(a) per-step overhead over bash, wall', '<= 0.25 ms', f.perStep?.learnOverBash.wallMs, (v) => v <= 0.25, ' ms', 3);
  add('(b) network-34 wall vs bash', '<= 1.3 x', f.network?.learnToBash.wall, (v) => v <= 1.3, ' x');
  add('(b) network-34 user+sys vs bash', '<= 2 x', f.network?.learnToBash.cpu, (v) => v <= 2, ' x');
  add('(b) network-34 wall vs cram', '<= 1 x', f.network?.learnToCram?.wall, (v) => v <= 1, ' x');
  add('network-34 learn test vs cram, whole processes, sandboxes', '<= 1 x', f.wholeToCramWhole?.wall, (v) => v <= 1, ' x');
  add('startup, process start to first step done', '<= 130 ms', f.startupMs, (v) => v <= 130, ' ms', 0);
  add('learn run, process start to first prompt', '<= 300 ms', f.promptMs?.learn, (v) => v <= 300, ' ms', 0);
  add('(a) peak RSS, steps-200', '<= 120 MB', f.peakRssMb?.steps200, (v) => v <= 120, ' MB', 0);
  add('(b) peak RSS, network-34', '<= 120 MB', f.peakRssMb?.network, (v) => v <= 120, ' MB', 0);
  if (f.flood) {
    add('(c) flood throughput (20 MB)', '>= 50 MB/s', f.flood.mbPerS, (v) => v >= 50, ' MB/s', 0);
    if (f.flood.bigRssMb !== undefined && !Number.isNaN(f.flood.bigRssMb)) {
      // Bounded: 5 times the output may not cost more than a few MB more.
      const growth = f.flood.bigRssMb - f.flood.rssMb;
      add('(c) flood memory bounded (RSS at 100 MB minus at 20 MB)', '<= 10 MB', growth, (v) => v <= 10, ' MB', 1);
    }
  }
  add('(d) curriculum --jobs 2 vs --jobs 1, wall', '<= 0.6 x', f.curriculum?.ratio, (v) => v <= 0.6, ' x');
  for (const [key, series] of Object.entries(report.series)) {
    const failed = series.samples.filter((s) => !s.ok);
    if (failed.length > 0) report.notes.push(`${key}: ${failed.length} of ${series.samples.length} runs did not pass: ${failed[0]!.problem ?? ''}`);
  }
  return targets;
}

// ---------------------------------------------------------------- table

const fmt = (v: number | undefined, digits = 1): string => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));

function table(rows: string[][], align: Array<'l' | 'r'>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

const CONTENDERS: Array<[string, string]> = [
  ['bash', 'bash -e (floor)'],
  ['cram', 'cram'],
  ['learn', 'learn, step loop'],
  ['learn-unsettled', 'learn, loop right after probe'],
  ['node', 'node -e 0 (Node\'s own start)'],
  ['cram-whole', 'cram + its sandbox, whole'],
  ['learn-cli', 'learn test, whole process'],
  ['learn-cli-bundle', 'learn test, from the bundle'],
  ['learn-cli-unbundled', 'learn test, unbundled'],
];

export function renderReport(report: BenchReport): string {
  const m = report.machine;
  const f = report.figures ?? computeFigures(report);
  const out: string[] = [];
  out.push(`learn benchmark: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, ${m.kernel}, node ${m.node}, cram ${m.cram}`);
  const load = m.loadAverage;
  out.push(`medians of ${report.reps} repetitions (network-34: ${report.reps * 2}), contenders alternating; bash and cram in a sandbox made by createSandbox`);
  out.push(`load average (1 min): ${fmt(load.start, 2)} at the start, ${fmt(load.end, 2)} at the end`);
  out.push('');

  const rows: string[][] = [['workload', 'contender', 'wall ms', 'user+sys ms', 'peak RSS MB']];
  for (const workload of ['steps-1', 'steps-200', 'network-34']) {
    let first = true;
    for (const [key, label] of CONTENDERS) {
      const series = `${workload}/${key}`;
      if (!has(report, series)) continue;
      rows.push([first ? workload : '', label, fmt(med(report, series, 'wallMs')), fmt(med(report, series, 'cpuMs')), fmt(med(report, series, 'rssMb'), 0)]);
      first = false;
    }
  }
  if (rows.length > 1) out.push(table(rows, ['l', 'l', 'r', 'r', 'r']), '');

  if (f.perStep) {
    const p = f.perStep;
    const perStepRows: string[][] = [['per step (one more step)', 'wall ms', 'user+sys ms']];
    perStepRows.push(['learn over bash', fmt(p.learnOverBash.wallMs, 3), fmt(p.learnOverBash.cpuMs, 3)]);
    if (p.cramOverBash) perStepRows.push(['cram over bash', fmt(p.cramOverBash.wallMs, 3), fmt(p.cramOverBash.cpuMs, 3)]);
    if (p.learnOverCram) perStepRows.push(['learn over cram', fmt(p.learnOverCram.wallMs, 3), fmt(p.learnOverCram.cpuMs, 3)]);
    perStepRows.push(['learn, whole step', fmt(p.learn.wallMs, 3), fmt(p.learn.cpuMs, 3)]);
    perStepRows.push(['bash, whole step', fmt(p.bash.wallMs, 3), fmt(p.bash.cpuMs, 3)]);
    out.push(table(perStepRows, ['l', 'r', 'r']), '');
  }

  const ratioRows: string[][] = [['ratios (step loop)', 'wall', 'user+sys']];
  const addRatio = (label: string, r: { wall: number; cpu: number } | undefined): void => {
    if (r) ratioRows.push([label, `${fmt(r.wall, 2)} x`, `${fmt(r.cpu, 2)} x`]);
  };
  addRatio('steps-200: learn / bash', f.steps200?.learnToBash);
  addRatio('steps-200: learn / cram', f.steps200?.learnToCram);
  addRatio('network-34: learn / bash', f.network?.learnToBash);
  addRatio('network-34: learn / cram', f.network?.learnToCram);
  addRatio('network-34: learn right after probe / bash', f.network?.unsettledToBash);

  addRatio('network-34: learn test / cram + sandbox (whole)', f.wholeToCramWhole);
  if (ratioRows.length > 1) out.push(table(ratioRows, ['l', 'r', 'r']), '');

  if (f.nodeFloor) {
    const n = f.nodeFloor;
    out.push(`network-34, the floor of a Node.js tool: node -e 0 ${fmt(n.nodeMs, 0)} ms + the commands in bash ${fmt(n.bashMs, 0)} ms = ${fmt(n.nodeMs + n.bashMs, 0)} ms; cram + its sandbox ${fmt(n.cramWholeMs, 0)} ms (${fmt((n.nodeMs + n.bashMs) / n.cramWholeMs, 2)} x)`);
  }
  const starts = (a: number | undefined, b: number | undefined, c: number | undefined): string => `${fmt(a, 0)} ms (from the bundle ${fmt(b, 0)} ms, unbundled ${fmt(c, 0)} ms)`;
  if (f.startupMs !== undefined) out.push(`startup (one \`true\` step, process start to first step done, sandbox included): ${starts(f.startupMs, f.startupBundleMs, f.startupUnbundledMs)}`);
  if (f.promptMs) out.push(`learn run network-34 through a pty, process start to first prompt: ${starts(f.promptMs.learn, f.promptMs.bundle, f.promptMs.unbundled)}`);
  if (f.flood) {
    out.push(`flood: 20 MB at ${fmt(f.flood.mbPerS, 0)} MB/s, peak RSS ${fmt(f.flood.rssMb, 0)} MB; ` +
      `100 MB at ${fmt(f.flood.bigMbPerS, 0)} MB/s, peak RSS ${fmt(f.flood.bigRssMb, 0)} MB`);
    out.push(`  the same 20 MB from a bare pty (fresh node-pty reader, bytes only counted): ${fmt(f.flood.ptyMbPerS, 0)} MB/s; bash into a pipe: ${fmt(f.flood.bashMbPerS, 0)} MB/s`);
  }
  if (f.curriculum) {
    out.push(`curriculum (lessons/): --jobs 1 ${fmt(f.curriculum.jobs1Ms / 1000, 2)} s, --jobs 2 ${fmt(f.curriculum.jobs2Ms / 1000, 2)} s (${fmt(f.curriculum.ratio, 2)} x)`);
  }
  out.push('');

  if (report.targets && report.targets.length > 0) {
    out.push('targets');
    out.push(table(report.targets.map((t) => [t.met ? '  met   ' : '  MISSED', t.name, t.limit, t.value]), ['l', 'l', 'l', 'r']));
    out.push('');
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  return out.join('\n').trimEnd() + '\n';
}
