// The human reporter's live lines when stdout is not a terminal (CI logs):
// one line when a lesson starts and one when each of its steps ends, so a log
// shows progress while a slow lesson runs. The lesson blocks and totals of
// the human report follow as usual.
import type { Lesson } from '../lesson/types.js';
import type { StepResult } from '../run/outcome.js';
import type { Reporter } from '../run/events.js';
import type { Style } from './style.js';
import { stepMark } from './pretty.js';
import { formatMs } from '../text/format.js';
import { plainText } from './facts.js';

export class LogLines implements Reporter {
  constructor(private readonly options: { write: (text: string) => void; style: Style }) {}

  lessonStart(lesson: Lesson): void {
    const steps = `${lesson.steps.length} step${lesson.steps.length === 1 ? '' : 's'}`;
    this.options.write(`${this.options.style.dim('▶')} ${lesson.file}: ${steps}\n`);
  }

  stepResult(lesson: Lesson, result: StepResult): void {
    const { style } = this.options;
    const number = lesson.steps.indexOf(result.step) + 1;
    const why = result.outcome.kind === 'passed' ? '' : ` ${plainText(oneLine(result))}`;
    this.options.write(`  ${lesson.file} ${number}/${lesson.steps.length} ${stepMark(result, style)} ${result.step.name} ${style.dim(`(${formatMs(result.durationMs)})`)}${why}\n`);
  }
}

function oneLine(result: StepResult): string {
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'differed':
      return 'differs from the snapshot';
    case 'skipped':
      return outcome.reason;
    case 'passed':
      return '';
    default:
      return outcome.message.split('\n')[0] ?? '';
  }
}
