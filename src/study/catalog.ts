// `learn list`: the lessons in curriculum order, what each is about, and
// whether this machine can run it. Requirements of all lessons are probed in
// one sandbox (one probe script), then judged lesson by lesson.
import { loadLesson } from '../lesson/load.js';
import { lessonFileName } from '../lesson/parse.js';
import { formatDiagnostic, type Lesson } from '../lesson/types.js';
import { createSandbox } from '../sandbox/sandbox.js';
import type { Privilege } from '../sandbox/privilege.js';
import { probe, reportForLesson, skipReason, type ProbeReport } from '../sandbox/probe.js';
import { hostAccessProblem } from '../run/lesson-run.js';
import type { Style } from '../report/style.js';
import { wrapPlain } from './prose/index.js';
import { displayWidth } from '../text/width.js';
import { visibleSteps } from './numbering.js';
import { describeProgress, progressKey, type LessonProgress } from './progress.js';

export type CatalogEntry =
  | { kind: 'lesson'; file: string; lesson: Lesson; runnable: { ok: true } | { ok: false; reason: string } }
  | { kind: 'invalid'; file: string; problems: string[] };

/** Why no lesson could be checked (no sandbox possible), or undefined. */
export interface Catalog {
  entries: CatalogEntry[];
  unchecked?: string;
}

export async function buildCatalog(files: string[], privilege: Privilege, lessonsDir: string): Promise<Catalog> {
  const parsed = await Promise.all(files.map(async (file) => ({ file, result: await loadLesson(file) })));
  const lessons = parsed.flatMap((p) => (p.result.ok ? [p.result.lesson] : []));
  let report: ProbeReport | undefined;
  let unchecked: string | undefined;
  if (privilege.mode === 'unavailable') {
    unchecked = `cannot create sandboxes: ${privilege.problem} (${privilege.remedy})`;
  } else if (lessons.length > 0) {
    const programs = [...new Set(lessons.flatMap((l) => l.meta.requires))];
    const features = [...new Set(lessons.flatMap((l) => l.meta.kernel))];
    const sandbox = await createSandbox({ lessonDir: lessonsDir, privilege });
    try {
      report = await probe(sandbox, programs, features);
    } finally {
      await sandbox.close();
    }
  }
  const entries = parsed.map(({ file, result }): CatalogEntry => {
    if (!result.ok) return { kind: 'invalid', file, problems: result.errors.map(formatDiagnostic) };
    const lesson = result.lesson;
    if (!report) return { kind: 'lesson', file, lesson, runnable: { ok: false, reason: unchecked ?? 'not checked' } };
    const reason = skipReason(reportForLesson(report, lesson.meta.requires, lesson.meta.kernel)) ?? hostAccessProblem(lesson, { allowHost: false, privilege });
    return { kind: 'lesson', file, lesson, runnable: reason ? { ok: false, reason } : { ok: true } };
  });
  return unchecked ? { entries, unchecked } : { entries };
}

export function catalogLines(catalog: Catalog, style: Style, width: number, progress: Record<string, LessonProgress> = {}): string[] {
  const lines: string[] = [];
  const numberWidth = String(catalog.entries.length).length + 2;
  let number = 0;
  const indent = ' '.repeat(numberWidth);
  const wrap = (text: string, paint: (t: string) => string = (t) => t): string[] =>
    wrapPlain(text, width - numberWidth).map((line) => indent + paint(line));
  catalog.entries.forEach((entry) => {
    // A translation is listed under its original, by its language, unnumbered.
    const translation = entry.kind === 'lesson' ? entry.lesson.translation : undefined;
    const label = translation ? indent : `${++number}.`.padStart(numberWidth - 1) + ' ';
    const name = translation ? translation.lang : entry.kind === 'lesson' ? entry.lesson.name : lessonFileName(entry.file);
    if (entry.kind === 'invalid') {
      lines.push(`${label}${style.bold(name)}  ${style.red('invalid lesson')}`);
      for (const problem of entry.problems) lines.push(...wrap(problem, style.red));
      lines.push('');
      return;
    }
    const { lesson, runnable } = entry;
    // As the learner counts them (numbering.ts): hidden preparation steps apart.
    const visible = visibleSteps(lesson).length;
    const steps = `${visible} step${visible === 1 ? '' : 's'}`;
    const head = `${label}${style.bold(name)}  ${lesson.meta.title}`;
    const status = runnable.ok ? style.green('✓ runs here') : catalog.unchecked ? style.yellow('? not checked') : style.red('✗ cannot run here');
    const tail = `${style.dim(steps)}  ${status}`;
    if (displayWidth(head) + 2 + displayWidth(tail) <= width) lines.push(`${head}  ${tail}`);
    else lines.push(head, indent + tail);
    if (lesson.meta.summary) lines.push(...wrap(lesson.meta.summary, style.dim));
    if (!runnable.ok && !catalog.unchecked) lines.push(...wrap(runnable.reason, style.red));
    lines.push(...wrap(`you: ${describeProgress(progress[progressKey(entry.file)], lesson.steps.filter((s) => s.check).length, lesson)}`, style.cyan));
    lines.push('');
  });
  if (catalog.unchecked) lines.push(style.yellow(`Requirements not checked: ${catalog.unchecked}`), '');
  return lines;
}
