// The repository's curriculum: every lesson in lessons/ has a Chinese edition
// in lessons/zh/ that names it as its original and loads, which means its
// steps match the original's (lesson/translation.ts). An original changed
// without its translation fails here, and `learn test lessons` fails on it too.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadLesson } from '../../src/lesson/load.js';
import { formatDiagnostic } from '../../src/lesson/types.js';
import { projectRoot } from '../helpers/paths.js';

const lessons = path.join(projectRoot, 'lessons');
const originals = readdirSync(lessons).filter((f) => f.endsWith('.md') && f !== 'README.md');

test('curriculum: there are lessons to check', () => {
  assert.ok(originals.length >= 12, `only ${originals.length} lessons in lessons/`);
});

for (const name of originals) {
  test(`curriculum: lessons/zh/${name} translates lessons/${name} step for step`, async () => {
    const file = path.join(lessons, 'zh', name);
    assert.ok(existsSync(file), `lessons/${name} has no Chinese edition lessons/zh/${name}`);
    const result = await loadLesson(file);
    assert.ok(result.ok, result.ok ? '' : result.errors.map(formatDiagnostic).join('\n'));
    assert.equal(result.lesson.translation?.lang, 'zh');
    assert.equal(path.resolve(result.lesson.translation!.original), path.join(lessons, name));
  });
}

test('curriculum: every Chinese edition has its original', () => {
  const zh = readdirSync(path.join(lessons, 'zh')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  assert.deepEqual(zh.filter((f) => !originals.includes(f)), []);
});
