// `learn list`: the project's lessons in order, with title, summary, number
// of steps and whether this machine can run them.
import { parseCommand } from './args.js';
import path from 'node:path';
import { EXIT } from './exit-codes.js';
import { lessonSource, resolveLessons } from './discover.js';
import { colorEnabled, makeStyle } from '../report/style.js';
import { detectPrivilege } from '../sandbox/privilege.js';
import { buildCatalog, catalogLines } from '../study/catalog.js';
import { readProgress } from '../study/progress.js';

export const LIST_HELP = `usage: learn list [FOLDER|LESSON ...]

The lessons in curriculum order (the order of lessons/README.md), each with
its title, summary, number of steps, and whether this machine can run it
(missing programs and kernel features are named). Requirements are checked
inside one disposable sandbox. A translation (lessons/LANG/NAME.md) is listed
under its original, by its language.

options:
      --no-color        no colours (NO_COLOR and FORCE_COLOR are honoured too)
`;

export async function listCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand('list', LIST_HELP, argv, { 'no-color': { type: 'boolean' } });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const cwd = process.cwd();
  const files = resolveLessons(positionals, cwd, () => {});
  const style = makeStyle(values['no-color'] ? false : colorEnabled(process.stdout));
  const width = Math.min(process.stdout.columns ?? 80, 100);
  let invalid = false;
  const progress = await readProgress();
  if (progress.warning) process.stderr.write(`learn: ${progress.warning}\n`);
  // One group per place the lessons come from (the project, the bundled curriculum, a folder).
  const groups = new Map<string, [string, ...string[]]>();
  for (const file of files) {
    const source = lessonSource(file, cwd);
    const group = groups.get(source);
    if (group) group.push(file);
    else groups.set(source, [file]);
  }
  for (const [source, group] of groups) {
    const catalog = await buildCatalog(group, detectPrivilege(), path.dirname(path.resolve(cwd, group[0])));
    const originals = catalog.entries.filter((e) => !(e.kind === 'lesson' && e.lesson.translation));
    const runnable = originals.filter((e) => e.kind === 'lesson' && e.runnable.ok).length;
    const translations = catalog.entries.length - originals.length;
    const header = `${originals.length} lesson${originals.length === 1 ? '' : 's'}${translations > 0 ? ` (and ${translations} translation${translations === 1 ? '' : 's'})` : ''}${catalog.unchecked ? '' : `, ${runnable} can run here`}`;
    process.stdout.write(`${style.bold(header)}  ${style.dim(`from ${source}`)}\n\n${catalogLines(catalog, style, width, progress.lessons).join('\n')}\n`);
    invalid ||= catalog.entries.some((e) => e.kind === 'invalid');
  }
  process.stdout.write(style.dim('Start one with `learn run NAME` (`--lang zh` for its Chinese edition); `learn shell NAME` opens a shell in its final state.\n'));
  return invalid ? EXIT.input : EXIT.ok;
}
