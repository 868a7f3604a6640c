// Tasks in the lesson format: a check, its hints and its solution steps, as
// the parser ties them together, and every mistake reported at its line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLesson } from '../../src/lesson/parse.js';
import { unstoppedCommands } from '../../src/lesson/tasks.js';
import type { Lesson } from '../../src/lesson/types.js';

function lessonOf(source: string): Lesson {
  const result = parseLesson(source, 'lesson.md');
  assert.ok(result.ok, JSON.stringify(result));
  return result.lesson;
}

function errorsOf(source: string): string[] {
  const result = parseLesson(source, 'lesson.md');
  assert.ok(!result.ok, 'expected errors');
  return result.errors.map((e) => `${e.line}: ${e.message}`);
}

const TASK = [
  '# T', // 1
  '',
  'Make the file.',
  '',
  '```sh {#made check retry=2s}', // 5
  'test -e /tmp/x',
  '```',
  '',
  '<details><summary>Hint</summary>', // 9
  '',
  'Use `touch`.',
  '',
  '</details>',
  '',
  '<details><summary>Hint 2</summary>', // 15
  '',
  'In /tmp.',
  '',
  '</details>',
  '',
  '<details><summary>Solution</summary>',
  '',
  '```sh {solution=made}', // 23
  'touch /tmp/x',
  '```',
  '',
  '</details>',
  '',
  'After.',
  '',
].join('\n');

test('a check gets its hints in order and its solution steps', () => {
  const lesson = lessonOf(TASK);
  const [check, solution] = lesson.steps;
  assert.equal(lesson.steps.length, 2);
  assert.equal(check?.name, 'made');
  assert.equal(check?.check?.retryMs, 2000);
  assert.deepEqual(check?.check?.hints.map((h) => h.line), [9, 15]);
  assert.match(check!.check!.hints[0]!.tokens.map((t) => t.content).join(''), /Use `touch`\./);
  assert.deepEqual(check?.check?.solutionSteps, [1]);
  assert.equal(solution?.solution, 'made');
  assert.equal(solution?.line, 23);
});

test('hints and the solution wrapper are not in the prose; the text around them is', () => {
  const lesson = lessonOf(TASK);
  const prose = lesson.parts.flatMap((p) => (p.kind === 'prose' ? p.tokens.map((t) => t.content) : [])).join('\n');
  assert.doesNotMatch(prose, /Use `touch`|In \/tmp|<details>|<\/details>/);
  assert.match(prose, /Make the file\./);
  assert.match(prose, /After\./);
});

test('before any check, <details> blocks stay prose and a step inside one stays a step (contract lessons unchanged)', () => {
  const lesson = lessonOf('<details><summary>Hint</summary>\n\n```sh\necho hi\n```\n\n</details>\n');
  assert.equal(lesson.steps.length, 1);
  assert.equal(lesson.steps[0]?.check, undefined);
  const html = lesson.parts.flatMap((p) => (p.kind === 'prose' ? p.tokens : [])).filter((t) => t.type === 'html_block');
  assert.equal(html.length, 2);
});

