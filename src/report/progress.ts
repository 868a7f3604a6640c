// The live progress line of the human reporter on a terminal: which lesson
// and step run now, for how long, how many lessons are done. Everything else
// is printed above it through print(), so the line never mixes with results.
// Only for TTYs; elsewhere the human reporter prints plain lines alone.
import type { Lesson, Step } from '../lesson/types.js';
import type { Reporter } from '../run/events.js';
import type { Style } from './style.js';
import { formatMs } from '../text/format.js';

export interface ProgressStream {
  write(text: string): unknown;
  columns?: number;
}

export interface ProgressOptions {
  stream: ProgressStream;
  style: Style;
  now?: () => number;
  /** Redraw period for the elapsed times; 0 disables the timer (tests). */
  intervalMs?: number;
}

interface Running {
  file: string;
  order: number;
  step?: Step;
  stepSince: number;
}

export class ProgressLine implements Reporter {
  private total = 0;
  private done = 0;
  private started = 0;
  private shown = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<string, Running>();
  private order: string[] = [];
  private readonly now: () => number;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Write text above the progress line. */
  print(text: string): void {
    this.clear();
    this.options.stream.write(text);
    this.draw();
  }

  runStart(lessons: string[]): void {
    this.total = lessons.length;
    this.order = lessons;
    this.started = this.now();
    const every = this.options.intervalMs ?? 250;
    if (every > 0) {
      this.timer = setInterval(() => this.draw(), every);
      this.timer.unref();
    }
  }

  lessonStart(lesson: Lesson): void {
    this.running.set(lesson.file, { file: lesson.file, order: this.order.indexOf(lesson.file), stepSince: this.now() });
    this.draw();
  }

  stepStart(lesson: Lesson, step: Step): void {
    const entry = this.running.get(lesson.file);
    if (!entry) return;
    entry.step = step;
    entry.stepSince = this.now();
    this.draw();
  }

  lessonFinished(file: string): void {
    this.running.delete(file);
    this.done++;
    this.draw();
  }

  runEnd(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
    this.stopped = true;
  }

  /** The text of the line now (without colours or clearing). */
  line(): string {
    const { style } = this.options;
    const now = this.now();
    const parts = [style.dim(`[${this.done}/${this.total}]`)];
    const current = [...this.running.values()].sort((a, b) => a.order - b.order)[0];
    if (current) {
      const step = current.step ? ` › ${current.step.name} ${style.dim(formatMs(now - current.stepSince))}` : ` ${style.dim('starting')}`;
      parts.push(`${current.file}${step}`);
      if (this.running.size > 1) parts.push(style.dim(`+${this.running.size - 1} running`));
    }
    parts.push(style.dim(formatMs(now - this.started)));
    return parts.join(' ');
  }

  private draw(): void {
    if (this.total === 0 || this.stopped) return;
    const width = Math.max(20, (this.options.stream.columns || 80) - 1);
    this.options.stream.write(`\r\x1b[2K${truncate(this.line(), width)}`);
    this.shown = true;
  }

  private clear(): void {
    if (!this.shown) return;
    this.options.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

/** Cut visible text to `width` columns, keeping escape sequences intact. */
export function truncate(text: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\x1b') {
      const match = /^\x1b\[[0-9;]*m/.exec(text.slice(i));
      if (match) {
        out += match[0];
        i += match[0].length - 1;
        continue;
      }
    }
    if (visible >= width) continue;
    out += text[i];
    visible++;
  }
  return out;
}
