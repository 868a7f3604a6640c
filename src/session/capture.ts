// Bounded capture of a step's terminal text: the first HEAD characters and
// the last TAIL characters, with a count of what was cut in between, so a
// flood of output costs bounded memory and still shows its start and end.

export const DEFAULT_HEAD_CHARS = 64 * 1024;
export const DEFAULT_TAIL_CHARS = 16 * 1024;

export class Capture {
  private head = '';
  private tailChunks: string[] = [];
  private tailLength = 0;
  private cut = 0;

  constructor(
    private readonly headLimit = DEFAULT_HEAD_CHARS,
    private readonly tailLimit = DEFAULT_TAIL_CHARS,
  ) {}

  append(text: string): void {
    if (this.cut === 0 && this.tailLength === 0 && this.head.length + text.length <= this.headLimit) {
      this.head += text;
      return;
    }
    if (this.cut === 0 && this.tailLength === 0) {
      const room = this.headLimit - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
    }
    this.tailChunks.push(text);
    this.tailLength += text.length;
    this.trimTail();
  }

  private trimTail(): void {
    while (this.tailLength - (this.tailChunks[0]?.length ?? 0) >= this.tailLimit) {
      const dropped = this.tailChunks.shift()!;
      this.tailLength -= dropped.length;
      this.cut += dropped.length;
    }
    if (this.tailLength > this.tailLimit * 2) {
      const joined = this.tailChunks.join('');
      const keep = joined.slice(joined.length - this.tailLimit);
      this.cut += joined.length - keep.length;
      this.tailChunks = [keep];
      this.tailLength = keep.length;
    }
  }

  /** Characters dropped between head and tail. */
  get cutChars(): number {
    return this.cut;
  }

  get length(): number {
    return this.head.length + this.tailLength + this.cut;
  }

  /**
   * The kept text. When something was cut, head and tail are cut back to
   * whole lines and joined by a note line, so the emulator never sees half
   * an escape sequence at the seam.
   */
  text(): string {
    const tail = this.tailChunks.join('');
    if (this.cut === 0) return this.head + tail;
    const headEnd = this.head.lastIndexOf('\n');
    const head = headEnd === -1 ? '' : this.head.slice(0, headEnd + 1);
    const tailStart = tail.indexOf('\n');
    const trimmedTail = tailStart === -1 ? '' : tail.slice(tailStart + 1);
    const cut = this.cut + (this.head.length - head.length) + (tail.length - trimmedTail.length);
    return `${head}\x1b[0m\r\n[learn: ${formatSize(cut)} of output cut here]\r\n${trimmedTail}`;
  }
}

export function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}
