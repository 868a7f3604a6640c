// Golden fixtures: every test/fixtures/lessons-parse/NAME.md is parsed and
// compared with NAME.expected.json. UPDATE_GOLDEN=1 rewrites the expected files.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseLesson } from '../../src/lesson/parse.js';
import { fixture } from '../helpers/paths.js';
import { goldenJson } from './golden-json.js';

const directory = fixture('lessons-parse');
const updating = process.env['UPDATE_GOLDEN'] === '1';
const files = readdirSync(directory).sort();
const lessons = files.filter((file) => file.endsWith('.md'));

for (const lesson of lessons) {
  const name = lesson.slice(0, -'.md'.length);
  test(`golden: ${name}`, () => {
    const source = readFileSync(path.join(directory, lesson), 'utf8');
    const actual = `${JSON.stringify(goldenJson(parseLesson(source, lesson)), null, 2)}\n`;
    const expectedFile = path.join(directory, `${name}.expected.json`);
    if (updating) writeFileSync(expectedFile, actual);
    assert.ok(existsSync(expectedFile), `${name}.expected.json is missing (write it with UPDATE_GOLDEN=1, then review it)`);
    assert.deepEqual(JSON.parse(actual), JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
}

test('golden: every expected file has its lesson', () => {
  const orphans = files
    .filter((file) => file.endsWith('.expected.json'))
    .filter((file) => !lessons.includes(file.replace(/\.expected\.json$/, '.md')));
  assert.deepEqual(orphans, []);
});

test('golden: the fixture set is not empty', () => {
  assert.ok(lessons.length > 10);
});
