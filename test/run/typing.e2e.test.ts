// End to end: what bash runs is exactly the lesson's line, or the lesson is
// refused before anything runs (exit 2, file:line). The lessons are written
// here: control characters do not belong in committed fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLearn } from '../helpers/cli.js';

function lessonFile(body: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-typing-'));
  const file = path.join(dir, 'typing.md');
  writeFileSync(file, `# Typing\n\n\`\`\`sh {#typed nosnapshot}\n${body}\n\`\`\`\n`);
  return file;
}

const run = (file: string) => runLearn(['test', file, '--snapshots', path.join(path.dirname(file), 'snapshots')]);

/** A line of exactly `bytes` bytes that fails unless bash received all of it. */
function checkedLine(bytes: number, filler: string): string {
  const head = 'test "$(printf %s \'';
  const make = (count: number, data: string): string => `${head}${data}' | wc -c)" = ${count}`;
  let data = '';
  while (Buffer.byteLength(make(Buffer.byteLength(data + filler), data + filler)) <= bytes) data += filler;
  while (Buffer.byteLength(make(Buffer.byteLength(data), data)) < bytes) data += 'x';
  const line = make(Buffer.byteLength(data), data);
  assert.equal(Buffer.byteLength(line), bytes);
  return line;
}

test('a line of 4095 bytes, the most a terminal line holds, reaches bash whole (ASCII and UTF-8)', async () => {
  for (const filler of ['x', 'é', '€']) {
    const r = await run(lessonFile(checkedLine(4095, filler)));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✓ typed/);
  }
});

test('a 100 kB line is refused with its file and line, and nothing runs', async () => {
  const file = lessonFile(`echo start\necho ${'x'.repeat(100_000)} | wc -c`);
  const r = await run(file);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, new RegExp(`${path.basename(file)}:5: command line is 100013 bytes long; a terminal line holds at most 4095 bytes`));
  assert.doesNotMatch(r.stdout, /start/);
});

test('a line of 4096 bytes is refused: the terminal would cut its last byte', async () => {
  const r = await run(lessonFile(checkedLine(4096, 'x')));
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, /typing\.md:4: command line is 4096 bytes long/);
});

test('^U, ^D and ^C in a command are refused, not acted on by the terminal', async () => {
  for (const [char, name] of [['\x15', '\\^U'], ['\x04', '\\^D'], ['\x03', '\\^C'], ['\x17', '\\^W']] as const) {
    const r = await run(lessonFile(`echo first ${char} echo second`));
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, new RegExp(`typing\\.md:4: control character U\\+00[0-9A-F]{2} \\(${name}: `));
  }
});

test('a tab is typed as a tab (no completion without line editing)', async () => {
  const r = await run(lessonFile("test \"$(printf '%s' 'a\tb' | od -An -tx1 | tr -d ' ')\" = 610962"));
  assert.equal(r.code, 0, r.stdout + r.stderr);
});
