// The snapshot file format: a real example, strict errors with line numbers,
// and round trips (file -> text -> file, and text -> file -> text).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture } from '../helpers/paths.js';
import { parseSnapshotFile, serializeSnapshotFile, type SnapshotFile } from '../../src/snapshot/format.js';
import { randomBody, randomName, seededRandom } from './random.js';

function parseOk(text: string): SnapshotFile {
  const result = parseSnapshotFile(text, 'x.snap');
  if (!result.ok) assert.fail(`unexpected error at line ${result.error.line}: ${result.error.message}`);
  return result.file;
}

describe('parseSnapshotFile', () => {
  test('reads a real example', () => {
    const text = readFileSync(fixture('snapshot', 'bridge.snap'), 'utf8');
    assert.deepEqual(parseOk(text).entries, [
      {
        name: 'make-bridge',
        body: '$ ip link add br01 type bridge\n$ ip -br link show br01\nbr01             DOWN           [MAC] <BROADCAST,MULTICAST>',
      },
      { name: 'empty-step', body: '' },
      {
        name: 'heredoc',
        body: "$ cat <<'END'\n> \\=== not a header\n> \\\\ a backslash line\n> END\n=== not a header\n\\ a backslash line\n\ttab and trailing blank lines follow\n",
      },
      {
        name: 'ping',
        body: '$ ip netns exec ns01 ping -c 1 10.1.0.2\nPING 10.1.0.2 (10.1.0.2) 56(84) bytes of data.\n64 bytes from 10.1.0.2: icmp_seq=1 ttl=64 time=[LATENCY]\n...\nrtt min/avg/max/mdev = [..] ms',
      },
    ]);
    assert.equal(serializeSnapshotFile(parseOk(text)), text, 'the example is in canonical form');
  });

  test('a file with no entries is the header line alone', () => {
    assert.deepEqual(parseOk('# learn snapshot v1\n'), { entries: [] });
    assert.equal(serializeSnapshotFile({ entries: [] }), '# learn snapshot v1\n');
  });

  test('tolerates a missing final newline', () => {
    assert.deepEqual(parseOk('# learn snapshot v1\n\n=== a\nx'), { entries: [{ name: 'a', body: 'x' }] });
  });

  const errors: Array<[string, string, number, RegExp]> = [
    ['empty file', '', 1, /expected the header line "# learn snapshot v1"/],
    ['wrong header', '# snapshots\n', 1, /expected the header line/],
    ['future version', '# learn snapshot v2\n\n=== a\nx\n', 1, /unsupported snapshot format version 2/],
    ['CRLF line endings', '# learn snapshot v1\r\n\r\n=== a\r\nx\r\n', 1, /CRLF/],
    ['text before the first entry', '# learn snapshot v1\n\nhello\n\n=== a\n', 3, /unexpected text before the first entry/],
    ['no blank line after the header', '# learn snapshot v1\n=== a\nx\n', 2, /expected a blank line before the entry header/],
    ['no blank line between entries', '# learn snapshot v1\n\n=== a\nx\n=== b\ny\n', 5, /expected a blank line before the entry header/],
    ['duplicate entry', '# learn snapshot v1\n\n=== a\nx\n\n=== b\ny\n\n=== a\nz\n', 9, /duplicate entry "a" \(first at line 3\)/],
    ['unescaped === line', '# learn snapshot v1\n\n=== a\n====\n', 4, /must be an entry header/],
    ['=== with no space', '# learn snapshot v1\n\n===a\n', 3, /must be an entry header/],
    ['empty step name', '# learn snapshot v1\n\n=== \n', 3, /invalid step name ""/],
    ['step name with trailing space', '# learn snapshot v1\n\n=== a \n', 3, /invalid step name "a "/],
    ['stray backslash', '# learn snapshot v1\n\n=== a\n\\n\n', 4, /escapes only "===" or "\\"/],
    ['lone backslash', '# learn snapshot v1\n\n=== a\nx\n\\\n', 5, /escapes only/],
    ['blank line and nothing else', '# learn snapshot v1\n\n', 2, /blank line without an entry/],
  ];
  for (const [what, text, line, message] of errors) {
    test(`reports ${what} at line ${line}`, () => {
      const result = parseSnapshotFile(text, 'snapshots/x.snap');
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.path, 'snapshots/x.snap');
      assert.equal(result.error.line, line);
      assert.match(result.error.message, message);
    });
  }
});

describe('serializeSnapshotFile', () => {
  test('writes the documented layout', () => {
    const text = serializeSnapshotFile({
      entries: [
        { name: 'one', body: 'a\n=== b\n\\c' },
        { name: 'two', body: '' },
        { name: 'three', body: 'x\n\n' },
      ],
    });
    assert.equal(text, '# learn snapshot v1\n\n=== one\na\n\\=== b\n\\\\c\n\n=== two\n\n=== three\nx\n\n\n');
  });

  test('rejects names that cannot be headers, and duplicates', () => {
    assert.throws(() => serializeSnapshotFile({ entries: [{ name: '', body: '' }] }), /invalid snapshot entry name/);
    assert.throws(() => serializeSnapshotFile({ entries: [{ name: ' a', body: '' }] }), /invalid snapshot entry name/);
    assert.throws(() => serializeSnapshotFile({ entries: [{ name: 'a\nb', body: '' }] }), /invalid snapshot entry name/);
    assert.throws(
      () => serializeSnapshotFile({ entries: [{ name: 'a', body: '' }, { name: 'a', body: '' }] }),
      /duplicate snapshot entry/,
    );
  });
});

describe('round trips', () => {
  const awkward = [
    '',
    '\n',
    '\n\n',
    'x\n',
    '===',
    '=== step',
    '====',
    '\\',
    '\\\\',
    '\\===',
    '# learn snapshot v1',
    '...',
    '[..] [MAC]',
    'tab\there\t',
    'trailing spaces   ',
    'unicode: → ✓ 日本語 😀',
    'a\r\nb',
    '\n=== x\n\n=== y\n',
  ];
  for (const body of awkward) {
    test(`body ${JSON.stringify(body)} alone, first and last`, () => {
      const file: SnapshotFile = {
        entries: [
          { name: 'first', body },
          { name: 'middle', body: 'm' },
          { name: 'last', body },
        ],
      };
      const text = serializeSnapshotFile(file);
      assert.deepEqual(parseOk(text), file);
      assert.equal(serializeSnapshotFile(parseOk(text)), text);
    });
  }

  test('500 random files survive file -> text -> file -> text', () => {
    const random = seededRandom(20261126);
    for (let round = 0; round < 500; round++) {
      const count = Math.floor(random() * 6);
      const names = new Set<string>();
      while (names.size < count) names.add(randomName(random));
      const file: SnapshotFile = { entries: [...names].map((name) => ({ name, body: randomBody(random) })) };
      const text = serializeSnapshotFile(file);
      assert.deepEqual(parseOk(text), file, `round ${round}`);
      assert.equal(serializeSnapshotFile(parseOk(text)), text, `round ${round}`);
    }
  });
});
