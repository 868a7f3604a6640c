// `learn list`: the project's lessons in order, with title, summary, number
// of steps and whether this machine can run them.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { EXIT } from './exit-codes.js';
import { findProjectRoot, resolveLessons } from './discover.js';
import { colorEnabled, makeStyle } from '../report/style.js';
import { detectPrivilege } from '../sandbox/privilege.js';
import { buildCatalog, catalogLines } from '../study/catalog.js';
import { readProgress } from '../study/progress.js';

export const LIST_HELP = `usage: learn list [FOLDER|LESSON ...]

The lessons in curriculum order (the order of lessons/README.md), each with
its title, summary, number of steps, and whether this machine can run it
(missing programs and kernel features are named). Requirements are checked
inside one disposable sandbox.

options:
      --no-color        no colours (NO_COLOR and FORCE_COLOR are honoured too)
`;

export async function listCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(LIST_HELP);
    return EXIT.ok;
  }
  const cwd = process.cwd();
  const files = resolveLessons(positionals, cwd);
  const root = findProjectRoot(cwd);
  const lessonsDir = root ? path.join(root, 'lessons') : path.dirname(path.resolve(files[0] ?? cwd));
  const style = makeStyle(values['no-color'] ? false : colorEnabled(process.stdout));
  const catalog = await buildCatalog(files, detectPrivilege(), lessonsDir);
  const width = Math.min(process.stdout.columns ?? 80, 100);
  const runnable = catalog.entries.filter((e) => e.kind === 'lesson' && e.runnable.ok).length;
  const header = `${catalog.entries.length} lesson${catalog.entries.length === 1 ? '' : 's'}${catalog.unchecked ? '' : `, ${runnable} can run here`}`;
  const progress = await readProgress();
  if (progress.warning) process.stderr.write(`learn: ${progress.warning}\n`);
  process.stdout.write(`${style.bold(header)}\n\n${catalogLines(catalog, style, width, progress.lessons).join('\n')}\n`);
  process.stdout.write(style.dim('Start one with `learn run NAME`; `learn shell NAME` opens a shell in its final state.\n'));
  return catalog.entries.some((e) => e.kind === 'invalid') ? EXIT.input : EXIT.ok;
}
