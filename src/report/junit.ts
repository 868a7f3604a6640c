// `--reporter junit`: JUnit XML as GitLab, Jenkins and most CI systems read
// it. One <testsuite> per lesson, one <testcase> per step with its time in
// seconds; a failure carries the message and the diff (or the last screen),
// a skipped lesson lists its steps as skipped, an invalid lesson is an error.
// Written whole at the end of the run.
import path from 'node:path';
import type { LessonDiagnostic } from '../lesson/types.js';
import type { LessonResult } from '../run/lesson-run.js';
import type { Reporter, RunSummary } from '../run/events.js';
import { lessonFacts, plainText, seconds, type LessonFacts, type StepFacts } from './facts.js';

type Entry = { kind: 'lesson'; facts: LessonFacts } | { kind: 'invalid'; file: string; diagnostics: LessonDiagnostic[] };

export class JunitReporter implements Reporter {
  private readonly entries: Entry[] = [];

  constructor(private readonly write: (text: string) => void) {}

  lessonEnd(result: LessonResult): void {
    this.entries.push({ kind: 'lesson', facts: lessonFacts(result) });
  }

  lessonInvalid(file: string, diagnostics: LessonDiagnostic[]): void {
    this.entries.push({ kind: 'invalid', file, diagnostics });
  }

  runEnd(summary: RunSummary): void {
    this.write(junitXml(this.entries, summary.durationMs));
  }
}

interface Totals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function junitXml(entries: Entry[], durationMs: number): string {
  const total: Totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = entries.map((entry) => {
    const { xml, totals } = entry.kind === 'lesson' ? lessonSuite(entry.facts) : invalidSuite(entry.file, entry.diagnostics);
    for (const key of Object.keys(total) as Array<keyof Totals>) total[key] += totals[key];
    return xml;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // No skipped on <testsuites>: the Jenkins xunit schema rejects it (the suites carry theirs).
    `<testsuites name="learn" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="${seconds(durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function lessonSuite(lesson: LessonFacts): { xml: string; totals: Totals } {
  const totals: Totals = {
    tests: lesson.steps.length,
    failures: lesson.steps.filter((s) => s.status === 'failed').length,
    errors: 0,
    skipped: lesson.steps.filter((s) => s.status === 'skipped').length,
  };
  const lines = [`  <testsuite name="${attr(lesson.file)}"${counts(totals)} time="${seconds(lesson.durationMs)}" file="${attr(lesson.file)}">`];
  if (lesson.status === 'skipped') lines.push(`    <properties><property name="skipped" value="${attr(lesson.reason ?? '')}"/></properties>`);
  for (const step of lesson.steps) lines.push(testcase(lesson.file, step));
  lines.push('  </testsuite>');
  return { xml: lines.join('\n'), totals };
}

function testcase(file: string, step: StepFacts): string {
  // name, classname and time only: the Jenkins xunit schema allows no more; file:line is in the failure text.
  const open = `    <testcase name="${attr(step.name)}" classname="${attr(className(file))}" time="${seconds(step.durationMs)}"`;
  if (step.status === 'passed') return `${open}/>`;
  if (step.status === 'skipped') return `${open}>\n      <skipped message="${attr(step.message ?? '')}"/>\n    </testcase>`;
  const body = [`${file}:${step.at}: step "${step.name}": ${step.message ?? step.kind}`, step.details ?? ''].join('\n').trimEnd();
  return `${open}>\n      <failure message="${attr(step.message ?? step.kind)}" type="${step.kind}">${text(body)}</failure>\n    </testcase>`;
}

function invalidSuite(file: string, diagnostics: LessonDiagnostic[]): { xml: string; totals: Totals } {
  const totals: Totals = { tests: 1, failures: 0, errors: 1, skipped: 0 };
  const body = diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n');
  const xml = [
    `  <testsuite name="${attr(file)}"${counts(totals)} time="0.000" file="${attr(file)}">`,
    `    <testcase name="(lesson)" classname="${attr(className(file))}" time="0.000">`,
    `      <error message="invalid lesson" type="invalid">${text(body)}</error>`,
    '    </testcase>',
    '  </testsuite>',
  ].join('\n');
  return { xml, totals };
}

function counts(t: Totals): string {
  return ` tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}"`;
}

/** `lessons/net/bridge.md` -> `lessons.net.bridge` (Jenkins splits package and class at the last dot). */
export function className(file: string): string {
  const withoutExt = file.replace(/\\/g, '/').replace(/\.md$/i, '');
  return withoutExt.split('/').filter((p) => p !== '' && p !== '.').map((p) => p.replace(/\./g, '_')).join('.') || path.basename(file);
}

/** Characters XML 1.0 allows, escapes applied. */
function text(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function xmlChars(value: string): string {
  return plainText(value).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g, '\uFFFD');
}
