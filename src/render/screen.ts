// Terminal text -> what a person would see, via @xterm/headless. Carriage
// returns, backspaces, colours, cursor movement, wide characters and line
// wrapping are resolved by a real emulator, never by string hacks.
// Pure apart from the emulator: no I/O.
import xtermHeadless from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';

const { Terminal } = xtermHeadless;
const { Unicode11Addon } = unicode11;

/** Width at which every step is rendered and compared (documented in README). */
export const RENDER_COLUMNS = 100;
export const RENDER_ROWS = 50;
/** Lines kept above the screen; captures are cut long before this. */
const SCROLLBACK = 20_000;

type HeadlessTerminal = InstanceType<typeof Terminal>;

/**
 * A reusable renderer: one emulator, reset before each render. Renders are
 * queued, so concurrent calls never interleave in the emulator.
 */
export class ScreenRenderer {
  private readonly terminal: HeadlessTerminal;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly cols = RENDER_COLUMNS, rows = RENDER_ROWS) {
    this.terminal = new Terminal({ cols, rows, scrollback: SCROLLBACK, allowProposedApi: true, convertEol: false, logLevel: 'off' });
    this.terminal.loadAddon(new Unicode11Addon());
    this.terminal.unicode.activeVersion = '11';
  }

  /** Plain text of everything the terminal shows after `data`, trailing blanks dropped. */
  render(data: string): Promise<string> {
    const plain = renderPlainText(data);
    if (plain !== undefined) return Promise.resolve(plain);
    const result = this.queue.then(() => this.renderNow(data));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private renderNow(data: string): Promise<string> {
    const terminal = this.terminal;
    terminal.reset();
    return new Promise((resolve) => {
      terminal.write(data, () => resolve(readBuffer(terminal)));
    });
  }

  dispose(): void {
    this.terminal.dispose();
  }
}

/**
 * Fast path for the common case: printable ASCII, every line ended by CR LF.
 * An emulator shows exactly these lines (wrapping is undone when rows are
 * joined), so no emulator is needed; the tests check both paths agree.
 * Returns undefined when the text needs the emulator.
 */
export function renderPlainText(data: string): string | undefined {
  if (!PLAIN_TEXT.test(data)) return undefined;
  const lines = data.split('\r\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** Printable ASCII runs, each newline preceded by a carriage return. */
const PLAIN_TEXT = /^(?:[\x20-\x7e]|\r\n)*$/;

/** Logical lines of the active buffer: wrapped rows joined, right-trimmed. */
function readBuffer(terminal: HeadlessTerminal): string {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row++) {
    const line = buffer.getLine(row);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
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
