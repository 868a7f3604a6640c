// The shell's prompt protocol as a state machine: of the markers the scanner
// finds, which are the shell's own report, which are copies a command printed
// (`echo "${PS1@P}"`, a background job), and when the sequence is broken.
// Pure: markers in, verdicts out.
//
// One command, as bash reports it (n is bash's command number, \#):
//   B(n)  [the typed line]  C(n)  [output]  D(status, n+1) A(n+1) $ B(n+1)
// A line that runs nothing (blank, comment, syntax error, ^C at a prompt):
//   B(n)  [the typed line]  D(status, n) A(n) $ B(n)
// A continuation line: B(n) [line] P(n) [line] ... C(n) ...
// A copy printed while command n runs carries n (the number the prompt had
// when it was printed), a background job's copy a smaller one: a marker the
// sequence does not expect is a copy when its number is behind the shell's,
// and a break of the protocol otherwise.
import type { MarkerEvent } from './markers.js';

export type Verdict =
  /** The shell's own marker: act on it. */
  | { kind: 'real'; /** D: a command ran (C came first). */ ran?: boolean }
  /** Printed by a command: ordinary output. */
  | { kind: 'copy' }
  /** The shell no longer reports status the way it must. */
  | { kind: 'broken'; reason: string };

type State = 'start' | 'reported' | 'prompting' | 'reading' | 'running';

export const REDIRECTED = 'it redirected the terminal (the shell\'s own standard input or error, as `exec 2>/dev/null` does)';

export class PromptSequence {
  private state: State = 'start';
  /** The command number of the current state (see the comment above). */
  private number = 0;

  accept(marker: MarkerEvent): Verdict {
    const { kind, number } = marker;
    switch (this.state) {
      case 'start':
        // Before the first prompt nothing of the lesson has run.
        return kind === 'D' ? this.reported(marker, false) : { kind: 'copy' };
      case 'reported':
        if (kind === 'A' && number === this.number) return this.move('prompting');
        break;
      case 'prompting':
        if (kind === 'B' && number === this.number) return this.move('reading');
        break;
      case 'reading':
        if (number === this.number) {
          if (kind === 'C') return this.move('running');
          if (kind === 'P') return this.move('reading');
          if (kind === 'D') return this.reported(marker, false);
        }
        break;
      case 'running':
        if (kind === 'D' && number === this.number + 1) return this.reported(marker, true);
        if (number <= this.number) return { kind: 'copy' };
        if ((kind === 'A' || kind === 'B') && number === this.number + 1) {
          return { kind: 'broken', reason: 'its prompt came back without the command\'s status (it changed PS1 or turned prompt expansion off?)' };
        }
        break;
    }
    if (number < this.number) return { kind: 'copy' };
    return { kind: 'broken', reason: `its prompt markers came out of order (${kind} ${number} where the shell was ${describe(this.state, this.number)})` };
  }

  /** At a prompt (primary or continuation), waiting for a typed line. */
  get reading(): boolean {
    return this.state === 'reading';
  }

  private reported(marker: MarkerEvent, ran: boolean): Verdict {
    this.state = 'reported';
    this.number = marker.number;
    if (marker.redirected) return { kind: 'broken', reason: REDIRECTED };
    return { kind: 'real', ran };
  }

  private move(state: State): Verdict {
    this.state = state;
    return { kind: 'real' };
  }
}

function describe(state: State, number: number): string {
  switch (state) {
    case 'start':
      return 'starting';
    case 'reported':
    case 'prompting':
      return `showing prompt ${number}`;
    case 'reading':
      return `reading command ${number}`;
    case 'running':
      return `running command ${number}`;
  }
}
