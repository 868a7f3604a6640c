import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from '../src/random.js';

test('randomBytes gives the count asked for, and no two draws alike', () => {
  assert.equal(randomBytes(0).length, 0);
  assert.equal(randomBytes(9).length, 9);
  const draws = new Set(Array.from({ length: 1000 }, () => randomBytes(9).toString('hex')));
  assert.equal(draws.size, 1000);
  // 4096 bytes from a working source hold every byte value with near certainty.
  assert.ok(new Set(randomBytes(4096)).size > 200);
});
