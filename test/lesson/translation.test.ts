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
  assert.match((await problems(ORIGINAL.replace('timeout: 5s', 'timeout: 5s\nsandbox: vm'), TRANSLATION))[0]!, /:3: front matter `sandbox` is ns here but vm in the original/);
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

const TASK_ORIGINAL = `---
title: Task
---

# Task

\`\`\`sh {#made check retry=2s}
test -e /tmp/x
\`\`\`

<details><summary>Hint</summary>

Use touch.

</details>

<details><summary>Hint 2</summary>

In /tmp.

</details>

\`\`\`sh {#make solution=made}
touch /tmp/x
\`\`\`
`;

const TASK_TRANSLATION = `---
title: 任务
original: ../pairs.md
---

# 任务

\`\`\`sh {#made check retry=2s}
test -e /tmp/x
\`\`\`

<details><summary>提示</summary>

用 touch。

</details>

<details><summary>提示 2</summary>

在 /tmp 里。

</details>

\`\`\`sh {#make solution=made}
touch /tmp/x
\`\`\`
`;

test('translation: a task\'s check, retry, solution and number of hints must match the original', async () => {
  assert.deepEqual(await problems(TASK_ORIGINAL, TASK_TRANSLATION), []);
  assert.deepEqual(await problems(TASK_ORIGINAL, TASK_TRANSLATION.replace('{#made check retry=2s}', '{#made check retry=5s}')), [
    'lessons/zh/pairs.md:8: step 1 "made" differs from the original\'s step 1 (lessons/pairs.md:7): attributes differ: retry 5000 here, 2000 there',
  ]);
  assert.match((await problems(TASK_ORIGINAL, TASK_TRANSLATION.replace('{#made check retry=2s}', '{#made check}')))[0]!, /step 1 "made" .*attributes differ: retry undefined here, 2000 there/);
  const unchecked = await problems(TASK_ORIGINAL, TASK_TRANSLATION.replace('{#made check retry=2s}', '{#made}').replace(' solution=made', ''));
  assert.deepEqual(unchecked, [
    'lessons/zh/pairs.md:8: step 1 "made" differs from the original\'s step 1 (lessons/pairs.md:7): attributes differ: check false here, true there; retry undefined here, 2000 there; hints undefined here, 2 there',
    'lessons/zh/pairs.md:24: step 2 "make" differs from the original\'s step 2 (lessons/pairs.md:23): attributes differ: solution undefined here, made there',
  ]);
  // Two checks, each with a solution in both editions, but one step solves another task here.
  const more = (first: string): string => `\n\`\`\`sh {#other check}\nfalse\n\`\`\`\n\n\`\`\`sh {#step-b solution=${first}}\ntrue\n\`\`\`\n\n\`\`\`sh {#step-c solution=other}\ntrue\n\`\`\`\n`;
  assert.deepEqual(await problems(TASK_ORIGINAL + more('other'), TASK_TRANSLATION + more('made')), [
    'lessons/zh/pairs.md:32: step 4 "step-b" differs from the original\'s step 4 (lessons/pairs.md:31): attributes differ: solution made here, other there',
  ]);
  const oneHint = TASK_TRANSLATION.replace(/<details><summary>提示 2<\/summary>\n\n.*\n\n<\/details>\n\n/, '');
  assert.match((await problems(TASK_ORIGINAL, oneHint))[0]!, /step 1 "made" .*attributes differ: hints 1 here, 2 there/);
});
