// The learner's window as study mode writes to it: text, whole lines, the
// view context at the window's width now, and a one-line prompt that waits
// for a key and is taken away once it is pressed. Text the learner has not
// had a chance to read (the rows written since their last key) is held at a
// screenful: a "more" prompt waits before it would scroll away unread.
import type { Style } from '../report/style.js';
import { stripEscapes } from '../text/escapes.js';
import { displayWidth } from '../text/width.js';
import { MORE_HINTS, MORE_KEYS } from './actions.js';
import { ansiShellPalette } from './highlight.js';
import type { Key, KeyInput } from './keys.js';
import { keyLine, type ViewContext } from './view/index.js';

export interface StudyScreen {
  write(text: string): void;
  /** Columns of the learner's window now (it may be resized at any time). */
  columns(): number;
  /** Its rows now; without it, text is never held. */
  rows?(): number;
}

/** Fewer rows than this and holding text back would show too little at a time. */
const MIN_PAGED_ROWS = 6;

export class Screen {
  /** Rows written since the learner last pressed a key (or watched a step's output live). */
  private unread = 0;
  /** False: text is never held (--yes, or `s` at a "more" prompt until the next key prompt). */
  private paging = true;

  constructor(
    private readonly screen: StudyScreen,
    readonly style: Style,
    private readonly keys: KeyInput,
    /** --yes: nobody presses keys, nothing is held. */
    private readonly auto = false,
  ) {}

  write(text: string): void {
    this.screen.write(text);
    this.unread += text.split('\n').length - 1;
  }

  lines(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.screen.write(lines.join('\n') + '\n');
    for (const line of lines) this.unread += this.rowsOf(line);
  }

  /** Lines to be read: a "more" prompt waits before the first of them would scroll off unread. */
  async page(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      const rows = this.rowsOf(line);
      await this.room(rows);
      this.screen.write(line + '\n');
      this.unread += rows;
    }
  }

  /** Make room for `rows` more rows (a step and its prompt): wait for a key first if they would push unread rows off. */
  async room(rows: number): Promise<void> {
    const height = this.screen.rows?.() ?? 0;
    if (this.auto || !this.paging || height < MIN_PAGED_ROWS || this.unread === 0) return;
    // One row stays for the prompt below the text.
    if (this.unread + rows <= height - 1) return;
    const key = await this.prompt(this.keys, keyLine(MORE_HINTS, this.ctx()));
    if (MORE_KEYS.get(key) === 'rest') this.paging = false;
  }

  /** The learner has seen what is on screen (a step's output, watched live). */
  seen(): void {
    this.unread = 0;
  }

  columns(): number {
    return this.screen.columns();
  }

  ctx(): ViewContext {
    return { style: this.style, palette: ansiShellPalette(this.style.enabled), width: this.screen.columns() };
  }

  /** Show a one-line prompt, wait for a key, take the prompt away. */
  async ask(keys: KeyInput, prompt: string): Promise<Key> {
    const key = await this.prompt(keys, prompt);
    // `s` at a "more" prompt lasts until the next prompt of the lesson.
    this.paging = true;
    return key;
  }

  private async prompt(keys: KeyInput, prompt: string): Promise<Key> {
    this.screen.write(prompt);
    const key = await keys.next();
    this.screen.write('\r\x1b[2K');
    this.unread = 0;
    return key;
  }

  private rowsOf(line: string): number {
    const width = Math.max(1, this.screen.columns());
    return Math.max(1, Math.ceil(displayWidth(stripEscapes(line)) / width));
  }
}
