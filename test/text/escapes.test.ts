// The one escape stripper: every kind of sequence a shell or a program
// prints goes, and the text around it (carriage returns included) stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripEscapes } from '../../src/text/escapes.js';
import { lastLines } from '../../src/text/lines.js';
import { formatMs, formatSize } from '../../src/text/format.js';

test('stripEscapes removes CSI, OSC, charset designations and two-byte escapes', () => {
  assert.equal(stripEscapes('\x1b[1mbold\x1b[22m'), 'bold');
  assert.equal(stripEscapes('\x1b[38:2::255:0:0mred\x1b[m'), 'red');
  assert.equal(stripEscapes('\x1b[?2004hprompt\x1b[>c'), 'prompt');
  assert.equal(stripEscapes('\x1b]0;title\x07a\x1b]8;;http://192.0.2.1/\x1b\\b'), 'ab');
  assert.equal(stripEscapes('\x1b(B\x1b[mplain\x1b=\x1b>\x1bM'), 'plain');
});

test('stripEscapes keeps text, carriage returns and tabs', () => {
  assert.equal(stripEscapes('a\tb\r\nc\r'), 'a\tb\r\nc\r');
  assert.equal(stripEscapes('[not an escape]'), '[not an escape]');
});

test('lastLines keeps the tail and marks what it left out', () => {
  assert.equal(lastLines('1\n2\n3\n4', 2), '...\n3\n4');
  assert.equal(lastLines('1\n2', 2), '1\n2');
});

test('formatMs and formatSize', () => {
  assert.equal(formatMs(12.4), '12 ms');
  assert.equal(formatMs(1234), '1.23 s');
  assert.equal(formatMs(12_345), '12.3 s');
  assert.equal(formatSize(10), '10 B');
  assert.equal(formatSize(2048), '2.0 KB');
  assert.equal(formatSize(3 * 1024 * 1024), '3.0 MB');
});
