// Shell-integration markers: how the shell tells us where prompts, commands
// and exit statuses are: the per-run nonce, and a pure streaming scanner over
// the pty's text.
//
// Our rc file makes bash emit OSC 133-style sequences carrying a per-run
// nonce, so command output cannot fake them:
//   ESC ] 133 ; A ; <nonce> BEL   a prompt (PS1) starts
//   ESC ] 133 ; B ; <nonce> BEL   PS1 ended: bash reads a new command
//   ESC ] 133 ; P ; <nonce> BEL   PS2 ended: bash reads the next line of the same command
//   ESC ] 133 ; C ; <nonce> BEL   a command line was accepted and runs (PS0)
//   ESC ] 133 ; D ; <status> ; <nonce> BEL   back at the prompt; $? of what ran
// Anything else, including markers with a wrong nonce, is ordinary output.

import { randomBytes } from 'node:crypto';

/** A fresh random nonce for the markers of one lesson run. */
export function newNonce(): string {
  return randomBytes(9).toString('base64url');
}

export type MarkerKind = 'A' | 'B' | 'P' | 'C' | 'D';

export type ScanEvent =
  | { type: 'text'; text: string }
  | { type: 'marker'; kind: MarkerKind; status?: number };

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
          const marker = this.parse(input.slice(at + INTRO.length, end));
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

  private parse(body: string): ScanEvent | undefined {
    const fields = body.split(';');
    if (fields[fields.length - 1] !== this.nonce) return undefined;
    const kind = fields[0];
    if (kind === 'D' && fields.length === 3) {
      const status = Number(fields[1]);
      return Number.isInteger(status) ? { type: 'marker', kind, status } : undefined;
    }
    if ((kind === 'A' || kind === 'B' || kind === 'P' || kind === 'C') && fields.length === 2) {
      return { type: 'marker', kind };
    }
    return undefined;
  }
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
