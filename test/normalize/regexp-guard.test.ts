// Lesson-supplied regular expressions run in a worker with a deadline: a
// catastrophic one is stopped and reported, ordinary ones give the results
// JavaScript's own engine gives, lookarounds and backreferences included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GuardedMatcher, guardedReplace, guardedTest, PatternTimeoutError } from '../../src/normalize/regexp-guard.js';

const EVIL_TEXT = 'a'.repeat(48) + 'b';

test('a catastrophic pattern is stopped at its deadline and the next one still runs', () => {
  assert.throws(() => guardedTest(/^(a+)+$/m, EVIL_TEXT, 300), PatternTimeoutError);
  assert.throws(() => guardedReplace(/^(a+)+$/gm, EVIL_TEXT, 'x', 300), (error: Error) =>
    error instanceof PatternTimeoutError && /\/\^\(a\+\)\+\$\/ took longer than 0\.3 s/.test(error.message));
  assert.equal(guardedTest(/listening on/m, 'tcpdump: listening on br0'), true);
});

test('results equal the engine\'s own, with lookarounds, backreferences, flags and $1', () => {
  const cases: Array<[RegExp, string, string]> = [
    [/\b8000\.(?!0{12})[0-9a-f]{12}\b/gm, '8000.0a1b2c3d4e5f 8000.000000000000', '8000.[MAC]'],
    [/\b\d{2}\/[A-Z][a-z]{2}\/\d{4}(?= \[TIME\])/gm, '[26/Nov/2026 [TIME]] "GET /"', '[DATE]'],
    [/^(tcp +6 )\d+ /gm, 'tcp      6 431999 ESTABLISHED', '$1[TIMEOUT] '],
    [/(?<=id )(\d+) \1/gm, 'id 7 7, id 7 8', 'same'],
    [/^TOKEN: \w+$/gim, 'token: abc\nTOKEN: def', 'TOKEN: [T]'],
  ];
  for (const [pattern, text, replacement] of cases) {
    assert.equal(guardedReplace(pattern, text, replacement), text.replace(pattern, replacement), String(pattern));
    assert.equal(guardedTest(pattern, text), new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(text));
  }
});

test('a ready= matcher that ran out of time matches nothing from then on and says why, without throwing', () => {
  const matcher = new GuardedMatcher(/^(a|aa)+c$/m);
  assert.equal(matcher.test('a'.repeat(64)), false);
  assert.ok(matcher.problem instanceof PatternTimeoutError);
  assert.equal(matcher.test('c'), false);
  assert.equal(new GuardedMatcher(/^listening on/m).test('x\nlistening on eth0'), true);
});
