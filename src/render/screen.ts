// Terminal text -> what a person would see, via @xterm/headless. Carriage
// returns, backspaces, colours, cursor movement, wide characters and line
// wrapping are resolved by a real emulator, never by string hacks.
// Pure apart from the emulator: no I/O.
import { createRequire } from 'node:module';
import type * as XtermHeadless from '@xterm/headless';
import type * as XtermUnicode11 from '@xterm/addon-unicode11';

/** Width at which every step is rendered and compared (documented in README). */
export const RENDER_COLUMNS = 100;
export const RENDER_ROWS = 50;
/** Rows kept above the screen; captures keep fewer lines than this (session/capture.ts). */
const SCROLLBACK = 20_000;
export const SCROLLED_OUT = `[learn: the first lines scrolled out of the terminal's ${SCROLLBACK} rows]`;

type HeadlessTerminal = XtermHeadless.Terminal;

/**
 * Performance: the emulator is loaded on first use, with require(). Most
 * steps print plain text (renderPlainText) and many lessons never need it,
 * and importing these two CommonJS bundles through the ESM loader took
 * about a third of learn's start-up (see docs/performance.md).
 */
const require = createRequire(import.meta.url);
let emulator: { Terminal: typeof XtermHeadless.Terminal; Unicode11Addon: typeof XtermUnicode11.Unicode11Addon } | undefined;

function loadEmulator(): NonNullable<typeof emulator> {
  emulator ??= {
    Terminal: (require('@xterm/headless') as typeof XtermHeadless).Terminal,
    Unicode11Addon: (require('@xterm/addon-unicode11') as typeof XtermUnicode11).Unicode11Addon,
  };
  return emulator;
}

/**
 * A reusable renderer: one emulator, reset before each render. Renders are
 * queued, so concurrent calls never interleave in the emulator.
 */
export class ScreenRenderer {
  /** Made on the first render that needs it. */
  private emulatorTerminal: HeadlessTerminal | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly cols = RENDER_COLUMNS,
    private readonly rows = RENDER_ROWS,
  ) {}

  private get terminal(): HeadlessTerminal {
    if (!this.emulatorTerminal) {
      const { Terminal, Unicode11Addon } = loadEmulator();
      const terminal = new Terminal({ cols: this.cols, rows: this.rows, scrollback: SCROLLBACK, allowProposedApi: true, convertEol: false, logLevel: 'off' });
      terminal.loadAddon(new Unicode11Addon());
      terminal.unicode.activeVersion = '11';
      this.emulatorTerminal = terminal;
    }
    return this.emulatorTerminal;
  }

  /** Plain text of everything the terminal shows after `data`, trailing blanks dropped. */
  render(data: string): Promise<string> {
    const plain = renderPlainText(data, this.cols);
    if (plain !== undefined) return Promise.resolve(plain);
    const result = this.queue.then(() => this.renderNow(data));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private renderNow(data: string): Promise<string> {
    const terminal = this.terminal;
    terminal.reset();
    return new Promise((resolve) => {
      terminal.write(data, () => {
        // A full scrollback has dropped rows from the top: never silently.
        const full = terminal.buffer.active.length >= SCROLLBACK + this.rows;
        resolve(full ? `${SCROLLED_OUT}\n${screenText(terminal)}` : screenText(terminal));
      });
    });
  }

  dispose(): void {
    this.emulatorTerminal?.dispose();
    this.emulatorTerminal = undefined;
  }
}

/**
 * Fast path for the common case: printable ASCII, every line ended by CR LF.
 * An emulator shows exactly these lines (wrapping is undone when rows are
 * joined), so no emulator is needed; the tests check both paths agree.
 * Tabs (brctl, nft and iptables listings) move to the next multiple of 8, as
 * the emulator's default tab stops do, in lines that fit in one row; a tab in
 * a longer line depends on where the row wraps and goes to the emulator.
 * Returns undefined when the text needs the emulator.
 */
export function renderPlainText(data: string, cols = RENDER_COLUMNS): string | undefined {
  if (!PLAIN_TEXT.test(data)) return undefined;
  const lines: string[] = [];
  for (const raw of data.split('\r\n')) {
    const line = raw.includes('\t') ? expandTabs(raw) : raw;
    if (line !== raw && line.length > cols) return undefined;
    lines.push(line.trimEnd());
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** Printable ASCII and tabs, each newline preceded by a carriage return. */
const PLAIN_TEXT = /^(?:[\x20-\x7e\t]|\r\n)*$/;
const TAB_WIDTH = 8;

function expandTabs(line: string): string {
  let out = '';
  for (const char of line) {
    out += char === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : char;
  }
  return out;
}

/** Logical lines of the active buffer: wrapped rows joined, right-trimmed (also for tests that read a screen). */
export function screenText(terminal: HeadlessTerminal): string {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row++) {
    const line = buffer.getLine(row);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** One-off render (tests, tools). */
export async function renderScreen(data: string, cols = RENDER_COLUMNS): Promise<string> {
  const renderer = new ScreenRenderer(cols);
  try {
    return await renderer.render(data);
  } finally {
    renderer.dispose();
  }
}
