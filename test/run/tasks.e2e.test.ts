// End to end: tasks in `learn test`, on fixture lessons, in real sandboxes.
// Each check must fail before its solution and pass after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';

const lesson = (name: string): string => fixture('tasks', `${name}.md`);
const snapshots = (): string => mkdtempSync(path.join(tmpdir(), 'learn-task-snaps-'));

test('checks fail before their solutions and pass after; retry= waits for state that converges', async () => {
  const r = await runLearn(['test', lesson('solved'), '--snapshots', snapshots()]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✓ made-file .*\n\s+task done: the check passes\n/);
  // The solution touches the file a second later: the check passed only on a later try.
  assert.match(r.stdout, /✓ later .*\n\s+task done: the check passes \(after \d+ tries\)/);
  assert.match(r.stdout, /^6 passed, 0 failed, 0 skipped$/m);
});

test('a check that passes before its solution is reported as broken, with file:line', async () => {
  const r = await runLearn(['test', lesson('broken'), '--snapshots', snapshots()]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /broken\.md:3: check "always": broken check: it passes before its solution has run/);
});

test('a check that never passes fails with its output and exit status', async () => {
  const r = await runLearn(['test', lesson('never'), '--snapshots', snapshots()]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /never\.md:3: check "never": check does not pass after its solution ran \(exit status 1\)\n\s+output:\n\s+no file \/tmp\/nowhere here/);
});

test('retry= gives up when its time is over', async () => {
  const r = await runLearn(['test', lesson('slow'), '--snapshots', snapshots()]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /slow\.md:3: check "slow": check does not pass after its solution ran \(exit status 1, re-run for 500ms\)/);
});

test('a check whose solution fails is not checked, and says why', async () => {
  const r = await runLearn(['test', lesson('solution-fails'), '--snapshots', snapshots()]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /solution-fails\.md:\d+: step "[^"]+": command exited with status 3/);
  assert.match(r.stdout, /- done .*\n\s+not checked: its solution did not run as it should/);
});

test('every command of a check must succeed, not only its last (errexit, as in a step)', async () => {
  const r = await runLearn(['test', lesson('half-done'), '--snapshots', snapshots()]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /half-done\.md:3: check "both": check does not pass after its solution ran \(exit status 1\)/);
});
