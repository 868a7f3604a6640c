// Wildcard matching: the golden cases in test/fixtures/snapshot/match.txt,
// properties that --update relies on, and the greedy path for big outputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture } from '../helpers/paths.js';
import { hasWildcards, literalPattern, matchOutput } from '../../src/snapshot/match.js';
import { align, MAX_CELLS } from '../../src/snapshot/align.js';
import { randomBody, seededRandom } from './random.js';

interface MatchCase {
  name: string;
  line: number;
  expected: string;
  actual: string;
  pass: boolean;
  adjusted: string;
}

function loadMatchCases(file: string): MatchCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases: MatchCase[] = [];
  for (let start = 0; start < lines.length; start++) {
    if (!lines[start]?.startsWith('### ')) continue;
    let end = start + 1;
    while (end < lines.length && !lines[end]?.startsWith('### ')) end++;
    const block = lines.slice(start + 1, end);
    const actualAt = block.indexOf('~~~ actual');
    const verdictAt = block.findIndex((l) => l === '~~~ pass' || l === '~~~ fail');
    if (actualAt < 0 || verdictAt < actualAt) throw new Error(`${file}:${start + 1}: malformed case`);
    cases.push({
      name: (lines[start] ?? '').slice(4),
      line: start + 1,
      expected: trimJoin(block.slice(0, actualAt)),
      actual: trimJoin(block.slice(actualAt + 1, verdictAt)),
      pass: block[verdictAt] === '~~~ pass',
      adjusted: trimJoin(block.slice(verdictAt + 1)),
    });
    start = end - 1;
  }
  return cases;
}

