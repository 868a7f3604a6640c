// The normalizer runs on every step, and a flood step can print a megabyte.
// These tests push ~1 MB of mixed real output and of inputs built to provoke
// regex backtracking through the chain in one pass; a super-linear rule would
// make them hang rather than fail, so no timing is asserted.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { BUILTIN_RULES, normalize } from '../../src/normalize/index.js';
import { loadCases } from './cases.js';

const MEGABYTE = 1 << 20;

function repeatUntil(size: number, block: string): { text: string; copies: number } {
  const copies = Math.ceil(size / (block.length + 1));
  return { text: Array.from({ length: copies }, () => block).join('\n'), copies };
}

describe('normalizing about 1 MB', () => {
  test('mixed real output normalizes in one pass, the same as piece by piece', () => {
    const cases = loadCases(path.join(fixture('normalize'), 'real-output.txt')).filter((c) => c.kind === 'normalizes');
    const input = cases.map((c) => c.input).join('\n');
    const expected = cases.map((c) => c.expected).join('\n');
    const big = repeatUntil(MEGABYTE, input);
    assert.ok(big.text.length >= MEGABYTE);
    const out = normalize(big.text, BUILTIN_RULES);
    assert.equal(out, Array.from({ length: big.copies }, () => expected).join('\n'));
  });

  const hostile: Array<[string, string]> = [
    ['one long line of hex and colons', 'ab:'.repeat(MEGABYTE / 3)],
    ['one long line of dotted digits', '1.'.repeat(MEGABYTE / 2)],
    ['one long line of digits', '7'.repeat(MEGABYTE)],
    ['one long line of spaces', ' '.repeat(MEGABYTE)],
    ['many short lines of colons and digits', '1:2:3:4:5\n'.repeat(MEGABYTE / 10)],
    ['brackets and job-like lines', '[1] [2] [3]\n'.repeat(MEGABYTE / 12)],
    ['near-miss tcpdump lines', 'Flags [S], seq seq seq ack win TS val ecr cksum 0x\n'.repeat(MEGABYTE / 52)],
    ['near-miss timers and lifetimes', 'timer:(a,b expires 1a2b3c valid_lft 1 gc_timer  \n'.repeat(MEGABYTE / 50)],
    ['a flood ping line of dots', '. '.repeat(MEGABYTE / 2)],
    ['near-miss DNS answers', ': [udp sum ok] [x] [y] 1 1/1/'.repeat(MEGABYTE / 30)],
  ];
  for (const [what, text] of hostile) {
    test(`${what} passes through`, () => {
      const out = normalize(text, BUILTIN_RULES);
      assert.equal(typeof out, 'string');
      assert.ok(out.length > 0);
    });
  }
});
