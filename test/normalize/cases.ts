// Reads the normalizer's golden case files (test/fixtures/normalize/*.txt).
//
//   text before the first case is a comment
//
//   ### <name>            a normalization case: input, a line `>>>`, expected
//   <input lines>         output; `>>> same` means "expected = input"
//   >>>
//   <expected lines>
//
//   !!! <name>            a must-not-hide case: two inputs that must still
//   <input A>             differ after normalization
//   <<>>
//   <input B>
//
// Trailing blank lines of each part are dropped.
import { readFileSync } from 'node:fs';

export type NormalizeCase =
  | { kind: 'normalizes'; name: string; line: number; input: string; expected: string }
  | { kind: 'differs'; name: string; line: number; a: string; b: string };

export function loadCases(file: string): NormalizeCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases: NormalizeCase[] = [];
  let start = lines.findIndex(isCaseHeader);
  while (start >= 0 && start < lines.length) {
    const next = lines.findIndex((line, index) => index > start && isCaseHeader(line));
    const end = next < 0 ? lines.length : next;
    cases.push(parseCase(file, lines.slice(start, end), start + 1));
    start = next;
  }
  return cases;
}

function isCaseHeader(line: string): boolean {
  return line.startsWith('### ') || line.startsWith('!!! ');
}

function parseCase(file: string, block: string[], line: number): NormalizeCase {
  const header = block[0] ?? '';
  const name = header.slice(4).trim();
  const body = block.slice(1);
  const where = `${file}:${line}`;
  if (header.startsWith('### ')) {
    const split = body.findIndex((l) => l === '>>>' || l === '>>> same');
    if (split < 0) throw new Error(`${where}: case "${name}" has no >>> line`);
    const input = joinTrimmed(body.slice(0, split));
    const expected = body[split] === '>>> same' ? input : joinTrimmed(body.slice(split + 1));
    if (body[split] === '>>> same' && joinTrimmed(body.slice(split + 1)) !== '') {
      throw new Error(`${where}: case "${name}": nothing may follow ">>> same"`);
    }
    return { kind: 'normalizes', name, line, input, expected };
  }
  const split = body.indexOf('<<>>');
  if (split < 0) throw new Error(`${where}: case "${name}" has no <<>> line`);
  return { kind: 'differs', name, line, a: joinTrimmed(body.slice(0, split)), b: joinTrimmed(body.slice(split + 1)) };
}

function joinTrimmed(lines: string[]): string {
  const kept = [...lines];
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}