function trimJoin(lines: string[]): string {
  const kept = [...lines];
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

describe('matchOutput golden cases', () => {
  for (const c of loadMatchCases(fixture('snapshot', 'match.txt'))) {
    test(`${c.name} (line ${c.line})`, () => {
      const result = matchOutput(c.expected, c.actual);
      assert.equal(result.pass, c.pass, 'pass');
      assert.equal(result.adjusted, c.adjusted, 'adjusted');
    });
  }
});

describe('matchOutput properties', () => {
  const random = seededRandom(4789);
  const pairs = Array.from({ length: 400 }, () => [randomBody(random), randomBody(random)] as const);

  test('a pass means adjusted is exactly the expected text', () => {
    for (const [expected, actual] of pairs) {
      const result = matchOutput(expected, actual);
      if (result.pass) assert.equal(result.adjusted, expected, JSON.stringify({ expected, actual }));
    }
  });

  test('adjusted, stored as the new snapshot, matches the same output (what --update relies on)', () => {
    for (const [expected, actual] of pairs) {
      const { adjusted } = matchOutput(expected, actual);
      assert.equal(matchOutput(adjusted, actual).pass, true, JSON.stringify({ expected, actual, adjusted }));
    }
  });

  test('any text without escapes matches itself', () => {
    for (const [expected] of pairs) {
      if (expected.includes('\\')) continue;
      assert.equal(matchOutput(expected, expected).pass, true, JSON.stringify(expected));
    }
  });

  test('any output matches its recording, and the recording matches nothing else', () => {
    for (const [a, b] of pairs) {
      assert.equal(matchOutput(literalPattern(a), a).pass, true, JSON.stringify(a));
      if (a !== b) assert.equal(matchOutput(literalPattern(a), b).pass, false, JSON.stringify({ a, b }));
    }
  });

  test('without wildcards, pass is plain equality and adjusted is the actual text', () => {
    const result = matchOutput('a\nb', 'a\nb ');
    assert.deepEqual(result, { pass: false, adjusted: 'a\nb ' });
    assert.equal(hasWildcards('a\nb'), false);
    assert.equal(hasWildcards('a\n...'), true);
    assert.equal(hasWildcards('x [..] y'), true);
    assert.equal(hasWildcards('x .... y\n....'), false);
  });
});

describe('big outputs (greedy alignment past MAX_CELLS)', () => {
  test('the greedy walk agrees with the DP on the golden cases that pass', () => {
    for (const c of loadMatchCases(fixture('snapshot', 'match.txt'))) {
      if (!c.pass) continue;
      const greedy = align(c.expected.split('\n'), c.actual.split('\n'), 0);
      assert.equal(greedy.pass, true, c.name);
      assert.equal(greedy.lines.join('\n'), c.expected, c.name);
    }
  });

  test('the greedy walk fails every golden case the DP fails', () => {
    for (const c of loadMatchCases(fixture('snapshot', 'match.txt'))) {
      if (c.pass) continue;
      assert.equal(align(c.expected.split('\n'), c.actual.split('\n'), 0).pass, false, c.name);
    }
  });

  const size = 3000;
  const replies = Array.from({ length: size }, (_, i) => `64 bytes from 10.1.0.2: icmp_seq=${i + 1} ttl=64 time=[LATENCY]`);
  const header = 'PING 10.1.0.2 (10.1.0.2) 56(84) bytes of data.';

  test(`${size} lines against ${size} patterns with wildcards`, () => {
    const expected = replies.map((line, i) => (i % 2 === 0 ? line.replace('10.1.0.2', '[..]') : line));
    // every line differs from its neighbour, so no head or tail trimming shrinks the problem
    const shuffled = [...expected.slice(1), expected[0] as string];
    assert.ok((size + 1) * (size + 1) > MAX_CELLS);
    const result = matchOutput(['...', ...shuffled].join('\n'), replies.join('\n'));
    assert.equal(result.pass, false);
    assert.equal(matchOutput(['...', ...expected].join('\n'), [header, ...replies].join('\n')).pass, true);
  });

  test('past MAX_CELLS, ... still absorbs and a changed line still shows', () => {
    const changed = [...replies];
    changed[size - 2] = 'From 10.1.0.1 icmp_seq=2999 Destination Host Unreachable';
    const expected = ['PING [..]', '...', ...replies.slice(size / 4)];
    const actual = [header, ...changed];
    // head trimming takes PING, tail trimming the last reply: the rest is too big for the DP
    assert.ok((expected.length - 2) * (actual.length - 2) > MAX_CELLS);
    const result = matchOutput(expected.join('\n'), actual.join('\n'));
    assert.equal(result.pass, false);
    const adjusted = result.adjusted.split('\n');
    assert.deepEqual(adjusted.slice(0, 2), ['PING [..]', '...']);
    assert.ok(adjusted.includes('From 10.1.0.1 icmp_seq=2999 Destination Host Unreachable'));
    assert.equal(matchOutput(expected.join('\n'), [header, ...replies].join('\n')).pass, true);
  });
});

describe('literal wildcards in recorded output', () => {
  test('a recorded literal `...` line does not hide lines inserted after it later', () => {
    const recorded = literalPattern('header\n...\nfooter');
    assert.equal(recorded, 'header\n\\...\nfooter');
    assert.equal(matchOutput(recorded, 'header\n...\nfooter').pass, true);
    assert.equal(matchOutput(recorded, 'header\n...\ninserted\nfooter').pass, false);
  });

  test('a recorded literal `[..]` matches only itself', () => {
    const recorded = literalPattern('range [..] end');
    assert.equal(recorded, 'range \\[..] end');
    assert.equal(matchOutput(recorded, 'range [..] end').pass, true);
    assert.equal(matchOutput(recorded, 'range 1-9 end').pass, false);
  });

  test('backslashes before an escaped wildcard survive the round trip', () => {
    for (const output of ['\\...', '\\\\...', 'a\\[..]b', '[..][..]', '\\[..]\\']) {
      assert.equal(matchOutput(literalPattern(output), output).pass, true, output);
      assert.equal(matchOutput(literalPattern(output), output + 'x').pass, false, output);
    }
  });

  test('a differing output is adjusted with its literal wildcards escaped, so --update stores them literal', () => {
    const { pass, adjusted } = matchOutput('a\n...\nz', 'b\n...\n[..]');
    assert.equal(pass, false);
    assert.equal(matchOutput(adjusted, 'b\n...\n[..]').pass, true);
    assert.equal(matchOutput(adjusted, 'b\n...\nx').pass, false);
    assert.equal(matchOutput('plain', '...').adjusted, '\\...');
  });

  test('hand-written wildcards still work next to escaped ones', () => {
    assert.equal(matchOutput('\\[..] [..]\n...', '[..] anything\nmore\nlines').pass, true);
    assert.equal(matchOutput('\\[..] [..]', 'x anything').pass, false);
  });
});
