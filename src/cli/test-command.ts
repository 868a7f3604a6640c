// `learn test`: run lessons against their snapshots, for authors and CI.
import { SANDBOX_OPTION_HELP, sandboxOption } from './sandbox-option.js';
import { integerOption, parseCommand } from './args.js';
import os from 'node:os';
import { resolveLessons } from './discover.js';
import { sandboxPrivilege } from './privilege.js';
import { EXIT, exitCodeForRun } from './exit-codes.js';
import { type RegisterRun } from './run-scope.js';
import { runLessons, runVerdict } from '../run/run-lessons.js';
import { colorEnabled } from '../report/style.js';
import { AsciicastRecorder } from '../report/asciicast.js';
import { RENDER_COLUMNS, RENDER_ROWS } from '../render/screen.js';
import { parseShard, selectShard } from '../run/shard.js';
import { buildReporters, parseReporterSpecs, REPORTER_NAMES } from './reporters.js';
import { FileSnapshotStore } from '../snapshot/store.js';
import type { UpdateMode } from '../snapshot/state.js';
import { UsageError } from './usage.js';
import { watchLessons } from './watch.js';
import path from 'node:path';

export const TEST_HELP = `usage: learn test [LESSON|FOLDER|GLOB ...] [options]

Run every step of each lesson in a fresh sandbox and compare it with its snapshot.
Without arguments: every lesson in the project's lessons/ folder.

options:
  -u, --update          record new and changed snapshots, remove obsolete ones
      --ci              CI mode (also when CI is set): a missing snapshot fails, nothing is written
      --snapshots DIR   read and write snapshots in DIR (default: snapshots/ beside the lessons folder)
      --step NAME       run each lesson up to and including step NAME (a name or a number)
  -j, --jobs N          lessons run in parallel (default: number of CPUs)
      --slowest N       list the N slowest steps at the end
      --shard K/N       run only shard K of N (a stable split, for CI matrix jobs)
      --reporter NAME[:FILE]
                        ${REPORTER_NAMES.join(', ')} (repeatable; default pretty). A reporter
                        without a file writes to stdout; the human one stays on stdout
                        unless another reporter takes it. github is added by itself
                        when GITHUB_ACTIONS=true.
  -o, --output FILE     file of the --reporter before it (--reporter junit --output junit.xml)
      --record DIR      write each lesson's terminal session to DIR/<lesson>.cast (asciicast v2)
  -w, --watch           after the run, run a lesson again each time it or its snapshot changes
                        (on a terminal; one lesson at a time; Ctrl-C ends)
      --bail            start no more lessons after one fails (running ones finish)
      --allow-host      let lessons marked \`host: true\` run as the host's real root (trusted lessons only)
${SANDBOX_OPTION_HELP}
      --no-color        no colours (NO_COLOR and FORCE_COLOR are honoured too)

See docs/ci.md for CI setups (GitHub Actions, GitLab, Jenkins).
`;

export async function testCommand(argv: string[], registerRun: RegisterRun): Promise<number> {
  const parsed = parseCommand('test', TEST_HELP, argv, {
    update: { type: 'boolean', short: 'u' },
    ci: { type: 'boolean' },
    snapshots: { type: 'string' },
    step: { type: 'string' },
    jobs: { type: 'string', short: 'j' },
    slowest: { type: 'string' },
    shard: { type: 'string' },
    reporter: { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    record: { type: 'string' },
    'allow-host': { type: 'boolean' },
    sandbox: { type: 'string' },
    bail: { type: 'boolean' },
    watch: { type: 'boolean', short: 'w' },
    'no-color': { type: 'boolean' },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals, tokens } = parsed;
  const ci = values.ci === true || isCi(process.env);
  if (values.watch && !(process.stdout.isTTY && process.stdin.isTTY)) throw new UsageError('--watch needs a terminal (stdin and stdout); in CI run learn test without it');
  if (values.watch && ci) throw new UsageError('--watch cannot be used in CI mode (CI is set or --ci was given)');
  if (ci && values.update) throw new UsageError('--update cannot be used in CI mode (CI is set or --ci was given)');
  const jobs = integerOption(values.jobs, '--jobs', { min: 1 }) ?? os.availableParallelism();
  const slowest = integerOption(values.slowest, '--slowest', { min: 1 });
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  const reporterOptions = tokens.flatMap((t) =>
    t.kind === 'option' && (t.name === 'reporter' || t.name === 'output') && t.value !== undefined ? [{ kind: t.name, value: t.value } as const] : []);
  const specs = parseReporterSpecs(reporterOptions, process.env);
  const all = resolveLessons(positionals, process.cwd());
  const files = shard ? selectShard(all, shard) : all;
  if (shard) process.stderr.write(`learn: shard ${shard.index}/${shard.count}: ${files.length} of ${all.length} lessons\n`);

  const privilege = sandboxPrivilege();
  if (!privilege) return EXIT.environment;
  const updateMode: UpdateMode = values.update ? 'all' : ci ? 'none' : 'new';
  const color = values['no-color'] ? false : colorEnabled(process.stdout);
  const store = new FileSnapshotStore({ dir: values.snapshots });
  const runOnce = async (selected: string[]): Promise<number> => {
    const built = buildReporters(specs, { stdout: process.stdout, stderr: process.stderr, color, slowest, env: process.env, cwd: process.cwd() });
    const recorder = values.record === undefined ? undefined : new AsciicastRecorder({ dir: values.record, width: RENDER_COLUMNS, height: RENDER_ROWS });
    const summary = await runLessons(selected, {
      jobs: values.watch ? 1 : jobs,
      store,
      updateMode,
      privilege,
      // Diffs are coloured only for the human report on a colour terminal.
      color: color && specs.some((s) => s.name === 'pretty' && s.target.kind === 'stdout'),
      allowHost: values['allow-host'] === true,
      sandboxKind: sandboxOption(values.sandbox),
      bail: values.bail === true,
      untilStep: values.step,
      reporters: recorder ? [...built.reporters, recorder] : built.reporters,
      onOpen: (run) => registerRun(run, true),
      onClose: (run) => registerRun(run, false),
    });
    await built.finish();
    const notRun = selected.length - summary.lessons.length - summary.invalid.length;
    if (values.bail && notRun > 0) process.stderr.write(`learn: --bail: stopped after a failing lesson; ${notRun} lesson${notRun === 1 ? '' : 's'} not run\n`);
    if (recorder) process.stderr.write(`learn: ${recorder.written.length} recording${recorder.written.length === 1 ? '' : 's'} in ${values.record}\n`);
    return exitCodeForRun(runVerdict(summary));
  };
  if (!values.watch) return runOnce(files);
  await watchLessons({ files, snapshotOf: (f) => path.resolve(store.pathFor(f)), run: runOnce, write: (t) => void process.stdout.write(t) });
  return EXIT.ok;
}

export function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
}

