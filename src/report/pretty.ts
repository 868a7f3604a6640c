// The human reporter: each lesson as a block (printed whole, so parallel runs
// never interleave), each step with a mark and its time, failures with
// file:line and a diff; the totals last.
import type { LessonDiagnostic } from '../lesson/types.js';
import { formatDiagnostic } from '../lesson/types.js';
import type { StepResult } from '../run/outcome.js';
import type { LessonResult } from '../run/lesson-run.js';
import type { Reporter, RunSummary } from '../run/events.js';
import type { Style } from './style.js';
import { formatMs, formatSize } from '../text/format.js';
import { lastLines } from '../text/lines.js';
import { captured } from '../text/captured.js';

export interface PrettyOptions {
  write: (text: string) => void;
  style: Style;
  /** Show the slowest N steps at the end. */
  slowest?: number;
}

export function stepMark(result: StepResult, style: Style): string {
  switch (result.outcome.kind) {
    case 'passed':
      return style.green('✓');
    case 'skipped':
      return style.yellow('-');
    case 'timedOut':
      return style.red('⏱');
    default:
      return style.red('✗');
  }
}

/**
 * Text from lessons, snapshots and screens made safe for a terminal: control
 * characters (but tab and newline) become their visible symbols (ESC as ␛,
 * BEL as ␇), so a snapshot cannot retitle, clear or recolour the reader's
 * terminal, and the author sees what differs.
 */
export function visibleControls(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => String.fromCharCode(c === '\x7f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(/[\x80-\x9f]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** A diff with control characters made visible; the diff's own colour of a whole line (red, green, cyan) is kept. */
export function visibleDiff(diff: string): string {
  return diff.split('\n').map((line) => {
    const painted = /^(\x1b\[3[126]m)(.*)\x1b\[0m$/.exec(line);
    return painted ? `${captured(painted, 1)}${visibleControls(captured(painted, 2))}\x1b[0m` : visibleControls(line);
  }).join('\n');
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}

/** The explanation under a failing or skipped step. */
export function stepDetail(file: string, result: StepResult, style: Style): string {
  const outcome = result.outcome;
  const where = style.bold(`${file}:${'line' in outcome ? outcome.line : result.step.line}`);
  switch (outcome.kind) {
    case 'passed':
      return outcome.note ? style.dim(visibleControls(outcome.note)) : '';
    case 'skipped':
      return style.dim(visibleControls(outcome.reason));
    case 'differed': {
      const lines = [`${where}: step "${visibleControls(result.step.name)}": output differs from the snapshot`, visibleDiff(outcome.diff.trimEnd())];
      if (outcome.note) lines.push(style.dim(outcome.note));
      return lines.join('\n');
    }
    case 'failed':
    case 'timedOut': {
      const lines = [`${where}: ${result.step.check ? 'check' : 'step'} "${visibleControls(result.step.name)}": ${visibleControls(outcome.message)}`];
      if (result.screen) lines.push(style.dim(outcome.kind === 'timedOut' ? 'last screen:' : 'output:'), indent(lastLines(visibleControls(result.screen), 20), '  '));
      if (outcome.kind === 'timedOut' && outcome.note) lines.push(style.dim(outcome.note));
      return lines.join('\n');
    }
  }
}

export function formatLessonBlock(result: LessonResult, style: Style): string {
  const file = result.lesson.file;
  const out: string[] = [`${style.bold(file)}  ${style.dim(visibleControls(result.lesson.meta.title))}`];
  if (result.status === 'skipped') {
    out.push(`  ${style.yellow('skipped')}: ${visibleControls(result.reason ?? '')}`);
    return out.join('\n') + '\n';
  }
  const nameWidth = Math.min(40, Math.max(8, ...result.steps.map((r) => r.step.name.length)));
  for (const step of result.steps) {
    const cut = step.cutChars > 0 ? style.yellow(`  (${formatSize(step.cutChars)} of output cut)`) : '';
    out.push(`  ${stepMark(step, style)} ${visibleControls(step.step.name).padEnd(nameWidth)} ${style.dim(formatMs(step.durationMs).padStart(8))}${cut}`);
    const detail = stepDetail(file, step, style);
    if (detail) out.push(indent(detail, '      '));
  }
  const snaps = result.snapshots;
  if (snaps?.written) out.push(style.dim(`  snapshots written to ${snaps.path}`));
  if (snaps?.removedFile) out.push(style.dim(`  removed ${snaps.path}: no step of the lesson is compared any more`));
  if (snaps && snaps.obsolete.length > 0) {
    out.push(snaps.removedObsolete
      ? style.dim(`  removed obsolete snapshots: ${snaps.obsolete.join(', ')}`)
      : style.yellow(`  obsolete snapshots in ${snaps.path}: ${snaps.obsolete.join(', ')} (remove with --update)`));
  }
  return out.join('\n') + '\n';
}

export function summaryLines(summary: RunSummary, style: Style): string[] {
  const { passed, failed, skipped } = summary.counts;
  const lessonFailed = summary.lessons.filter((l) => l.steps.some((s) => s.outcome.kind !== 'passed' && s.outcome.kind !== 'skipped')).length + summary.invalid.length;
  const lessonSkipped = summary.lessons.filter((l) => l.status === 'skipped').length;
  const lessonPassed = summary.lessons.length - lessonSkipped - (lessonFailed - summary.invalid.length);
  const stepsLine = `${passed} passed, ${failed} failed, ${skipped} skipped`;
  const colored = failed > 0 ? style.red(stepsLine) : style.green(stepsLine);
  return [
    colored,
    `lessons: ${lessonPassed} passed, ${lessonFailed} failed, ${lessonSkipped} skipped (${formatMs(summary.durationMs)})`,
  ];
}

export class PrettyReporter implements Reporter {
  constructor(private readonly options: PrettyOptions) {}

  lessonEnd(result: LessonResult): void {
    this.options.write(formatLessonBlock(result, this.options.style) + '\n');
  }

  lessonInvalid(file: string, diagnostics: LessonDiagnostic[]): void {
    const style = this.options.style;
    const lines = [`${style.bold(file)}  ${style.red('invalid lesson')}`, ...diagnostics.map((d) => `  ${style.red('✗')} ${visibleControls(formatDiagnostic(d))}`)];
    this.options.write(lines.join('\n') + '\n\n');
  }

  runEnd(summary: RunSummary): void {
    const style = this.options.style;
    const out: string[] = [];
    if (this.options.slowest) {
      const steps = summary.lessons.flatMap((l) => l.steps.map((s) => ({ file: l.lesson.file, s })));
      steps.sort((a, b) => b.s.durationMs - a.s.durationMs);
      out.push(style.bold(`slowest ${this.options.slowest} steps:`));
      for (const { file, s } of steps.slice(0, this.options.slowest)) {
        out.push(`  ${formatMs(s.durationMs).padStart(9)}  ${file}:${s.step.line} ${s.step.name}`);
      }
      out.push('');
    }
    out.push(...summaryLines(summary, style));
    this.options.write(out.join('\n') + '\n');
  }
}
