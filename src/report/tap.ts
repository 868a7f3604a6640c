// `--reporter tap`: TAP version 14. One test point per lesson, its steps as a
// subtest (4-space indented stream), YAML diagnostics (2-space indented) with
// the message, where, the diff or last screen, and duration_ms on every point.
import type { LessonDiagnostic } from '../lesson/types.js';
import type { LessonResult } from '../run/lesson-run.js';
import type { Reporter, RunSummary } from '../run/events.js';
import { lessonFacts, plainText, type StepFacts } from './facts.js';

export class TapReporter implements Reporter {
  private point = 0;
  private planned = 0;

  constructor(private readonly write: (text: string) => void) {}

  runStart(lessons: string[]): void {
    this.planned = lessons.length;
    this.write(`TAP version 14\n1..${lessons.length}\n`);
  }

  lessonEnd(result: LessonResult): void {
    const lesson = lessonFacts(result);
    const n = ++this.point;
    if (lesson.status === 'skipped') {
      this.write(`ok ${n} - ${escape(lesson.file)} # SKIP ${oneLine(lesson.reason ?? '')}\n${yaml({ duration_ms: ms(lesson.durationMs) }, '  ')}`);
      return;
    }
    const out = [`    # Subtest: ${escape(lesson.file)}`];
    lesson.steps.forEach((step, i) => out.push(stepPoint(lesson.file, step, i + 1)));
    out.push(`    1..${lesson.steps.length}`);
    const failed = lesson.steps.filter((s) => s.status === 'failed').length;
    out.push(`${lesson.status === 'failed' ? 'not ok' : 'ok'} ${n} - ${escape(lesson.file)}`);
    const fields: Record<string, string | number> = { duration_ms: ms(lesson.durationMs) };
    if (failed > 0) fields.failed_steps = failed;
    this.write(out.join('\n') + '\n' + yaml(fields, '  '));
  }

  lessonInvalid(file: string, diagnostics: LessonDiagnostic[]): void {
    const n = ++this.point;
    const message = diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n');
    this.write(`not ok ${n} - ${escape(file)}\n${yaml({ message: 'invalid lesson', severity: 'fail', details: message }, '  ')}`);
  }

  runEnd(summary: RunSummary): void {
    const { passed, failed, skipped } = summary.counts;
    // --bail left lessons out: TAP's way to say the plan will not be met.
    if (this.point < this.planned) this.write(`Bail out! ${this.planned - this.point} of ${this.planned} lessons not run (--bail)\n`);
    this.write(`# steps: ${passed} passed, ${failed} failed, ${skipped} skipped\n# duration_ms ${ms(summary.durationMs)}\n`);
  }
}

function stepPoint(file: string, step: StepFacts, n: number): string {
  const indent = '    ';
  if (step.status === 'skipped') {
    return `${indent}ok ${n} - ${escape(step.name)} # SKIP ${oneLine(step.message ?? '')}\n${yaml({ duration_ms: ms(step.durationMs) }, indent + '  ').trimEnd()}`;
  }
  const head = `${indent}${step.status === 'passed' ? 'ok' : 'not ok'} ${n} - ${escape(step.name)}`;
  const fields: Record<string, string | number> = {};
  if (step.status === 'failed') {
    fields.message = step.message ?? step.kind;
    fields.severity = 'fail';
    fields.outcome = step.kind;
    fields.at = `${file}:${step.at}`;
    if (step.exitStatus !== undefined) fields.exit_status = step.exitStatus;
    if (step.details) fields.details = step.details;
  } else if (step.message) {
    fields.note = step.message;
  }
  fields.duration_ms = ms(step.durationMs);
  return `${head}\n${yaml(fields, indent + '  ').trimEnd()}`;
}

function ms(value: number): number {
  return Math.round(value);
}

/** `\` and `#` are escaped in descriptions and directives (TAP 14). */
function escape(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/#/g, '\\#');
}

function oneLine(text: string): string {
  return plainText(text).replace(/\s*\n\s*/g, ' ').trim();
}

/** A YAML diagnostics block: one-line strings quoted, multi-line ones as literal blocks. */
export function yaml(fields: Record<string, string | number>, indent: string): string {
  const lines = [`${indent}---`];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'number') lines.push(`${indent}${key}: ${value}`);
    else if (!value.includes('\n')) lines.push(`${indent}${key}: ${JSON.stringify(plainText(value))}`);
    else {
      lines.push(`${indent}${key}: |2-`);
      for (const line of plainText(value).split('\n')) lines.push(`${indent}  ${line}`);
    }
  }
  lines.push(`${indent}...`);
  return lines.join('\n') + '\n';
}
