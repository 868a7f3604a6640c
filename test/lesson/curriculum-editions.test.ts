// The repository's curriculum: every lesson in lessons/ has a Chinese edition
// in lessons/zh/ that names it as its original and loads, which means its
// steps match the original's (lesson/translation.ts). An original changed
// without its translation fails here, and `learn test lessons` fails on it too.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

// Hands-on study: every lesson asks the learner to do things, checked. The
// translation test above makes the Chinese editions follow (same tasks, same
// hints); the prose marker is checked in both.
const PREDICT = { en: '**Predict, then run:**', zh: '**先预测，再运行：**' };
for (const name of originals) {
  for (const edition of ['en', 'zh'] as const) {
    const file = edition === 'en' ? path.join(lessons, name) : path.join(lessons, 'zh', name);
    test(`curriculum: ${path.relative(projectRoot, file)} has two checked tasks with hints and solutions, and a predict-then-run moment`, async () => {
      const result = await loadLesson(file);
      assert.ok(result.ok, result.ok ? '' : result.errors.map(formatDiagnostic).join('\n'));
      const tasks = result.lesson.steps.filter((step) => step.check);
      assert.ok(tasks.length >= 2, `${tasks.length} task(s)`);
      for (const task of tasks) {
        assert.ok((task.check?.hints.length ?? 0) >= 1, `task "${task.name}" has no hint`);
        assert.ok((task.check?.solutionSteps.length ?? 0) >= 1, `task "${task.name}" has no solution`);
      }
      assert.ok(readFileSync(file, 'utf8').includes(PREDICT[edition]), `no ${PREDICT[edition]} paragraph`);
    });
  }
}
