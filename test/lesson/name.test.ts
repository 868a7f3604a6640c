// A lesson's short name is computed once, by the parser: its file's name
// without the extension; a translation takes its original's name, as it
// runs as its original (folder, snapshots, the learner's shell prompt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLesson } from '../../src/lesson/load.js';
import { parseLesson } from '../../src/lesson/parse.js';

const LESSON = '# Pairs\n\n```sh {#show}\nip link\n```\n';

test('the name is the file name without its extension', () => {
  const parsed = parseLesson(LESSON, 'course/lessons/veth-pairs.md');
  assert.ok(parsed.ok);
  assert.equal(parsed.lesson.name, 'veth-pairs');
  const other = parseLesson(LESSON, 'notes/bridge.markdown');
  assert.ok(other.ok);
  assert.equal(other.lesson.name, 'bridge');
});

test("a translation's name is its original's", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-name-'));
  try {
    mkdirSync(path.join(dir, 'zh'));
    writeFileSync(path.join(dir, 'pairs.md'), LESSON);
    writeFileSync(path.join(dir, 'zh', 'chengdui.md'), `---\noriginal: ../pairs.md\n---\n${LESSON.replace('Pairs', '成对')}`);
    const loaded = await loadLesson(path.join(dir, 'zh', 'chengdui.md'));
    assert.ok(loaded.ok, loaded.ok ? '' : JSON.stringify(loaded.errors));
    assert.equal(loaded.lesson.name, 'pairs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
