// `--reporter json`: the whole run as one JSON document, written at the end:
// every lesson with its steps (status, outcome kind, message, details, line,
// duration), invalid lessons with their diagnostics, and the totals.
import type { LessonDiagnostic } from '../lesson/types.js';
import type { LessonResult } from '../run/lesson-run.js';
import type { Reporter, RunSummary } from '../run/events.js';
import { lessonFacts, type LessonFacts } from './facts.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  version: number;
  ok: boolean;
  counts: RunSummary['counts'];
  durationMs: number;
  lessons: LessonFacts[];
  invalid: Array<{ file: string; diagnostics: LessonDiagnostic[] }>;
}

export class JsonReporter implements Reporter {
  private readonly lessons: LessonFacts[] = [];
  private readonly invalid: JsonReport['invalid'] = [];

  constructor(private readonly write: (text: string) => void) {}

  lessonEnd(result: LessonResult): void {
    this.lessons.push(lessonFacts(result));
  }

  lessonInvalid(file: string, diagnostics: LessonDiagnostic[]): void {
    this.invalid.push({ file, diagnostics });
  }

  runEnd(summary: RunSummary): void {
    const report: JsonReport = {
      version: JSON_REPORT_VERSION,
      ok: summary.counts.failed === 0 && this.invalid.length === 0,
      counts: summary.counts,
      durationMs: Math.round(summary.durationMs),
      lessons: this.lessons.map((l) => ({ ...l, durationMs: Math.round(l.durationMs), steps: l.steps.map((s) => ({ ...s, durationMs: Math.round(s.durationMs) })) })),
      invalid: this.invalid,
    };
    this.write(JSON.stringify(report, null, 2) + '\n');
  }
}
