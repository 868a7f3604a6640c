// `learn test`: run lessons against their snapshots, for authors and CI.
import { parseArgs } from 'node:util';
import os from 'node:os';
import { resolveLessons } from './discover.js';
import { EXIT } from './exit-codes.js';
import { runLessons, exitCodeFor } from '../run/run-lessons.js';
import type { LessonRun } from '../run/lesson-run.js';
import { PrettyReporter } from '../report/pretty.js';
import { colorEnabled, makeStyle } from '../report/style.js';
import { FileSnapshotStore } from '../snapshot/store.js';
import type { UpdateMode } from '../snapshot/state.js';
import { detectPrivilege } from '../sandbox/privilege.js';
import { UsageError } from './usage.js';

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
      --no-color        no colours (NO_COLOR and FORCE_COLOR are honoured too)
`;

export async function testCommand(argv: string[], registerRun: (run: LessonRun, open: boolean) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      update: { type: 'boolean', short: 'u' },
      ci: { type: 'boolean' },
      snapshots: { type: 'string' },
      step: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      slowest: { type: 'string' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(TEST_HELP);
    return EXIT.ok;
  }
  const ci = values.ci === true || isCi(process.env);
  if (ci && values.update) throw new UsageError('--update cannot be used in CI mode (CI is set or --ci was given)');
  const jobs = values.jobs === undefined ? os.availableParallelism() : positiveInt('--jobs', values.jobs);
  const slowest = values.slowest === undefined ? undefined : positiveInt('--slowest', values.slowest);
  const files = resolveLessons(positionals, process.cwd());

  const privilege = detectPrivilege();
  if (privilege.mode === 'unavailable') {
    process.stderr.write(`learn: cannot create sandboxes: ${privilege.problem}\n  what to do: ${privilege.remedy}\n`);
    return EXIT.environment;
  }
  const updateMode: UpdateMode = values.update ? 'all' : ci ? 'none' : 'new';
  const style = makeStyle(values['no-color'] ? false : colorEnabled(process.stdout));
  const summary = await runLessons(files, {
    jobs,
    store: new FileSnapshotStore({ dir: values.snapshots }),
    updateMode,
    privilege,
    color: style.enabled,
    untilStep: values.step,
    reporters: [new PrettyReporter({ write: (t) => process.stdout.write(t), style, slowest })],
    onOpen: (run) => registerRun(run, true),
    onClose: (run) => registerRun(run, false),
  });
  return exitCodeFor(summary);
}

export function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
}

function positiveInt(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} takes a whole number of 1 or more, not "${text}"`);
  return value;
}
