// Which lesson files a command line means: files, folders, globs, or bare
// names found in the project's lessons/ folder (the nearest one above the
// current folder, or the one `--root DIR` names), then in the curriculum
// bundled with learn. Curriculum order comes from the links in
// lessons/README.md; a translation (lessons/zh/NAME.md) follows its
// original; lessons it does not list follow by name.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../error.js';
import { captured } from '../text/captured.js';

export class DiscoveryError extends InputError {}

/** The folder learn is installed in (build/src/cli/discover.js is four levels down); its lessons/ is the bundled curriculum. */
export const BUNDLED_ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

let explicitRoot: string | undefined;

/** `--root DIR`: the lesson project to use instead of searching upwards. */
export function useProjectRoot(dir: string | undefined, cwd = process.cwd()): void {
  if (dir === undefined) {
    explicitRoot = undefined;
    return;
  }
  const root = path.resolve(cwd, dir);
  if (!isDir(path.join(root, 'lessons'))) throw new DiscoveryError(`--root ${dir}: no lessons/ folder in ${root}`);
  explicitRoot = root;
}

function isDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** Where a lesson file comes from, for `learn list`. */
export function lessonSource(file: string, cwd: string): string {
  const full = path.resolve(cwd, file);
  const root = findProjectRoot(cwd);
  const inside = (dir: string): boolean => !path.relative(dir, full).startsWith('..');
  if (root && inside(path.join(root, 'lessons'))) return `${path.join(root, 'lessons')} (this project)`;
  if (inside(path.join(BUNDLED_ROOT, 'lessons'))) return `${path.join(BUNDLED_ROOT, 'lessons')} (bundled with learn)`;
  return path.dirname(full);
}

/** The project: `--root DIR`, or the nearest folder from `start` upwards that holds a lessons/ folder. */
export function findProjectRoot(start: string): string | undefined {
  if (explicitRoot) return explicitRoot;
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'lessons')) && statSync(path.join(dir, 'lessons')).isDirectory()) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Lesson files under `dir`, in curriculum order. README.md and tools/ are not lessons. */
export function lessonsIn(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'tools' && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') {
        found.push(full);
      }
    }
  };
  walk(dir);
  return curriculumOrder(dir, found);
}

/** Sort by position of each file's link in `dir`/README.md, then by path. */
export function curriculumOrder(dir: string, files: string[]): string[] {
  const readme = path.join(dir, 'README.md');
  const order = new Map<string, number>();
  if (existsSync(readme)) {
    const links = readFileSync(readme, 'utf8').matchAll(/\]\(([^)#\s]+\.md)\)/g);
    for (const match of links) {
      const target = path.resolve(dir, captured(match, 1));
      if (!order.has(target)) order.set(target, order.size);
    }
  }
  // An edition in a subfolder (lessons/zh/bridge.md) follows its original.
  const rank = (f: string): number => {
    const own = order.get(path.resolve(f));
    if (own !== undefined) return own;
    const original = order.get(path.resolve(path.dirname(path.dirname(path.resolve(f))), path.basename(f)));
    return original !== undefined ? original + 0.5 : Number.MAX_SAFE_INTEGER;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function isGlob(arg: string): boolean {
  return /[*?]/.test(arg);
}

/** Resolve one argument to lesson files, or throw with close matches. */
export function resolveLessonArg(arg: string, cwd: string, root: string | undefined): string[] {
  if (isGlob(arg)) {
    const base = path.resolve(cwd, arg.slice(0, arg.search(/[*?]/)).replace(/[^/]*$/, '') || '.');
    const pattern = globToRegExp(path.resolve(cwd, arg));
    const matches = existsSync(base) ? lessonsIn(base).filter((f) => pattern.test(f)) : [];
    if (matches.length === 0) throw new DiscoveryError(`no lesson matches ${arg}`);
    return matches.map((f) => relative(cwd, f));
  }
  const candidates = [path.resolve(cwd, arg)];
  const roots = [...new Set([root, BUNDLED_ROOT].filter((r): r is string => r !== undefined))];
  for (const r of roots) candidates.push(path.join(r, 'lessons', arg), path.join(r, 'lessons', `${arg}.md`));
  if (root) candidates.push(path.join(root, arg));
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    if (statSync(candidate).isDirectory()) {
      const files = lessonsIn(candidate);
      if (files.length === 0) throw new DiscoveryError(`no lessons (*.md) in ${arg}`);
      return files.map((f) => relative(cwd, f));
    }
    if (!/\.md$/i.test(candidate)) throw new DiscoveryError(`${arg} is not a lesson: lessons are Markdown files (.md)`);
    return [relative(cwd, candidate)];
  }
  const known = roots.flatMap((r) => (isDir(path.join(r, 'lessons')) ? lessonsIn(path.join(r, 'lessons')) : []));
  const close = [...new Set(closeMatches(arg, known.map((f) => path.basename(f, '.md'))))];
  const hint = close.length > 0 ? `; did you mean ${close.join(', ')}?` : known.length > 0 ? `; lessons: ${[...new Set(known.map((f) => path.basename(f, '.md')))].join(', ')}` : '';
  throw new DiscoveryError(`no such lesson: ${arg}${hint}`);
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

/** Names within a small edit distance of `name`, or containing it. */
export function closeMatches(name: string, names: string[]): string[] {
  const wanted = path.basename(name, '.md').toLowerCase();
  return names.filter((n) => n.includes(wanted) || wanted.includes(n) || editDistance(n, wanted) <= Math.max(2, Math.floor(wanted.length / 3)));
}

export function editDistance(a: string, b: string): number {
  // One row of the table at a time: row[j] is the distance from a's first i characters to b's first j.
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  let distance = b.length;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = i - 1;
    let left = i;
    const next = [left];
    for (const [j, up] of row.slice(1).entries()) {
      left = Math.min(up + 1, left + 1, diagonal + (a.charAt(i - 1) === b.charAt(j) ? 0 : 1));
      diagonal = up;
      next.push(left);
    }
    row = next;
    distance = left;
  }
  return distance;
}

/** The lessons/ folder that no arguments mean: the project's, else the bundled curriculum (with a note). */
export function defaultLessonsDir(cwd: string, note: (text: string) => void): string {
  const root = findProjectRoot(cwd);
  if (root) return path.join(root, 'lessons');
  const bundled = path.join(BUNDLED_ROOT, 'lessons');
  if (!isDir(bundled)) throw new DiscoveryError('no lessons/ folder here or above; name the lesson files to run, or give --root DIR');
  note(`learn: no lessons/ folder here or above (or --root DIR): using the curriculum bundled with learn, ${bundled}\n`);
  return bundled;
}

/** All lessons the arguments name; the project's lessons/ (or the bundled ones) when there are none. */
export function resolveLessons(args: string[], cwd: string, note: (text: string) => void = (t) => void process.stderr.write(t)): string[] {
  const root = findProjectRoot(cwd);
  if (args.length === 0) return lessonsIn(defaultLessonsDir(cwd, note)).map((f) => relative(cwd, f));
  const files = args.flatMap((arg) => resolveLessonArg(arg, cwd, root));
  return [...new Set(files)];
}
