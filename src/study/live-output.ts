// A running step's terminal output, passed through to the learner's
// terminal as it arrives, so colours, progress lines and carriage returns
// behave as in a real terminal. Around it: the prompt the stream starts
// without, colours dropped when the learner asked for none, and at the end
// the shell's next prompt taken away (the lesson shows its own) and colours
// and cursor put back to normal.
import { stripEscapes } from '../text/escapes.js';

const PROMPT = '$ ';
/** An escape sequence not finished at the end of a chunk is held back this long at most. */
const MAX_HELD = 64;

export class LiveOutput {
  private tail = '';
  private held = '';
  private started = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly color: boolean,
  ) {}

  /** The shell's prompt, shown before the echo of the first command. */
  start(): void {
    this.started = true;
    this.write(PROMPT);
    this.tail = PROMPT;
  }

  push(text: string): void {
    if (!this.started) this.start();
    let data = this.held + text;
    this.held = '';
    if (!this.color) {
      const cut = unfinishedEscape(data);
      if (cut !== -1 && data.length - cut <= MAX_HELD) {
        this.held = data.slice(cut);
        data = data.slice(0, cut);
      }
      data = stripColors(data);
    }
    if (data === '') return;
    this.write(data);
    this.tail = lastLine(this.tail + data);
  }

  /** After the step: remove the trailing prompt and end on a fresh line. */
  end(): void {
    if (!this.started) return;
    if (this.held) this.write(stripColors(this.held));
    this.held = '';
    // Whatever the step's programs left set: default colours, a visible cursor.
    this.write('\x1b[0m\x1b[?25h');
    const visible = visibleLastLine(this.tail);
    if (visible === PROMPT) this.write('\r\x1b[2K');
    else if (visible.endsWith(PROMPT)) this.write('\b\b\x1b[K\r\n');
    else if (visible !== '') this.write('\r\n');
    this.started = false;
    this.tail = '';
  }
}

/** SGR (colour and style) sequences removed; cursor movement kept. */
export function stripColors(text: string): string {
  return text.replace(/\x1b\[[0-9;:]*m/g, '');
}

/** Index where an escape sequence starts that the text ends inside, or -1. */
function unfinishedEscape(text: string): number {
  const at = text.lastIndexOf('\x1b');
  if (at === -1) return -1;
  const rest = text.slice(at);
  if (/^\x1b(?:\[[0-9;:?]*[ -/]*[@-~]|\][^\x07]*(?:\x07|\x1b\\)|[^[\]])/.test(rest)) return -1;
  return at;
}

function lastLine(text: string): string {
  const at = text.lastIndexOf('\n');
  const line = at === -1 ? text : text.slice(at + 1);
  return line.length > 4096 ? line.slice(-4096) : line;
}

/** What the last line shows: text after the last carriage return, escapes removed. */
function visibleLastLine(line: string): string {
  const plain = stripEscapes(line);
  const at = plain.lastIndexOf('\r');
  return at === -1 ? plain : plain.slice(at + 1);
}
