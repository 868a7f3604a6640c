// Words into lines: a greedy wrap to a width where a line never starts with
// a space, a word wider than a line cut to fit, and each line painted with
// its marks (neighbouring pieces with the same marks share one escape).
import { chop, displayWidth } from '../../text/width.js';
import { splitAtBreaks } from '../cjk-breaks.js';
import type { Piece, Word } from './inline.js';
import { MIN_PROSE_WIDTH, PLAIN_STYLE, type Mark, type ProseStyle } from './style.js';

function wordWidth(word: Piece[]): number {
  return word.reduce((sum, piece) => sum + displayWidth(piece.text), 0);
}

/** A word wider than a line is cut into line-sized words. */
function splitLongWord(word: Piece[], width: number): Piece[][] {
  const plain = word.map((p) => p.text).join('');
  if (displayWidth(plain) <= width) return [word];
  const out: Piece[] = [];
  for (const piece of word) {
    for (const chunk of chop(piece.text, width)) out.push({ text: chunk, marks: piece.marks });
  }
  // Re-pack chunks so that each line is as full as it can be.
  const packed: Piece[][] = [];
  let current: Piece[] = [];
  let used = 0;
  for (const piece of out) {
    const w = displayWidth(piece.text);
    if (used + w > width && current.length > 0) {
      packed.push(current);
      current = [];
      used = 0;
    }
    current.push(piece);
    used += w;
  }
  if (current.length > 0) packed.push(current);
  return packed;
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** Greedy wrap; a line never starts with a space. Returns styled lines. */
export function wrapWords(words: readonly Word[], width: number, style: ProseStyle): string[] {
  let line: Piece[][] = [];
  const lines = [line];
  let used = 0;
  for (const word of words) {
    if (word === 'break') {
      lines.push((line = []));
      used = 0;
      continue;
    }
    for (const part of splitLongWord(word, width)) {
      const w = wordWidth(part);
      const gap = line.length > 0 && !part[0]?.glue ? 1 : 0;
      if (line.length > 0 && used + gap + w > width) {
        lines.push((line = [part]));
        used = w;
      } else {
        used += gap + w;
        line.push(part);
      }
    }
  }
  return lines.map((line) => paintLine(line, style));
}

function paintLine(words: Piece[][], style: ProseStyle): string {
  const runs: Piece[] = [];
  const push = (piece: Piece): void => {
    const last = runs[runs.length - 1];
    if (last && sameMarks(last.marks, piece.marks)) last.text += piece.text;
    else runs.push({ text: piece.text, marks: [...piece.marks] });
  };
  // The last piece of the word before: the space between two words takes its marks when the next word has them too.
  let previous: Piece | undefined;
  for (const word of words) {
    const [first] = word;
    if (previous && first && !first.glue) push({ text: ' ', marks: sameMarks(previous.marks, first.marks) ? previous.marks : [] });
    word.forEach(push);
    previous = word[word.length - 1] ?? previous;
  }
  return runs.map((run) => (run.marks.length > 0 ? style.inline(run.text, run.marks) : run.text)).join('');
}

/** The words on one line, however long (table cells). */
export function oneLine(words: readonly Word[], style: ProseStyle): string {
  return wrapWords(words.filter((w) => w !== 'break'), Number.MAX_SAFE_INTEGER, style)[0] ?? '';
}

/** Plain text wrapped to `width`, at white space and where CJK text may break. */
export function wrapPlain(text: string, width: number): string[] {
  const words: Word[] = text.split(/\s+/).filter(Boolean).flatMap((w) =>
    splitAtBreaks('', w).map((chunk, i): Piece[] => [i > 0 ? { text: chunk.text, marks: [], glue: true } : { text: chunk.text, marks: [] }]),
  );
  return wrapWords(words, Math.max(MIN_PROSE_WIDTH / 2, width), PLAIN_STYLE);
}
