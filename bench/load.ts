// `npm run load`: the whole curriculum, again and again, while the machine is
// kept busy, to find what is sensitive to timing or resources. Two kinds of
// load, one after the other:
//   cpu     stress-ng --cpu N beside each run (bounded in time)
//   peers   two more `learn test` runs of the curriculum at the same time
// Each run's whole report is kept in a folder (printed at the end), so a red
// run can be read afterwards.
//
//   node build/bench/load.js [--runs N] [--only cpu|peers] [--jobs J] [LESSON ...]
//
// Without LESSON arguments: every lesson in lessons/.
//
// Figures are printed, never asserted: this is a soak, not a unit test.
import { parseArgs } from 'node:util';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LEARN = path.join(ROOT, 'bin/learn.js');

interface RunOutcome {
  code: number | null;
  ms: number;
  summary: string;
  log: string;
}

function learnTest(jobs: number, lessons: string[]): Promise<RunOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LEARN, 'test', ...lessons, '--ci', '--jobs', String(jobs)], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('close', (code) => {
      const summary = /^\d+ passed, \d+ failed, \d+ skipped$/m.exec(log)?.[0] ?? 'no summary';
      resolve({ code, ms: performance.now() - started, summary, log });
    });
  });
}

/** stress-ng on every CPU for at most `seconds`; returns a stop function. */
function cpuLoad(seconds: number): () => void {
  const child = spawn('stress-ng', ['--cpu', String(os.cpus().length), '--timeout', `${seconds}s`, '--quiet'], { stdio: 'ignore' });
  return () => child.kill('SIGTERM');
}

async function soak(kind: 'cpu' | 'peers', runs: number, jobs: number, lessons: string[], keep: string): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (let i = 1; i <= runs; i++) {
    const stop = kind === 'cpu' ? cpuLoad(300) : () => undefined;
    const peers = kind === 'peers' ? [learnTest(jobs, lessons), learnTest(jobs, lessons)] : [];
    const outcome = await learnTest(jobs, lessons);
    stop();
    const peerOutcomes = await Promise.all(peers);
    const load = os.loadavg()[0]!.toFixed(1);
    writeFileSync(path.join(keep, `${kind}-${i}.log`), outcome.log);
    peerOutcomes.forEach((p, n) => writeFileSync(path.join(keep, `${kind}-${i}-peer${n + 1}.log`), p.log));
    const peersGreen = peerOutcomes.every((p) => p.code === 0);
    console.log(`${kind} ${i}/${runs}: exit ${outcome.code}, ${outcome.summary}, ${(outcome.ms / 1000).toFixed(1)} s, load ${load}` +
      (peers.length > 0 ? `, peers ${peersGreen ? 'green' : peerOutcomes.map((p) => p.code).join('/')}` : ''));
    outcomes.push(outcome, ...peerOutcomes);
  }
  return outcomes;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string', default: '10' }, only: { type: 'string' }, jobs: { type: 'string', default: '2' } },
    allowPositionals: true,
  });
  const lessons = positionals.length > 0 ? positionals.map((p) => path.resolve(p)) : [path.join(ROOT, 'lessons')];
  if (spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status !== 0 && values.only !== 'peers') {
    console.error('load: stress-ng is not installed (apt-get install stress-ng)');
    process.exit(2);
  }
  const runs = Number(values.runs);
  const jobs = Number(values.jobs);
  const keep = mkdtempSync(path.join(os.tmpdir(), 'learn-load-'));
  const kinds = values.only ? [values.only as 'cpu' | 'peers'] : (['cpu', 'peers'] as const);
  let total = 0;
  let green = 0;
  for (const kind of kinds) {
    const outcomes = await soak(kind, runs, jobs, lessons, keep);
    total += outcomes.length;
    green += outcomes.filter((o) => o.code === 0).length;
  }
  console.log(`\n${green} of ${total} curriculum runs green under load; every run's report is in ${keep}`);
  process.exitCode = green === total ? 0 : 1;
}

await main();
