// The snapshot verdict as a value: what each check becomes, and which
// outcomes stop the lesson (a missing snapshot does not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson } from '../../src/lesson/parse.js';
import type { Step } from '../../src/lesson/types.js';
import { snapshotOutcome } from '../../src/run/judge.js';
import { haltsLesson } from '../../src/run/outcome.js';

function step(): Step {
  const parsed = parseLesson('# L\n\n```sh {#greet}\necho hi\n```\n', 'lessons/l.md');
  assert.ok(parsed.ok);
  return parsed.lesson.steps[0]!;
}

const context = { snapshotPath: 'snapshots/l.snap', lessonFile: 'lessons/l.md', color: false };

test('each snapshot check becomes a typed verdict', () => {
  assert.deepEqual(snapshotOutcome(step(), { kind: 'matched' }, context), { kind: 'passed', snapshot: 'matched' });
  const written = snapshotOutcome(step(), { kind: 'written' }, context);
  assert.equal(written.kind === 'passed' ? written.snapshot : undefined, 'written');
  const updated = snapshotOutcome(step(), { kind: 'updated', previous: 'a', expected: 'a', adjusted: 'b' }, context);
  assert.equal(updated.kind === 'passed' ? updated.snapshot : undefined, 'updated');
});

test('a difference carries the diff, rendered once here', () => {
  const outcome = snapshotOutcome(step(), { kind: 'differed', expected: 'hello', adjusted: 'hullo' }, context);
  assert.deepEqual(outcome, { kind: 'differed', expected: 'hello', actual: 'hullo', diff: '--- snapshot\n+++ this run\n@@ -1 +1 @@\n-hello\n+hullo\n' });
});

test('a missing snapshot fails its step but does not stop the lesson; a failed command does', () => {
  const missing = snapshotOutcome(step(), { kind: 'missing' }, context);
  assert.equal(missing.kind, 'failed');
  assert.match(missing.kind === 'failed' ? missing.message : '', /no snapshot for step "greet" in snapshots\/l\.snap; record it with `learn test lessons\/l\.md --update`/);
  assert.equal(haltsLesson(missing), false);
  assert.equal(haltsLesson({ kind: 'failed', line: 3, message: 'exited with status 1, expected status 0' }), true);
  assert.equal(haltsLesson({ kind: 'timedOut', line: 3, message: 'timed out' }), true);
  assert.equal(haltsLesson({ kind: 'differed', expected: 'a', actual: 'b', diff: '' }), false);
});

test('learn serve words a recorded step from the typed verdict, not from the note text', async () => {
  const { resultMessage } = await import('../../src/serve/steps.js');
  const base = { step: step(), screen: '', output: '', durationMs: 5, cutChars: 0 };
  assert.deepEqual(resultMessage({ ...base, outcome: { kind: 'passed', snapshot: 'written' } }),
    { type: 'step', step: 'greet', ms: 5, status: 'passed', note: 'nothing recorded to compare with' });
  assert.deepEqual(resultMessage({ ...base, outcome: { kind: 'passed', snapshot: 'matched' } }),
    { type: 'step', step: 'greet', ms: 5, status: 'passed' });
});
