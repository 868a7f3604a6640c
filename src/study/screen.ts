// The learner's window as study mode writes to it: text, whole lines, the
// view context at the window's width now, and a one-line prompt that waits
// for a key and is taken away once it is pressed.
import type { Style } from '../report/style.js';
import { ansiShellPalette } from './highlight.js';
import type { Key, KeyInput } from './keys.js';
import type { ViewContext } from './view/index.js';

export interface StudyScreen {
  write(text: string): void;
  /** Columns of the learner's window now (it may be resized at any time). */
  columns(): number;
}

export class Screen {
  constructor(
    private readonly screen: StudyScreen,
    readonly style: Style,
  ) {}

  write(text: string): void {
    this.screen.write(text);
  }

  lines(lines: readonly string[]): void {
    if (lines.length > 0) this.write(lines.join('\n') + '\n');
  }

  columns(): number {
    return this.screen.columns();
  }

  ctx(): ViewContext {
    return { style: this.style, palette: ansiShellPalette(this.style.enabled), width: this.screen.columns() };
  }

  /** Show a one-line prompt, wait for a key, take the prompt away. */
  async ask(keys: KeyInput, prompt: string): Promise<Key> {
    this.write(prompt);
    const key = await keys.next();
    this.write('\r\x1b[2K');
    return key;
  }
}
