// Automatic step names: slugs, section keys, ordinals, and their stability.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignStepNames, collisionSuffix, NameClaims, sectionKeys, slugify } from '../../src/lesson/names.js';
import { parseLesson } from '../../src/lesson/parse.js';

test('slugify', () => {
  assert.equal(slugify('Create a Bridge!'), 'create-a-bridge');
  assert.equal(slugify('  --Héllo,   wörld--  '), 'hello-world');
  assert.equal(slugify('Настройка'), '');
  assert.equal(slugify('x'.repeat(39) + ' yz'), 'x'.repeat(39));
  assert.equal(slugify('a'.repeat(50)).length, 40);
});

test('collisionSuffix counts b..z, then aa, ab', () => {
  assert.deepEqual([2, 3, 26, 27, 28, 53].map(collisionSuffix), ['b', 'c', 'z', 'aa', 'ab', 'ba']);
});

test('sectionKeys: intro first, every heading takes a unique key', () => {
  assert.deepEqual(sectionKeys(['Intro', 'Setup', 'setup', 'Setup B', '', '']), [
    'intro',
    'intro-b',
    'setup',
    'setup-b',
    'setup-b-b',
    'section',
    'section-b',
  ]);
});

test('assignStepNames: ordinals count only unnamed steps of the same section', () => {
  const names = assignStepNames(
    ['One', 'Two'],
    [
      { headingIndex: -1 },
      { headingIndex: 0 },
      { headingIndex: 0, explicitName: 'mine' },
      { headingIndex: 1 },
      { headingIndex: 0 },
    ],
  );
  assert.deepEqual(names, ['intro-1', 'one-1', 'mine', 'two-1', 'one-2']);
});

test('an automatic name never equals an explicit name', () => {
  const names = assignStepNames(['A'], [{ headingIndex: 0 }, { headingIndex: 0, explicitName: 'a-1' }, { headingIndex: 0, explicitName: 'a-1-b' }]);
  assert.deepEqual(names, ['a-1-c', 'a-1', 'a-1-b']);
});

function namesOf(source: string): string[] {
  const result = parseLesson(source, 'x.md');
  assert.ok(result.ok, JSON.stringify(result));
  return result.lesson.steps.map((step) => step.name);
}

test('adding or removing a step in another section keeps the other names', () => {
  const step = (text: string): string => `\`\`\`sh\n${text}\n\`\`\`\n\n`;
  const before = `# One\n\n${step('a')}${step('b')}# Two\n\n${step('c')}${step('d')}`;
  const added = `# One\n\n${step('a')}${step('new')}${step('b')}# Two\n\n${step('c')}${step('d')}`;
  const removed = `# One\n\n${step('b')}# Two\n\n${step('c')}${step('d')}`;
  assert.deepEqual(namesOf(before).slice(2), ['two-1', 'two-2']);
  assert.deepEqual(namesOf(added).slice(3), ['two-1', 'two-2']);
  assert.deepEqual(namesOf(removed).slice(1), ['two-1', 'two-2']);
});

test('naming is linear: 30 000 identical headings cost a few probes each, not one per earlier heading', () => {
  const count = 30_000;
  const headings = Array.from({ length: count }, () => 'Setup');
  const claims = { keys: new NameClaims(), explicit: new NameClaims(['setup-b-1']) };
  const names = assignStepNames(headings, headings.map((_, index) => ({ headingIndex: index })), claims);
  assert.equal(new Set(names).size, count);
  assert.equal(names[0], 'setup-1');
  assert.equal(names[1], 'setup-b-1-b');
  assert.equal(names[count - 1], `setup-${collisionSuffix(count)}-1`);
  // Quadratic naming made about count^2 / 2 = 450 million probes.
  assert.ok(claims.keys.probes <= 3 * count, `${claims.keys.probes} probes for ${count} headings`);
  assert.ok(claims.explicit.probes <= 3 * count, `${claims.explicit.probes} probes for ${count} steps`);
});

test('a large generated lesson with 30 000 identical headings parses, every step named', () => {
  const source = Array.from({ length: 30_000 }, () => '## Setup\n\n```sh\ntrue\n```\n').join('\n');
  const result = parseLesson(source, 'big.md');
  assert.ok(result.ok);
  assert.equal(result.lesson.steps.length, 30_000);
  assert.equal(result.lesson.steps[29_999]?.name, `setup-${collisionSuffix(30_000)}-1`);
});
