// Bounded capture of a step's terminal text. What is kept is a function of
// the text alone, never of how the pty cut it into chunks, so the same output
// always keeps the same text:
//   - a line longer than LINE characters keeps its first LINE characters and
//     a marker saying how much of it was cut;
//   - of a flood, the first HEAD characters (at most HEAD_LINES lines) and the
//     last TAIL characters (at most TAIL_LINES lines) are kept, both cut back
//     to whole lines, with a note line saying how much was cut in between.
// Memory stays bounded; the line counts keep the emulator's scrollback from
// overflowing (render/screen.ts).
import { formatSize } from '../text/format.js';

export const DEFAULT_HEAD_CHARS = 64 * 1024;
export const DEFAULT_TAIL_CHARS = 16 * 1024;
export const DEFAULT_LINE_CHARS = 8 * 1024;
export const DEFAULT_HEAD_LINES = 10_000;
export const DEFAULT_TAIL_LINES = 4_000;

export interface CaptureLimits {
  headChars: number;
  tailChars: number;
  lineChars: number;
  headLines: number;
  tailLines: number;
}

const DEFAULTS: CaptureLimits = {
  headChars: DEFAULT_HEAD_CHARS,
  tailChars: DEFAULT_TAIL_CHARS,
  lineChars: DEFAULT_LINE_CHARS,
  headLines: DEFAULT_HEAD_LINES,
  tailLines: DEFAULT_TAIL_LINES,
};

/** CAN ends any escape sequence the cut left open; then attributes are reset. */
const SEAM = '\x18\x1b[0m';

export class Capture {
  private readonly limits: CaptureLimits;
  private readonly lines: LineCutter;
  private head = '';
  private headLineCount = 0;
  private headClosed = false;
  /** Text after the head; trimmed to its last tailChars + 1 characters. */
  private tailChunks: string[] = [];
  private tailLength = 0;
  private afterHead = 0;
  private result: { text: string; cutChars: number } | undefined;

  constructor(limits: Partial<CaptureLimits> = {}) {
    this.limits = { ...DEFAULTS, ...limits };
    this.lines = new LineCutter(this.limits.lineChars);
  }

  /** When output last came (performance.now()): a step still printing may be about to end. */
  lastOutputAt = performance.now();

  append(raw: string): void {
    if (raw.length > 0) this.lastOutputAt = performance.now();
    let text = this.lines.cut(raw);
    this.result = undefined;
    if (text.length === 0) return;
    if (!this.headClosed) {
      const take = this.headRoom(text);
      this.head += text.slice(0, take);
      this.headLineCount += countLines(text, 0, take);
      text = text.slice(take);
      if (text.length === 0) return;
      this.headClosed = true;
    }
    this.afterHead += text.length;
    this.tailChunks.push(text);
    this.tailLength += text.length;
    if (this.tailLength > 2 * this.limits.tailChars + 1) {
      const joined = this.tailChunks.join('');
      const kept = joined.slice(joined.length - this.limits.tailChars - 1);
      this.tailChunks = [kept];
      this.tailLength = kept.length;
    }
  }

  /** Characters dropped: between head and tail, and from long lines. */
  get cutChars(): number {
    return this.kept().cutChars;
  }

  /**
   * The kept text. When the middle was cut, head and tail are cut back to
   * whole lines and joined by a note line, so the emulator never sees half an
   * escape sequence at the seam.
   */
  text(): string {
    return this.kept().text;
  }

  /** How much of `text` still fits in the head. */
  private headRoom(text: string): number {
    let take = Math.min(text.length, this.limits.headChars - this.head.length);
    const linesLeft = this.limits.headLines - this.headLineCount;
    const cap = indexAfterLine(text, linesLeft, take);
    if (cap !== undefined) take = cap;
    return Math.max(0, take);
  }

