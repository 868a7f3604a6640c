// `learn init [DIR]`: a lesson project to start from. Writes the files of
// src/init/templates.ts (never over an existing file), then records the
// sample lesson's snapshot by running it, as `learn test` would.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT, exitCodeForRun } from './exit-codes.js';
import { parseCommand } from './args.js';
import { UsageError } from './usage.js';
import { sandboxPrivilege } from './privilege.js';
import { initFiles, SAMPLE_LESSON } from '../init/templates.js';
import { runLessons, runVerdict } from '../run/run-lessons.js';
import { FileSnapshotStore } from '../snapshot/store.js';
import { PrettyReporter } from '../report/pretty.js';
import { colorEnabled, makeStyle } from '../report/style.js';
import { packageInfo } from './version.js';

export const INIT_HELP = `usage: learn init [DIR]

Start a lesson project in DIR (default: this folder): a sample lesson in
lessons/, its snapshot in snapshots/ (recorded by running it), a README, and a
GitHub Actions workflow that installs the system packages and runs learn test.
Existing files are never replaced.

options:
      --no-run          write the files only; record the snapshot later with learn test
`;

export async function initCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand('init', INIT_HELP, argv, { 'no-run': { type: 'boolean' } });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`learn init takes one folder, not ${positionals.length}`);
  const dir = path.resolve(positionals[0] ?? '.');
  const version = packageInfo().version;
  const files = initFiles(path.basename(dir), version);
  const taken = files.filter((f) => existsSync(path.join(dir, f.path))).map((f) => path.join(positionals[0] ?? '.', f.path));
  if (taken.length > 0) throw new UsageError(`learn init: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing written`);
  for (const file of files) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content, { flag: 'wx' });
    process.stdout.write(`  wrote ${path.relative(process.cwd(), target) || target}\n`);
  }
  const shown = path.relative(process.cwd(), dir) || '.';
  if (values['no-run']) {
    process.stdout.write(`\nNext: cd ${shown} && learn test (records the sample's snapshot)\n`);
    return EXIT.ok;
  }
  const privilege = sandboxPrivilege();
  if (!privilege) return EXIT.environment;
  process.stdout.write('\nRecording the sample lesson\'s snapshot:\n');
  const lesson = path.relative(process.cwd(), path.join(dir, SAMPLE_LESSON));
  const color = colorEnabled(process.stdout);
  const summary = await runLessons([lesson], {
    jobs: 1,
    store: new FileSnapshotStore({}),
    updateMode: 'new',
    privilege,
    color,
    allowHost: false,
    reporters: [new PrettyReporter({ write: (t) => void process.stdout.write(t), style: makeStyle(color) })],
  });
  const code = exitCodeForRun(runVerdict(summary));
  if (code === EXIT.ok) process.stdout.write(`\nNext: cd ${shown}, edit ${SAMPLE_LESSON}, and run learn test (or learn test --watch).\n`);
  return code;
}
