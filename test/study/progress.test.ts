// The progress file: where it lives, what it remembers, and a corrupt file
// reported and set aside (never a crash, never silently lost).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { describeProgress, progressAfter, progressPath, readProgress, saveProgress } from '../../src/study/progress.js';

const lesson = { steps: [{ name: 'a' }, { name: 't', check: {} }, { name: 'b' }, { name: 'c' }] };

test('the state directory: XDG_STATE_HOME, else ~/.local/state', () => {
  assert.equal(progressPath({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' }), '/x/state/learn/progress.json');
  assert.equal(progressPath({ HOME: '/home/u' }), '/home/u/.local/state/learn/progress.json');
  assert.equal(progressPath({ XDG_STATE_HOME: 'relative', HOME: '/home/u' }), '/home/u/.local/state/learn/progress.json');
});

test('quitting halfway remembers the first step not done and the tasks solved; finishing says done', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'learn-progress-')), 'learn', 'progress.json');
  const quit = progressAfter(lesson, [
    { step: lesson.steps[0]!, outcome: { kind: 'passed' } },
    { step: lesson.steps[1]!, outcome: { kind: 'passed' } },
  ], true, undefined);
  assert.deepEqual({ ...quit, updated: '' }, { step: 'b', number: 3, total: 4, done: false, solved: ['t'], tasks: 1, updated: '' });
  assert.equal(await saveProgress('lessons/x.md', quit, file), undefined);
  const read = await readProgress(file);
  assert.equal(describeProgress(read.lessons[path.resolve('lessons/x.md')], 1), 'at step 3/4 (b), 1/1 task solved');
  const done = progressAfter(lesson, [], false, read.lessons[path.resolve('lessons/x.md')]);
  assert.equal(describeProgress(done, 1), 'done, 1/1 task solved');
  assert.equal(describeProgress(undefined, 2), 'not started, 2 tasks');
  // No temporary file is left beside it.
  assert.deepEqual(readdirSync(path.dirname(file)), ['progress.json']);
});

test('a corrupt progress file is reported and moved aside, and a new one is written', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-progress-'));
  const file = path.join(dir, 'progress.json');
  writeFileSync(file, '{"version": 1, "lessons": {"x": {"step": 3}}');
  const read = await readProgress(file);
  assert.deepEqual(read.lessons, {});
  assert.match(read.warning ?? '', /progress file .*progress\.json is corrupt \(not JSON: .*\); moved it to .*progress\.json\.corrupt-/);
  assert.equal(existsSync(file), false);
  const aside = readdirSync(dir).find((f) => f.startsWith('progress.json.corrupt-'));
  assert.ok(aside);
  assert.equal(readFileSync(path.join(dir, aside), 'utf8'), '{"version": 1, "lessons": {"x": {"step": 3}}');
  writeFileSync(file, '{"version": 1, "lessons": {"x": {"step": 3}}}');
  assert.match((await readProgress(file)).warning ?? '', /bad entry for x/);
});

test('numbers are the learner\'s: hidden steps are not counted, the place is a step they see, and an older file reads right', () => {
  const withHidden = { steps: [{ name: 'prep', hidden: true }, { name: 'a' }, { name: 'prep2', hidden: true }, { name: 'b' }, { name: 'c' }] };
  const [prep, a] = withHidden.steps;
  assert.ok(prep && a);
  // Quit after step a: prep2 (hidden) is the first not run, but the place is b, step 2 of 3; prep2 is replayed with the steps before it.
  const quit = progressAfter(withHidden, [{ step: prep, outcome: { kind: 'passed' } }, { step: a, outcome: { kind: 'passed' } }], true, undefined);
  assert.deepEqual([quit.step, quit.number, quit.total], ['b', 2, 3]);
  assert.equal(describeProgress(quit, 0, withHidden), 'at step 2/3 (b)');
  // A file written when every step was counted said 4/5 for b: by its name, it reads 2/3 now.
  const older = { ...quit, number: 4, total: 5 };
  assert.equal(describeProgress(older, 0, withHidden), 'at step 2/3 (b)');
  // A step the lesson no longer has: the stored numbers, as they were.
  assert.equal(describeProgress({ ...older, step: 'gone' }, 0, withHidden), 'at step 4/5 (gone)');
});