  private kept(): { text: string; cutChars: number } {
    if (this.result) return this.result;
    const open = this.lines.openLineEnd();
    const { tailChars, tailLines } = this.limits;
    const buffered = this.tailChunks.join('');
    let start = Math.max(0, buffered.length - tailChars);
    // At most tailLines lines: start after the (tailLines + 1)-th line end from the end.
    const byLines = startOfLastLines(buffered, tailLines, start);
    let atLineStart = start > 0 && buffered[start - 1] === '\n';
    if (byLines > start) {
      start = byLines;
      atLineStart = true;
    }
    let tail = buffered.slice(start);
    if (tail.length === this.afterHead) {
      this.result = { text: this.head + tail + open, cutChars: this.lines.cutChars };
      return this.result;
    }
    if (!atLineStart) {
      const lineEnd = tail.indexOf('\n');
      tail = lineEnd === -1 ? '' : tail.slice(lineEnd + 1);
    }
    const headEnd = this.head.lastIndexOf('\n');
    const head = headEnd === -1 ? '' : this.head.slice(0, headEnd + 1);
    const cut = this.afterHead - tail.length + (this.head.length - head.length);
    this.result = {
      text: `${head}${SEAM}\r\n[learn: ${formatSize(cut)} of output cut here]\r\n${tail}${open}`,
      cutChars: cut + this.lines.cutChars,
    };
    return this.result;
  }
}

/**
 * Cuts every line (up to `\n`) to `limit` characters, streaming: the cut
 * part is replaced, where the line ends, by a marker that says its size.
 */
class LineCutter {
  /** Characters of the current line so far, kept and cut. */
  private length = 0;
  /** Characters of the current line cut so far. */
  private cutOfLine = 0;
  private cutOfEndedLines = 0;
  /** The last character cut was a CR (given back after the marker, before the LF). */
  private cutEndsInCR = false;
  /** A high surrogate that ended the last chunk: held until its pair comes, so chunking never matters. */
  private pending = '';

  constructor(private readonly limit: number) {}

  get cutChars(): number {
    return this.cutOfEndedLines + this.cutOfLine;
  }

  cut(chunk: string): string {
    let text = this.pending + chunk;
    this.pending = '';
    if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      this.pending = text.slice(-1);
      text = text.slice(0, -1);
    }
    // Fast path, nearly every chunk: no line in it reaches the limit.
    if (this.cutOfLine === 0 && text.length <= this.limit) {
      const first = text.indexOf('\n');
      if (first === -1 && this.length + text.length <= this.limit) {
        this.length += text.length;
        return text;
      }
      if (first !== -1 && this.length + first <= this.limit) {
        this.length = text.length - text.lastIndexOf('\n') - 1;
        return text;
      }
    }
    let out = '';
    for (let at = 0; at < text.length;) {
      const newline = text.indexOf('\n', at);
      const end = newline === -1 ? text.length : newline;
      const room = this.limit - this.length;
      if (end - at <= room) {
        out += text.slice(at, end);
      } else {
        let keep = Math.max(0, room);
        if (keep > 0 && isHighSurrogate(text.charCodeAt(at + keep - 1))) keep -= 1;
        out += text.slice(at, at + keep);
        this.cutOfLine += end - at - keep;
        this.cutEndsInCR = text[end - 1] === '\r';
      }
      this.length += end - at;
      if (newline === -1) break;
      if (this.cutOfLine > 0) {
        if (this.cutEndsInCR) this.cutOfLine -= 1;
        out += `${lineMarker(this.cutOfLine)}${this.cutEndsInCR ? '\r' : ''}`;
      }
      out += '\n';
      this.cutOfEndedLines += this.cutOfLine;
      this.cutOfLine = 0;
      this.cutEndsInCR = false;
      this.length = 0;
      at = newline + 1;
    }
    return out;
  }

  /** What ends a text that stops inside a line: its held character, the marker of its cut. */
  openLineEnd(): string {
    if (this.cutOfLine > 0) return lineMarker(this.cutOfLine + this.pending.length);
    return this.pending;
  }
}

function lineMarker(cut: number): string {
  return `${SEAM}[learn: ${formatSize(cut)} of this line cut]`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Index just after the `lines`-th line end of text[0, before), or undefined when there are fewer. */
function indexAfterLine(text: string, lines: number, before: number): number | undefined {
  if (lines <= 0) return 0;
  let at = -1;
  for (let seen = 0; seen < lines; seen++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1 || at >= before) return undefined;
  }
  return at + 1;
}

/** Where the last `lines` lines of text[from...] start (after their preceding line end), or `from`. */
function startOfLastLines(text: string, lines: number, from: number): number {
  let at = text.length;
  // A final line without its line end counts as one of the lines too.
  let seen = text.endsWith('\n') ? -1 : 0;
  while (at > from) {
    at = text.lastIndexOf('\n', at - 1);
    if (at < from) return from;
    seen += 1;
    if (seen === lines) return at + 1;
  }
  return from;
}

