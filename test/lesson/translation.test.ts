// Translations (front matter `original:`): loadLesson checks a translation
// step for step against its original, so that an original changed alone
// makes its translation fail to load. Real files in a temporary folder.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadLesson } from '../../src/lesson/load.js';
import { formatDiagnostic, originalLessonFile } from '../../src/lesson/types.js';

const ORIGINAL = `---
title: Pairs
requires: [ip]
timeout: 5s
---

# Pairs

Make one.

\`\`\`sh {#create}
ip link add a type veth peer name b
\`\`\`

## Look

\`\`\`sh {#show exit=1}
ip -br link
\`\`\`

\`\`\`sh
ip route
\`\`\`
`;

const TRANSLATION = `---
title: 成对的设备
original: ../pairs.md
requires: [ip]
timeout: 5s
---

# 成对的设备

创建一对。

\`\`\`sh {#create}
ip link add a type veth peer name b
\`\`\`

## 查看

\`\`\`sh {#show exit=1}
ip -br link
\`\`\`

\`\`\`sh {#look-1}
ip route
\`\`\`
`;

function project(original: string, translation: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-translation-'));
  mkdirSync(path.join(dir, 'lessons', 'zh'), { recursive: true });
  writeFileSync(path.join(dir, 'lessons', 'pairs.md'), original);
  writeFileSync(path.join(dir, 'lessons', 'zh', 'pairs.md'), translation);
  return path.join(dir, 'lessons', 'zh', 'pairs.md');
}

async function problems(original: string, translation: string): Promise<string[]> {
  const result = await loadLesson(project(original, translation));
  return result.ok ? [] : result.errors.map((e) => formatDiagnostic(e).replaceAll(path.dirname(path.dirname(path.dirname(e.file))) + '/', ''));
}

test('translation: a faithful translation loads, runs as its original and names its language', async () => {
  const file = project(ORIGINAL, TRANSLATION);
  const result = await loadLesson(file);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  assert.equal(result.lesson.meta.title, '成对的设备');
  assert.equal(result.lesson.translation?.lang, 'zh');
  assert.equal(path.resolve(originalLessonFile(result.lesson)), path.resolve(path.dirname(file), '..', 'pairs.md'));
  assert.deepEqual(result.lesson.steps.map((s) => s.name), ['create', 'show', 'look-1']);
});

test('translation: an original changed alone makes the translation fail, at the translation\'s line', async () => {
  const changed = ORIGINAL.replace('ip -br link', 'ip -br addr');
  assert.deepEqual(await problems(changed, TRANSLATION), [
    'lessons/zh/pairs.md:18: step 2 "show" differs from the original\'s step 2 (lessons/pairs.md:17): command 1 is "ip -br link", the original\'s "ip -br addr"',
  ]);
});

test('translation: an automatic name in the original must be written out in the translation', async () => {
  const found = await problems(ORIGINAL, TRANSLATION.replace('{#look-1}', ''));
  assert.equal(found.length, 1);
  assert.match(found[0]!, /:22: step 3 "section[^"]*" differs .*its name is "section[^"]*", the original's "look-1" \(an automatic name: give the step \{#look-1\} here\)/);
});

test('translation: attributes, settings, extra and missing steps are each reported', async () => {
  assert.match((await problems(ORIGINAL, TRANSLATION.replace('{#show exit=1}', '{#show}')))[0]!, /:18: step 2 "show" .*attributes differ: exit 0 here, 1 there/);
  assert.match((await problems(ORIGINAL, TRANSLATION.replace('timeout: 5s', 'timeout: 6s')))[0]!, /:3: front matter `timeout` is 6000 ms here but 5000 ms in the original/);
  assert.match((await problems(ORIGINAL.replace(/```sh\nip route\n```\n/, ''), TRANSLATION))[0]!, /step 3 "look-1" is not in the original .*which has 2 steps/);
  assert.match((await problems(ORIGINAL + '\n```sh {#more}\ntrue\n```\n', TRANSLATION))[0]!, /step 4 "more" of the original \(.*pairs\.md:\d+\) is missing here/);
});

test('translation: a missing or translated original is an error at the `original:` line', async () => {
  assert.deepEqual(await problems(ORIGINAL, TRANSLATION.replace('../pairs.md', '../nope.md')), [
    'lessons/zh/pairs.md:3: front matter `original`: lessons/nope.md: no such lesson file',
  ]);
  const chained = ORIGINAL.replace('title: Pairs', 'title: Pairs\noriginal: zh/pairs.md');
  assert.match((await problems(chained, TRANSLATION))[0]!, /:3: front matter `original`: .* is itself a translation/);
  assert.match((await problems(ORIGINAL, TRANSLATION.replace('../pairs.md', '/abs/pairs.md')))[0]!, /:3: front matter `original`: "\/abs\/pairs.md" must be the relative path/);
});
