// What a step keeps of its output: a function of the output alone (never of
// how the pty cut it into chunks), long lines cut with a visible marker, and
// every cut said.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Capture, DEFAULT_LINE_CHARS } from '../../src/session/capture.js';
import { renderScreen } from '../../src/render/screen.js';

/** Deterministic pseudo-random chunk sizes, as a pty under load might deliver. */
function chunked(text: string, seed: number, max: number): string[] {
  const chunks: string[] = [];
  let state = seed;
  for (let at = 0; at < text.length;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % max);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

function capture(chunks: string[]): Capture {
  const c = new Capture();
  for (const chunk of chunks) c.append(chunk);
  return c;
}

const seq = (n: number): string => Array.from({ length: n }, (_, i) => `${i + 1}\r\n`).join('');

test('a flood keeps the same text however the output was chunked', () => {
  const output = `$ seq 200000\r\n${seq(200_000)}`;
  const reference = capture([output]);
  for (const [seed, max] of [[1, 4096], [2, 4096], [3, 100], [4, 9000], [5, 70_000]] as const) {
    const other = capture(chunked(output, seed, max));
    assert.equal(other.text(), reference.text(), `seed ${seed}, chunks up to ${max}`);
    assert.equal(other.cutChars, reference.cutChars);
  }
  assert.match(reference.text(), /^\$ seq 200000\r\n1\r\n2\r\n/);
  assert.match(reference.text(), /\[learn: [\d.]+ MB of output cut here\]\r\n/);
  assert.match(reference.text(), /199999\r\n200000\r\n$/);
});

test('output under the limits is kept whole, with nothing cut', () => {
  const output = `$ seq 1000\r\n${seq(1000)}`;
  const c = capture(chunked(output, 7, 50));
  assert.equal(c.text(), output);
  assert.equal(c.cutChars, 0);
});

test('a single line of 100 kB keeps its start and says how much of it was cut', async () => {
  const line = Array.from({ length: 100_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
  const output = `$ long\r\n${line}\r\n$ `;
  const c = capture(chunked(output, 9, 4096));
  const text = c.text();
  assert.ok(text.includes(line.slice(0, DEFAULT_LINE_CHARS)), 'the kept part of the line is there');
  assert.ok(!text.includes(line.slice(0, DEFAULT_LINE_CHARS + 1)), 'and no more of it');
  assert.equal(c.cutChars, 100_000 - DEFAULT_LINE_CHARS);
  const screen = await renderScreen(text);
  assert.equal(screen, `$ long\n${line.slice(0, DEFAULT_LINE_CHARS)}[learn: ${((100_000 - DEFAULT_LINE_CHARS) / 1024).toFixed(1)} KB of this line cut]\n$`);
});

test('a change in the kept part of a long line changes the text; the same line gives the same text', () => {
  const line = 'x'.repeat(70_000);
  const changed = `${line.slice(0, 100)}y${line.slice(101)}`;
  const a = capture([`${line}\r\n`]).text();
  assert.equal(capture(chunked(`${line}\r\n`, 3, 1000)).text(), a);
  assert.notEqual(capture([`${changed}\r\n`]).text(), a);
});

test('a long line that never ends is cut and said too', () => {
  const c = capture(chunked('z'.repeat(50_000), 4, 3000));
  assert.match(c.text(), /^z{8192}\x18\x1b\[0m\[learn: 40\.8 KB of this line cut\]$/);
  assert.equal(c.cutChars, 50_000 - DEFAULT_LINE_CHARS);
});

test('a cut never splits a character made of two UTF-16 units', () => {
  const c = capture([`${'a'.repeat(DEFAULT_LINE_CHARS - 1)}😀😀😀\r\n`]);
  const kept = c.text().split('\x18')[0]!;
  assert.equal(kept, 'a'.repeat(DEFAULT_LINE_CHARS - 1));
});

test('many short lines are kept to a bounded number of rows, head and tail', () => {
  const output = 'y\r\n'.repeat(500_000);
  const c = capture(chunked(output, 11, 4096));
  const rows = c.text().split('\n').length;
  assert.ok(rows < 19_000, `${rows} rows`);
  assert.equal(c.text(), capture([output]).text());
});

test('a long line inside a flood is cut in the head and in the tail alike', () => {
  const long = 'L'.repeat(30_000);
  const output = `${long}\r\n${seq(50_000)}${long}\r\nend\r\n`;
  const text = capture(chunked(output, 5, 4096)).text();
  assert.equal(text.split('of this line cut]').length, 3);
  assert.match(text, /of output cut here\]/);
  assert.match(text, /end\r\n$/);
});
