// `--reporter github` (automatic when GITHUB_ACTIONS=true): workflow-command
// annotations, so a failing step shows on the fence's file and line in the
// pull request. Failures are errors, skipped lessons warnings.
import path from 'node:path';
import type { LessonDiagnostic } from '../lesson/types.js';
import type { LessonResult } from '../run/lesson-run.js';
import type { Reporter } from '../run/events.js';
import { lessonFacts } from './facts.js';
import { formatMs } from '../text/format.js';

export interface GithubOptions {
  write: (text: string) => void;
  /** Paths in annotations are relative to this (GITHUB_WORKSPACE), as GitHub expects. */
  workspace?: string | undefined;
  cwd?: string;
}

export class GithubReporter implements Reporter {
  constructor(private readonly options: GithubOptions) {}

  lessonEnd(result: LessonResult): void {
    const lesson = lessonFacts(result);
    const file = this.path(lesson.file);
    if (lesson.status === 'skipped') {
      this.options.write(command('warning', { file, line: 1, title: 'learn: lesson skipped' }, `${lesson.file}: ${lesson.reason}`));
      return;
    }
    for (const step of lesson.steps) {
      if (step.status !== 'failed') continue;
      const title = `learn: step "${step.name}" ${step.kind === 'timedOut' ? 'timed out' : 'failed'} (${formatMs(step.durationMs)})`;
      const message = [step.message ?? step.kind, step.details].filter(Boolean).join('\n\n');
      this.options.write(command('error', { file, line: step.at, title }, message));
    }
  }

  lessonInvalid(_file: string, diagnostics: LessonDiagnostic[]): void {
    for (const d of diagnostics) {
      this.options.write(command('error', { file: this.path(d.file), line: Math.max(1, d.line), title: 'learn: invalid lesson' }, d.message));
    }
  }

  private path(file: string): string {
    const workspace = this.options.workspace;
    const absolute = path.resolve(this.options.cwd ?? process.cwd(), file);
    if (!workspace) return file;
    const rel = path.relative(workspace, absolute);
    return rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel;
  }
}

/** `::error file=F,line=L,title=T::message`, escaped as the Actions toolkit does. */
export function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number>, message: string): string {
  const list = Object.entries(props).map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${kind} ${list}::${escapeData(message)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
