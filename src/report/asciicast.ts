// `--record DIR`: each lesson's terminal session as an asciicast v2 file
// (DIR/<lesson>.cast), playable with `asciinema play` or asciinema-player.
// All of a lesson's terminals go into its one file, in the order their
// output arrived; when the output switches terminal, a label line names the
// terminal. Each step starts with a marker ("m" event) named after it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Lesson, Step } from '../lesson/types.js';
import type { LessonResult } from '../run/lesson-run.js';
import type { Reporter } from '../run/events.js';

export interface AsciicastOptions {
  dir: string;
  width: number;
  height: number;
  now?: () => number;
  /** Wall clock for the header's timestamp. */
  clock?: () => Date;
  /** Recorded characters per lesson before the rest is dropped. */
  maxChars?: number;
}

export type CastEvent = [number, 'o' | 'm', string];

/** Pauses longer than this are shortened by players (the events keep real times). */
export const IDLE_TIME_LIMIT_S = 2;
const DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

class Recording {
  readonly events: CastEvent[] = [];
  readonly timestamp: number;
  private readonly started: number;
  private readonly seen = new Set<string>();
  private lastTerminal: string | undefined;
  private atLineStart = true;
  private chars = 0;
  private cut = false;

  constructor(private readonly options: Required<Pick<AsciicastOptions, 'now' | 'maxChars'>>, clock: () => Date) {
    this.started = options.now();
    this.timestamp = Math.floor(clock().getTime() / 1000);
  }

  marker(label: string): void {
    this.events.push([this.time(), 'm', label]);
  }

  output(terminal: string, text: string): void {
    if (this.cut) return;
    this.seen.add(terminal);
    if (terminal !== this.lastTerminal && (this.lastTerminal !== undefined || terminal !== 'main')) {
      this.push(`${this.atLineStart ? '' : '\r\n'}\x1b[0m\x1b[7m ${terminal} \x1b[0m\r\n`);
    }
    this.lastTerminal = terminal;
    if (this.chars + text.length > this.options.maxChars) {
      this.cut = true;
      this.push(`\r\n\x1b[0m[learn: recording cut at ${this.options.maxChars} characters]\r\n`);
      return;
    }
    this.push(text);
  }

  private push(text: string): void {
    if (text === '') return;
    this.chars += text.length;
    this.atLineStart = text.endsWith('\n');
    this.events.push([this.time(), 'o', text]);
  }

  private time(): number {
    return Math.round((this.options.now() - this.started) * 1000) / 1_000_000;
  }
}

export class AsciicastRecorder implements Reporter {
  private readonly recordings = new Map<string, Recording>();
  private readonly writes: Array<Promise<void>> = [];
  private readonly usedNames = new Set<string>();
  /** Files written, in lesson order. */
  readonly written: string[] = [];

  constructor(private readonly options: AsciicastOptions) {}

  lessonStart(lesson: Lesson): void {
    const now = this.options.now ?? (() => performance.now());
    this.recordings.set(lesson.file, new Recording({ now, maxChars: this.options.maxChars ?? DEFAULT_MAX_CHARS }, this.options.clock ?? (() => new Date())));
  }

  stepStart(lesson: Lesson, step: Step): void {
    this.recordings.get(lesson.file)?.marker(step.name);
  }

  terminalOutput(lesson: Lesson, terminal: string, text: string): void {
    this.recordings.get(lesson.file)?.output(terminal, text);
  }

  lessonEnd(result: LessonResult): void {
    const recording = this.recordings.get(result.lesson.file);
    this.recordings.delete(result.lesson.file);
    if (!recording || !recording.events.some((e) => e[1] === 'o')) return;
    const file = path.join(this.options.dir, this.fileName(result.lesson.file));
    this.written.push(file);
    this.writes.push(writeAtomic(file, castText(result.lesson, recording, this.options)));
  }

  async runEnd(): Promise<void> {
    await Promise.all(this.writes);
  }

  private fileName(lessonFile: string): string {
    let name = `${path.basename(lessonFile, path.extname(lessonFile))}.cast`;
    if (this.usedNames.has(name)) name = `${lessonFile.replace(/\.md$/i, '').replace(/^(\.\.?\/)+/, '').replace(/[/\\]/g, '__')}.cast`;
    this.usedNames.add(name);
    return name;
  }
}

function castText(lesson: Lesson, recording: Recording, options: AsciicastOptions): string {
  const header = {
    version: 2,
    width: options.width,
    height: options.height,
    timestamp: recording.timestamp,
    idle_time_limit: IDLE_TIME_LIMIT_S,
    title: `${lesson.meta.title} (${lesson.file})`,
    env: { TERM: 'xterm-256color', SHELL: '/bin/bash' },
  };
  return [JSON.stringify(header), ...recording.events.map((e) => JSON.stringify(e))].join('\n') + '\n';
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}
