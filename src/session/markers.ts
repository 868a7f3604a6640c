// Shell-integration markers: how the shell tells us where prompts, commands
// and exit statuses are: the per-run nonce, and a pure streaming scanner over
// the pty's text.
//
// Our rc file makes bash emit OSC 133-style sequences carrying bash's command
// number (the prompt escape \#: the number of the next command; it grows by
// one each time a command runs) and a per-run nonce:
//   ESC ] 133 ; D ; <status> ; <n> [; E] ; <nonce> BEL   back at the prompt; $? of what ran
//                                    (E: the shell's stdin or stderr had left the terminal)
//   ESC ] 133 ; A ; <n> ; <nonce> BEL   a prompt (PS1) starts
//   ESC ] 133 ; B ; <n> ; <nonce> BEL   PS1 ended: bash reads command <n>
//   ESC ] 133 ; P ; <n> ; <nonce> BEL   PS2 ended: bash reads the next line of the same command
//   ESC ] 133 ; C ; <n> ; <nonce> BEL   command <n> was accepted and runs (PS0)
// Anything else, including markers with a wrong nonce, is ordinary output.
// Which markers are the shell's real report and which are copies a command
// printed is decided in protocol.ts, from their order and numbers.

import { randomBytes } from '../random.js';

/** A fresh random nonce for the markers of one lesson run. */
export function newNonce(): string {
  return randomBytes(9).toString('base64url');
}

export type MarkerKind = 'A' | 'B' | 'P' | 'C' | 'D';

export interface MarkerEvent {
  type: 'marker';
  kind: MarkerKind;
  /** Bash's command number (\#) when the marker was printed. */
  number: number;
  /** D: the exit status. */
  status?: number;
  /** D: the shell's stdin or stderr was no longer the terminal (put back by the rc). */
  redirected?: boolean;
  /** The marker's own text, for when it turns out to be a copy printed by a command. */
  raw: string;
}

export type ScanEvent = { type: 'text'; text: string } | MarkerEvent;

const INTRO = '\x1b]133;';
const BEL = '\x07';
/** Longest marker we emit; a longer unterminated OSC is not ours. */
const MAX_MARKER = 64;

export class MarkerScanner {
  private pending = '';

  constructor(private readonly nonce: string) {}

  /** Feed a chunk; returns text and markers in stream order. */
  push(chunk: string): ScanEvent[] {
    const input = this.pending + chunk;
    this.pending = '';
    const events: ScanEvent[] = [];
    let textStart = 0;
    let at = input.indexOf('\x1b', 0);
    while (at !== -1) {
      const cut = partialIntroAt(input, at);
      if (cut === 'partial') {
        // The chunk ends inside what may be a marker: keep it for the next chunk.
        this.pending = input.slice(at);
        pushText(events, input.slice(textStart, at));
        return events;
      }
      if (cut === 'intro') {
        const end = input.indexOf(BEL, at + INTRO.length);
        if (end === -1 && input.length - at < MAX_MARKER) {
          this.pending = input.slice(at);
          pushText(events, input.slice(textStart, at));
          return events;
        }
        if (end !== -1 && end - at <= MAX_MARKER) {
          const marker = this.parse(input.slice(at + INTRO.length, end), input.slice(at, end + 1));
          if (marker) {
            pushText(events, input.slice(textStart, at));
            events.push(marker);
            textStart = end + 1;
            at = input.indexOf('\x1b', textStart);
            continue;
          }
        }
      }
      at = input.indexOf('\x1b', at + 1);
    }
    pushText(events, input.slice(textStart));
    return events;
  }

  /** Text held back at the end of the stream (an unfinished escape). */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }

  private parse(body: string, raw: string): MarkerEvent | undefined {
    const fields = body.split(';');
    if (fields.pop() !== this.nonce) return undefined;
    const [kind, ...values] = fields;
    if (kind === 'D') {
      const [status, number, flag] = values;
      if (!isCount(status) || !isCount(number)) return undefined;
      if (values.length === 2) return { type: 'marker', kind, number: Number(number), status: Number(status), raw };
      if (values.length === 3 && flag === 'E') return { type: 'marker', kind, number: Number(number), status: Number(status), redirected: true, raw };
      return undefined;
    }
    if ((kind === 'A' || kind === 'B' || kind === 'P' || kind === 'C') && values.length === 1 && isCount(values[0])) {
      return { type: 'marker', kind, number: Number(values[0]), raw };
    }
    return undefined;
  }
}

/** Digits only, as bash prints $? and \#. */
function isCount(text: string | undefined): text is string {
  return text !== undefined && /^\d{1,10}$/.test(text);
}

/** Is there a marker introducer at `at`: whole, cut by the chunk's end, or not at all? */
function partialIntroAt(input: string, at: number): 'intro' | 'partial' | 'none' {
  const available = input.length - at;
  if (available >= INTRO.length) return input.startsWith(INTRO, at) ? 'intro' : 'none';
  return INTRO.startsWith(input.slice(at)) ? 'partial' : 'none';
}

function pushText(events: ScanEvent[], text: string): void {
  if (text.length > 0) events.push({ type: 'text', text });
}
