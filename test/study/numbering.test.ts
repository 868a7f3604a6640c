// The step numbers a learner sees and types: hidden steps are not counted;
// names, hidden steps' included, work as well.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLearnerStep, stepChoices, stepCountText, stepLabel, stepPosition, visibleSteps } from '../../src/study/numbering.js';

const lesson = { steps: [{ name: 'prep', hidden: true }, { name: 'before' }, { name: 'loop', hidden: true }, { name: 'after' }] };

test('visible steps are numbered from 1; a hidden one has no number', () => {
  assert.deepEqual(visibleSteps(lesson).map((s) => s.name), ['before', 'after']);
  assert.deepEqual(stepPosition(lesson, { name: 'before' }), { number: 1, total: 2 });
  assert.deepEqual(stepPosition(lesson, { name: 'after' }), { number: 2, total: 2 });
  assert.deepEqual(stepPosition(lesson, { name: 'loop' }), { number: undefined, total: 2, role: 'preparation' });
  assert.equal(stepLabel(lesson, { name: 'after' }), 'step 2/2 (after)');
  assert.equal(stepLabel(lesson, { name: 'prep' }), 'preparation step prep');
  assert.equal(stepCountText(lesson), '2 steps (and 2 hidden preparation steps)');
  assert.equal(stepCountText({ steps: [{ name: 'x' }] }), '1 step');
});

test('a number typed is a visible step\'s; a name is any step\'s', () => {
  assert.equal(findLearnerStep(lesson, '1'), 1);
  assert.equal(findLearnerStep(lesson, '2'), 3);
  assert.equal(findLearnerStep(lesson, '3'), undefined);
  assert.equal(findLearnerStep(lesson, '0'), undefined);
  assert.equal(findLearnerStep(lesson, 'loop'), 2);
  assert.equal(findLearnerStep(lesson, 'nowhere'), undefined);
  assert.equal(stepChoices(lesson), 'prep (hidden), 1:before, loop (hidden), 2:after');
});

test('a hidden step after the last step the learner sees is clean-up, not preparation', () => {
  const lesson = { steps: [{ name: 'prep', hidden: true }, { name: 'look' }, { name: 'stop-web', hidden: true }] };
  assert.equal(stepPosition(lesson, { name: 'prep' }).role, 'preparation');
  assert.equal(stepPosition(lesson, { name: 'look' }).role, undefined);
  assert.equal(stepPosition(lesson, { name: 'stop-web' }).role, 'clean-up');
  assert.equal(stepLabel(lesson, { name: 'stop-web' }), 'clean-up step stop-web');
});