test('task mistakes are errors at their lines', () => {
  assert.deepEqual(errorsOf('```sh {check}\ntrue\n```\n'), [
    "1: a check needs a `#name` (the task's name, which its solution refers to)",
  ]);
  assert.deepEqual(errorsOf('```sh {#a check}\ntrue\n```\n\n```sh {solution=b}\ntrue\n```\n').slice(-2), [
    '1: check "a" has no solution: mark the step that solves it with {solution=a}',
    '5: solution=b: no check named "b" in this lesson',
  ]);
  assert.deepEqual(errorsOf('```sh {solution=a}\ntrue\n```\n\n```sh {#a check}\ntrue\n```\n'), [
    '1: solution of task "a" comes before its check; put it after the check',
    '5: check "a" has no solution: mark the step that solves it with {solution=a}',
  ]);
  assert.deepEqual(errorsOf('```sh {retry=1s}\ntrue\n```\n'), ['1: step attribute `retry` needs `check`']);
  assert.deepEqual(errorsOf('```sh {#a check exit=1 term=x}\ntrue\n```\n```sh {solution=a}\ntrue\n```\n'), [
    '1: a check cannot have `exit`',
    '1: a check cannot have `term`',
  ]);
  assert.deepEqual(errorsOf('```console {#a check}\n$ true\n```\n```sh {solution=a}\ntrue\n```\n'), [
    '1: a check is a script: write it in an `sh` fence, not `console`',
  ]);
  const [retry] = errorsOf('```sh {#a check retry=soon}\ntrue\n```\n```sh {solution=a}\ntrue\n```\n');
  assert.match(retry ?? '', /^1: step attribute `retry`: bad duration "soon"/);
  assert.deepEqual(errorsOf('```sh {#a check}\ntrue\n```\n\n<details><summary>Hint</summary>\n\n```sh\nls\n```\n\nno end\n'), [
    '1: check "a" has no solution: mark the step that solves it with {solution=a}',
    '5: hint is not closed: `</details>` on a line of its own (after a blank line) ends it',
    '7: a hint cannot hold a step: show commands as `code` or in a `text` fence',
  ]);
});

test('a Chinese edition\'s hints (提示) and solution wrapper (答案) are recognised like Hint and Solution', () => {
  const zh = TASK.replace('<summary>Hint</summary>', '<summary>提示</summary>')
    .replace('<summary>Hint 2</summary>', '<summary>提示 2</summary>')
    .replace('<summary>Solution</summary>', '<summary>答案</summary>');
  const lesson = lessonOf(zh);
  assert.deepEqual(lesson.steps[0]?.check?.hints.map((h) => h.line), [9, 15]);
  assert.deepEqual(lesson.steps[0]?.check?.solutionSteps, [1]);
  const prose = lesson.parts.flatMap((p) => (p.kind === 'prose' ? p.tokens.map((t) => t.content) : [])).join('\n');
  assert.doesNotMatch(prose, /Use `touch`|<details>|<\/details>/);
});

test('a summary that only contains 提示 later is not a hint', () => {
  const lesson = lessonOf(TASK.replace('<summary>Hint 2</summary>', '<summary>更多提示</summary>'));
  assert.deepEqual(lesson.steps[0]?.check?.hints.map((h) => h.line), [9]);
});

test('a command errexit would not stop at, before a check\'s last, is an error at its line', () => {
  const check = (body: string): string[] => {
    const result = parseLesson(`\`\`\`sh {#a check}\n${body}\n\`\`\`\n\`\`\`sh {solution=a}\ntrue\n\`\`\`\n`, 'lesson.md');
    return result.ok ? [] : result.errors.map((e) => `${e.line}: ${e.message}`);
  };
  assert.deepEqual(check('! test -e /x\ntest -e /y'), [
    '2: check "a": a failing `! command` before the last command does not fail the check, as bash\'s errexit does not stop there; make it the last command, or give each condition a line of its own',
  ]);
  assert.deepEqual(check('test -e /x && test -e /z\ntest -e /y'), [
    '2: check "a": an `a && b` or `a || b` list before the last command does not fail the check when its first part fails, as bash\'s errexit does not stop there; make it the last command, or give each condition a line of its own',
  ]);
  // As the last command, continued over lines, quoted, tested, or a condition: nothing to say.
  assert.deepEqual(check('test -e /y\n! test -e /x'), []);
  assert.deepEqual(check('! test -e /x &&\n  ! test -e /z &&\n  test -e /y'), []);
  assert.deepEqual(check('grep -q "a && b" /f\n[[ -e /x && -e /y ]]\nx=$(a || b)\nif a && b; then :; fi\ntrue'), []);
  assert.deepEqual(unstoppedCommands('! a &&\n  ! b\nc'), [{ offset: 0, kind: 'negation' }]);
  assert.deepEqual(unstoppedCommands('x |\n! b\nc'), []);
  assert.deepEqual(unstoppedCommands('! a\n\n# done\n'), []);
  assert.deepEqual(unstoppedCommands('if x; then\n  ! b\nfi'), [{ offset: 1, kind: 'negation' }]);
});
