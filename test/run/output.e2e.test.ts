// End to end: big outputs are kept the same way on every run, so a snapshot
// recorded once matches the next runs, and a long line is compared up to its
// cut, which the snapshot and the report show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';

const lesson = fixture('output', 'flood.md');

test('a flood recorded once matches the runs after it, and a long line is kept up to a visible cut', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-output-'));
  const recorded = await runLearn(['test', lesson, '--snapshots', dir, '--update']);
  assert.equal(recorded.code, 0, recorded.stdout + recorded.stderr);
  assert.match(recorded.stdout, /✓ long-line .*\(89\.7 KB of output cut\)/);
  const file = path.join(dir, 'flood.snap');
  const snapshot = readFileSync(file, 'utf8');
  assert.match(snapshot, /\n1\n2\n3\n/);
  assert.match(snapshot, /\n199999\n200000\n/);
  assert.match(snapshot, /\[learn: [\d.]+ MB of output cut here\]/);
  assert.match(snapshot, new RegExp(`\\n${'x'.repeat(8192)}\\[learn: 89\\.7 KB of this line cut\\]\\n`));
  for (let run = 0; run < 3; run++) {
    const again = await runLearn(['test', lesson, '--snapshots', dir]);
    assert.equal(again.code, 0, `run ${run + 2}: ${again.stdout}`);
    assert.match(again.stdout, /^2 passed, 0 failed, 0 skipped$/m);
  }
  // The kept part of the long line is compared: one character changed there fails.
  writeFileSync(file, snapshot.replace(`\n${'x'.repeat(8192)}`, `\n${'x'.repeat(4000)}y${'x'.repeat(4191)}`));
  const changed = await runLearn(['test', lesson, '--snapshots', dir]);
  assert.equal(changed.code, 1, changed.stdout);
  assert.match(changed.stdout, /step "long-line": output differs from the snapshot/);
});
