// renderDiff: a unified diff of snapshot vs output, coloured only on request.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDiff } from '../../src/snapshot/match.js';

const expected = ['PING 10.1.0.2 (10.1.0.2) 56(84) bytes of data.', 'a', 'b', 'c', 'd', 'e', 'f', 'g', '2 received'].join('\n');
const actual = ['PING 10.1.0.2 (10.1.0.2) 56(84) bytes of data.', 'a', 'b', 'c', 'd', 'e', 'f', 'g', '1 received'].join('\n');

describe('renderDiff', () => {
  test('is empty for equal texts', () => {
    assert.equal(renderDiff('a\nb', 'a\nb', { color: true }), '');
  });

  test('shows a changed line with labels and three lines of context', () => {
    assert.equal(
      renderDiff(expected, actual, { color: false, expectedLabel: 'snapshot', actualLabel: 'this run' }),
      ['--- snapshot', '+++ this run', '@@ -6,4 +6,4 @@', ' e', ' f', ' g', '-2 received', '+1 received', ''].join('\n'),
    );
  });

  test('defaults the labels to expected and actual', () => {
    assert.match(renderDiff('a', 'b', { color: false }), /^--- expected\n\+\+\+ actual\n@@ -1 \+1 @@\n-a\n\+b\n$/);
  });

  test('shows added and removed lines, and never "No newline at end of file"', () => {
    const out = renderDiff('a\nb', 'a\nb\nc', { color: false });
    assert.equal(out, '--- expected\n+++ actual\n@@ -1,2 +1,3 @@\n a\n b\n+c\n');
    assert.doesNotMatch(out, /No newline/);
  });

  test('colours -, + and @@ lines only when asked', () => {
    const plain = renderDiff('a', 'b', { color: false });
    assert.doesNotMatch(plain, /\x1b\[/);
    const coloured = renderDiff('x\na', 'x\nb', { color: true });
    assert.ok(coloured.includes('\x1b[31m-a\x1b[0m'), 'red removed line');
    assert.ok(coloured.includes('\x1b[32m+b\x1b[0m'), 'green added line');
    assert.ok(coloured.includes('\x1b[36m@@ -1,2 +1,2 @@\x1b[0m'), 'cyan hunk header');
    assert.ok(coloured.includes('\n x\n'), 'context lines stay plain');
  });

  test('separates distant changes into hunks and honours context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[2] = 'changed 2';
    after[17] = 'changed 17';
    const out = renderDiff(before.join('\n'), after.join('\n'), { color: false, context: 1 });
    assert.deepEqual(out.split('\n').filter((l) => l.startsWith('@@')), ['@@ -2,3 +2,3 @@', '@@ -17,3 +17,3 @@']);
  });

  test('falls back to a whole replacement when the texts share nothing and are huge', () => {
    const a = Array.from({ length: 30000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 30000 }, (_, i) => `b${i}`).join('\n');
    const out = renderDiff(a, b, { color: false });
    const lines = out.split('\n');
    assert.equal(lines[2], '@@ -1,30000 +1,30000 @@');
    assert.equal(lines.filter((l) => l.startsWith('-a')).length, 30000);
    assert.equal(lines.filter((l) => l.startsWith('+b')).length, 30000);
  });
});
