// Reading lesson files: a good file parses; a missing, unreadable or binary
// one is a diagnostic at line 0.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadLesson } from '../../src/lesson/load.js';
import { formatDiagnostic, type ParseResult } from '../../src/lesson/types.js';
import { fixture } from '../helpers/paths.js';

let scratch = '';
before(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'learn-lesson-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function errorsOf(result: ParseResult): string[] {
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}

test('loads and parses a lesson file', async () => {
  const file = fixture('lessons-parse', 'front-matter-all-keys.md');
  const result = await loadLesson(file);
  assert.ok(result.ok);
  assert.equal(result.lesson.file, file);
  assert.equal(result.lesson.meta.title, 'Linux bridge');
});

test('a missing file', async () => {
  const file = path.join(scratch, 'nope.md');
  assert.deepEqual(errorsOf(await loadLesson(file)), [`${file}:0: no such lesson file`]);
});

test('a directory', async () => {
  assert.deepEqual(errorsOf(await loadLesson(scratch)), [`${scratch}:0: not a lesson file: it is a directory`]);
});

test('bytes that are not UTF-8', async () => {
  const file = path.join(scratch, 'latin1.md');
  await writeFile(file, Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
  assert.deepEqual(errorsOf(await loadLesson(file)), [`${file}:0: lesson file is not valid UTF-8 text`]);
});

test('CRLF line ends and a byte-order mark keep line numbers', async () => {
  const file = path.join(scratch, 'crlf.md');
  await writeFile(file, '\uFEFF---\r\ntitle: T\r\n---\r\n# H\r\n\r\n```sh\r\necho hi\r\n```\r\n');
  const result = await loadLesson(file);
  assert.ok(result.ok, JSON.stringify(result));
  const [step] = result.lesson.steps;
  assert.deepEqual(step?.commands, [{ line: 7, text: 'echo hi' }]);
  assert.equal(step?.body, 'echo hi\n');
  assert.equal(result.lesson.meta.title, 'T');
});

test('a lesson path that is a FIFO is refused at once, not read (which would block forever)', { timeout: 60_000 }, async () => {
  const fifo = path.join(scratch, 'pipe.md');
  execFileSync('mkfifo', [fifo]);
  assert.deepEqual(errorsOf(await loadLesson(fifo)), [`${fifo}:0: not a lesson file: it is a named pipe (FIFO), not a regular file`]);
});

test('a lesson path that is a device is refused', async () => {
  assert.deepEqual(errorsOf(await loadLesson('/dev/zero')), ['/dev/zero:0: not a lesson file: it is a device, not a regular file']);
});
