import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkerScanner, type ScanEvent } from '../../src/session/markers.js';

const NONCE = 'n0nce';
const mark = (body: string, nonce = NONCE): string => `\x1b]133;${body};${nonce}\x07`;

function scanAll(chunks: string[]): ScanEvent[] {
  const scanner = new MarkerScanner(NONCE);
  const events = chunks.flatMap((c) => scanner.push(c));
  const rest = scanner.flush();
  if (rest) events.push({ type: 'text', text: rest });
  // Merge adjacent text so that chunking does not change the comparison.
  const merged: ScanEvent[] = [];
  for (const e of events) {
    const last = merged[merged.length - 1];
    if (e.type === 'text' && last?.type === 'text') last.text += e.text;
    else merged.push({ ...e });
  }
  return merged;
}

const STREAM = `${mark('A;1')}$ ${mark('B;1')}echo hi\r\n${mark('C;1')}hi\r\n${mark('D;0;2')}${mark('A;2')}$ ${mark('B;2')}`;
const EXPECTED: ScanEvent[] = [
  { type: 'marker', kind: 'A', number: 1, raw: mark('A;1') },
  { type: 'text', text: '$ ' },
  { type: 'marker', kind: 'B', number: 1, raw: mark('B;1') },
  { type: 'text', text: 'echo hi\r\n' },
  { type: 'marker', kind: 'C', number: 1, raw: mark('C;1') },
  { type: 'text', text: 'hi\r\n' },
  { type: 'marker', kind: 'D', number: 2, status: 0, raw: mark('D;0;2') },
  { type: 'marker', kind: 'A', number: 2, raw: mark('A;2') },
  { type: 'text', text: '$ ' },
  { type: 'marker', kind: 'B', number: 2, raw: mark('B;2') },
];

test('finds markers in one chunk', () => {
  assert.deepEqual(scanAll([STREAM]), EXPECTED);
});

test('finds markers split at every possible position', () => {
  for (let cut = 1; cut < STREAM.length; cut++) {
    assert.deepEqual(scanAll([STREAM.slice(0, cut), STREAM.slice(cut)]), EXPECTED, `cut at ${cut}`);
  }
});

test('finds markers fed one character at a time', () => {
  assert.deepEqual(scanAll([...STREAM]), EXPECTED);
});

test('a marker with another nonce is output, not a marker', () => {
  const fake = mark('D;0;1', 'wrong');
  assert.deepEqual(scanAll([`x${fake}y`]), [{ type: 'text', text: `x${fake}y` }]);
});

test('exit statuses, command numbers and the redirection flag are parsed', () => {
  assert.deepEqual(scanAll([mark('D;130;7')]), [{ type: 'marker', kind: 'D', number: 7, status: 130, raw: mark('D;130;7') }]);
  assert.deepEqual(scanAll([mark('D;0;7;E')]), [{ type: 'marker', kind: 'D', number: 7, status: 0, redirected: true, raw: mark('D;0;7;E') }]);
});

test('a marker whose fields are not numbers (prompt expansion off) is text', () => {
  for (const body of ['D;$?;2;${__learn_tty}', 'D;0;2;X', 'D;0', 'A', 'A;x', 'B;1;2', 'C;-1', 'Q;1']) {
    const text = body.startsWith('D;$?') ? `\x1b]133;${body}${NONCE}\x07` : mark(body);
    assert.deepEqual(scanAll([text]), [{ type: 'text', text }], body);
  }
});

test('other escape sequences pass through untouched', () => {
  const text = '\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]133;A\x07';
  assert.deepEqual(scanAll([text]), [{ type: 'text', text }]);
});

test('an unterminated introducer longer than a marker is given back as text', () => {
  const text = `\x1b]133;${'x'.repeat(200)}`;
  assert.deepEqual(scanAll([text]), [{ type: 'text', text }]);
});
