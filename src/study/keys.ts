// Keys from the learner's terminal: raw mode on and off, bytes decoded into
// key names, and the two ways study mode listens: waiting for the next key
// at a prompt, or handing every key to a handler while a step runs. Raw
// mode means Ctrl-C arrives as a key, never as SIGINT. A third way hands
// the bytes on untouched, to the learner's own shell. Key names are a
// union (`Key`), so a prompt's table cannot name a key that does not exist.

/** Keys with a name: what a terminal sends for them is decoded by `decodeKeys`; `eof` is the end of input. */
export type NamedKey =
  | 'enter' | 'escape' | 'backspace' | 'tab' | 'up' | 'down' | 'right' | 'left' | 'home' | 'end'
  /** Another escape sequence with a final `~` (Delete, Page Up...), or one not known at all. */
  | 'special' | 'unknown'
  | 'eof';

/** A control character: `ctrl-c`, `ctrl-d`, `ctrl-u`, `ctrl-]` written `ctrl-}`... */
export type CtrlKey = `ctrl-${string}`;

type Lower = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm' | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';
type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type Punctuation = ' ' | '!' | '"' | '#' | '$' | '%' | '&' | "'" | '(' | ')' | '*' | '+' | ',' | '-' | '.' | '/' | ':' | ';' | '<' | '=' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '_' | '`' | '{' | '|' | '}' | '~';
/** A printable ASCII character typed. */
export type PrintableKey = Lower | Uppercase<Lower> | Digit | Punctuation;

declare const OTHER: unique symbol;
/** Any other character typed (é, 网): only `decodeKeys` makes one. */
export type OtherChar = string & { readonly [OTHER]: true };

/** A key the learner pressed. */
export type Key = NamedKey | CtrlKey | PrintableKey | OtherChar;
/** The keys study mode gives a meaning to; prompts' tables are keyed by these, so a misspelt key does not compile. */
export type BoundKey = NamedKey | CtrlKey | PrintableKey;

function isPrintable(char: string): char is PrintableKey {
  return /^[ -~]$/.test(char);
}

/** A character typed, as a key; the brand of OtherChar is given here only. */
function typedChar(char: string): PrintableKey | OtherChar {
  return isPrintable(char) ? char : (char as OtherChar);
}

/** Split a chunk of terminal input into keys. Escape sequences become one key each. */
export function decodeKeys(data: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data.charAt(i);
    if (c === '\r' || c === '\n') {
      keys.push('enter');
      if (c === '\r' && data[i + 1] === '\n') i++;
    } else if (c === '\x03') keys.push('ctrl-c');
    else if (c === '\x04') keys.push('ctrl-d');
    else if (c === '\x7f' || c === '\b') keys.push('backspace');
    else if (c === '\t') keys.push('tab');
    else if (c === '\x1b') {
      const match = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O[@-~])/.exec(data.slice(i));
      if (match) {
        keys.push(ESCAPE_KEYS[match[0].slice(-1)] ?? 'unknown');
        i += match[0].length - 1;
      } else keys.push('escape');
    } else if (c < ' ') keys.push(`ctrl-${String.fromCharCode(c.charCodeAt(0) + 96)}`);
    else {
      // A whole code point: a character outside the BMP is two UTF-16 units.
      const [char = c] = data.slice(i, i + 2);
      keys.push(typedChar(char));
      i += char.length - 1;
    }
  }
  return keys;
}

const ESCAPE_KEYS: Record<string, NamedKey> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', '~': 'special' };

/** The part of a TTY input stream study mode uses (process.stdin). */
export interface KeySource {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (data: string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  off(event: 'data', listener: (data: string) => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

export class KeyInput {
  private queue: Key[] = [];
  private waiter: ((key: Key) => void) | undefined;
  private handler: ((key: Key) => void) | undefined;
  private forwarder: ((data: string | undefined) => void) | undefined;
  /** What was typed while a prompt of the learner's own was opening (holdTypeahead). */
  private typeahead: string | undefined;
  private listening = false;
  private ended = false;
  private raw = false;

  constructor(private readonly source: KeySource) {}

  /** Raw mode on, listening. */
  start(): void {
    if (this.listening) return;
    this.listening = true;
    this.setRaw(true);
    this.source.setEncoding('utf8');
    this.source.on('data', this.onData);
    this.source.on('end', this.onEnd);
    this.source.resume();
  }

  /** Stop listening and give the terminal back in cooked mode (for a shell, or at the end). */
  stop(): void {
    if (!this.listening) return;
    this.listening = false;
    this.source.off('data', this.onData);
    this.source.off('end', this.onEnd);
    this.source.pause();
    this.setRaw(false);
  }

  get isRaw(): boolean {
    return this.raw;
  }

  /** The next key. Keys typed before the call are dropped unless `keepTyped`. */
  next(options: { keepTyped?: boolean } = {}): Promise<Key> {
    this.typeahead = undefined;
    if (!options.keepTyped) this.queue = [];
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve('eof');
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /** Every key goes to `handler` until the returned function is called. */
  capture(handler: (key: Key) => void): () => void {
    this.typeahead = undefined;
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = undefined;
    };
  }

  /**
   * Every byte typed goes to `listener` as it is, until the returned function
   * is called (a shell of the learner's own). `undefined` means the input ended.
   */
  forward(listener: (data: string | undefined) => void): () => void {
    this.forwarder = listener;
    const early = this.typeahead;
    this.typeahead = undefined;
    if (early) listener(early);
    return () => {
      if (this.forwarder === listener) this.forwarder = undefined;
    };
  }

  /**
   * A prompt of the learner's own is opening (a task's shell, which takes a
   * moment in a VM): what they type from now on is kept, as a terminal keeps
   * typeahead, and handed to the next forward(); next() or capture() end it.
   */
  holdTypeahead(): void {
    this.typeahead ??= '';
  }

  private readonly onData = (data: string): void => {
    if (this.forwarder) {
      this.forwarder(data);
      return;
    }
    if (this.typeahead !== undefined) {
      this.typeahead += data;
      return;
    }
    for (const key of decodeKeys(data)) this.deliver(key);
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    if (this.forwarder) this.forwarder(undefined);
    else this.deliver('eof');
  };

  private deliver(key: Key): void {
    if (this.handler) {
      this.handler(key);
      return;
    }
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(key);
    } else this.queue.push(key);
  }

  private setRaw(raw: boolean): void {
    if (!this.source.isTTY || !this.source.setRawMode) return;
    try {
      this.source.setRawMode(raw);
      this.raw = raw;
    } catch {
      /* the terminal is gone */
    }
  }
}
