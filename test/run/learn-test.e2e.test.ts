// End to end: `learn test` on fixture lessons, in real sandboxes and real ptys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';

/** A private copy of the fixture snapshots, so tests never change the committed ones. */
function snapshotsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-snaps-'));
  cpSync(fixture('runner', 'snapshots'), dir, { recursive: true });
  return dir;
}

const lesson = (name: string): string => fixture('runner', `${name}.md`);

test('a lesson matching its snapshots passes, exit 0', async () => {
  const r = await runLearn(['test', lesson('pass'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✓ veth/);
  assert.match(r.stdout, /- never .*\n.*norun/);
  assert.match(r.stdout, /^5 passed, 0 failed, 1 skipped$/m);
});

test('a changed output fails with file:line and a diff, and later steps still run', async () => {
  const r = await runLearn(['test', lesson('differ'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /differ\.md:3: step "greeting": output differs from the snapshot/);
  assert.match(r.stdout, /^\s+-hello, planet$/m);
  assert.match(r.stdout, /^\s+\+hello, world$/m);
  assert.match(r.stdout, /✓ after/);
  assert.match(r.stdout, /^1 passed, 1 failed, 0 skipped$/m);
});

test('a failing command names its line and stops the step', async () => {
  const r = await runLearn(['test', lesson('failures'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /failures\.md:8: step "stopped": command exited with status 1; the lines after it were not run/);
  assert.doesNotMatch(r.stdout, /\$ echo never typed/);
});

test('a step past its timeout is interrupted, shows its last screen, and the lesson stops there', async () => {
  const r = await runLearn(['test', lesson('timeout'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /timeout\.md:4: step "slow": timed out after 300ms/);
  assert.match(r.stdout, /last screen:\n\s+\$ sleep 30\n\s+\^C/);
  assert.match(r.stdout, /- next .*\n.*not run: step "slow" failed/);
});

test('a step waiting for input is reported as such', async () => {
  const r = await runLearn(['test', lesson('stdin'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /timed out after 300ms: the command was waiting for input on the terminal/);
});

test('a step that exits the shell fails clearly', async () => {
  const r = await runLearn(['test', lesson('exit-shell'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /exit-shell\.md:4: step "leave": the shell of terminal "main" exited \(status 3\) during this step/);
});

test('a flood of output is cut, said so, and memory stays bounded', async () => {
  const r = await runLearn(['test', lesson('flood'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /✓ flood .*\(19\.\d MB of output cut\)/);
});

test('background capture with ready=, a ping, and ^C: every packet is in the snapshot', async () => {
  const r = await runLearn(['test', lesson('capture'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^6 passed, 0 failed, 0 skipped$/m);
});

test('a capture that shows fewer packets than the snapshot fails', async () => {
  const dir = snapshotsCopy();
  const file = path.join(dir, 'capture.snap');
  const text = readFileSync(file, 'utf8');
  const fewer = text.replace(/^.*ICMP echo reply, id \[ID\], seq 2, length 64\n/m, '');
  assert.notEqual(fewer, text);
  writeFileSync(file, fewer);
  const r = await runLearn(['test', lesson('capture'), '--snapshots', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /step "capture": output differs/);
});

test('missing programs and kernel features skip the lesson with the exact reason, exit 0', async () => {
  const r = await runLearn(['test', lesson('skip-program'), lesson('skip-kernel'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /skipped: missing programs?: no-such-program-here/);
  assert.match(r.stdout, /skipped: kernel lacks ip_vs \(CONFIG_IP_VS\)/);
});

test('a malformed lesson is exit 2 with file:line for each problem', async () => {
  const r = await runLearn(['test', lesson('invalid'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /invalid\.md:7: .*same/);
  assert.match(r.stdout, /invalid\.md:7: .*timeout/);
  assert.match(r.stdout, /invalid\.md:7: .*colour/);
});

test('a lesson path that does not exist is exit 2 naming it', async () => {
  const r = await runLearn(['test', 'no/such/lesson.md']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no such lesson: no\/such\/lesson\.md/);
});

test('a corrupt snapshot file is exit 2 naming it, and it is not overwritten', async () => {
  const dir = snapshotsCopy();
  const before = readFileSync(path.join(dir, 'corrupt.snap'), 'utf8');
  const r = await runLearn(['test', lesson('corrupt'), '--snapshots', dir]);
  assert.equal(r.code, 2);
  // An invalid result of that lesson, reported with the others (not a crash on stderr).
  assert.match(r.stdout, /corrupt\.snap:1: corrupt snapshot file/);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.equal(readFileSync(path.join(dir, 'corrupt.snap'), 'utf8'), before);
});

test('in CI a missing snapshot fails and nothing is written', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-empty-'));
  const r = await runLearn(['test', lesson('differ'), '--snapshots', dir], { env: { CI: 'true' } });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /no snapshot for step "greeting"/);
  assert.deepEqual(readdirSync(dir), []);
});

test('--update records changes, keeps hand-written wildcards, and removes obsolete entries', async () => {
  const dir = snapshotsCopy();
  const file = path.join(dir, 'differ.snap');
  writeFileSync(file, '# learn snapshot v1\n\n=== greeting\n$ echo "hello, world"\nhello, [..]\n\n=== after\n$ echo still runs\nstill walks\n\n=== gone\nold\n');
  const plain = await runLearn(['test', lesson('differ'), '--snapshots', dir]);
  assert.equal(plain.code, 1);
  assert.match(plain.stdout, /obsolete snapshots in .*: gone/);
  const updated = await runLearn(['test', lesson('differ'), '--snapshots', dir, '--update']);
  assert.equal(updated.code, 0, updated.stdout);
  assert.equal(readFileSync(file, 'utf8'), '# learn snapshot v1\n\n=== greeting\n$ echo "hello, world"\nhello, [..]\n\n=== after\n$ echo still runs\nstill runs\n');
  assert.equal(existsSync(`${file}.tmp`), false);
});

test('a machine that cannot make sandboxes is exit 3, with what to do', async () => {
  const r = await runLearn(['test', lesson('pass'), '--snapshots', snapshotsCopy()], { env: { PATH: '/nonexistent' }, withThisNode: true });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /cannot create sandboxes: unshare is not installed\n\s+what to do: install util-linux/);
});

test('a background step whose ready text never shows times out and says what it waited for', async () => {
  const r = await runLearn(['test', lesson('ready-timeout'), '--snapshots', snapshotsCopy()]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /ready-timeout\.md:4: step "waiting": timed out after 300ms waiting for its ready text \/never shown\//);
});

test('an entry for a nosnapshot step is kept (docs/snapshots.md): not obsolete, not removed by --update', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-nosnap-'));
  const file = path.join(dir, 'flood.snap');
  const before = '# learn snapshot v1\n\n=== flood\nold output\n';
  writeFileSync(file, before);
  const plain = await runLearn(['test', lesson('flood'), '--snapshots', dir]);
  assert.doesNotMatch(plain.stdout, /obsolete/);
  const updated = await runLearn(['test', lesson('flood'), '--snapshots', dir, '--update']);
  assert.equal(updated.code, 0, updated.stdout);
  assert.equal(readFileSync(file, 'utf8'), before);
});
