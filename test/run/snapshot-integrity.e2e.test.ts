// End to end: what is recorded and compared is what ran. Literal wildcards in
// output stay literal, the stored side is normalized, a nosnapshot entry is
// kept, and a missing entry in CI fails that step only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fixture, learnCommand } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';

const lesson = fixture('runner', 'integrity.md');

interface JsonStep { name: string; status: string; kind: string; message?: string }

function steps(stdout: string): Map<string, JsonStep> {
  const report = JSON.parse(stdout) as { lessons: Array<{ steps: JsonStep[] }> };
  return new Map((report.lessons[0]?.steps ?? []).map((s) => [s.name, s]));
}

const HAND_WRITTEN = [
  '# learn snapshot v1',
  '',
  '=== dots',
  "$ printf 'top\\n...\\nbottom [..]\\n'",
  'top',
  '\\\\...',
  'bottom \\[..]',
  '',
  '=== rtt',
  '$ echo "64 bytes from 10.1.0.2: icmp_seq=1 ttl=64 time=0.050 ms"',
  '64 bytes from 10.1.0.2: icmp_seq=1 ttl=64 time=0.050 ms',
  '',
  '=== quiet',
  'an entry kept for later',
  '',
  '=== last',
  '$ echo still runs',
  'still runs',
  '',
].join('\n');

test('recording escapes a literal ... line and [..], so they never become wildcards', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-integrity-'));
  const r = await runLearn(['test', lesson, '--snapshots', dir]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const text = readFileSync(path.join(dir, 'integrity.snap'), 'utf8');
  assert.match(text, /\n=== dots\n\$ printf [^\n]*\ntop\n\\\\\.\.\.\nbottom \\\[\.\.\]\n/);
  // The recording passes against the same output.
  const again = await runLearn(['test', lesson, '--snapshots', dir, '--ci']);
  assert.equal(again.code, 0, again.stdout);
});

test('in CI: the stored side is normalized, a nosnapshot entry is not obsolete, a missing entry fails only its step', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-integrity-'));
  const file = path.join(dir, 'integrity.snap');
  // The rtt command's own echo carries a different time, which normalizing the stored side hides too.
  writeFileSync(file, HAND_WRITTEN.replace('time=0.050 ms"', 'time=0.045 ms"'));
  const r = await runLearn(['test', lesson, '--snapshots', dir, '--ci', '--reporter', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const byName = steps(r.stdout);
  assert.equal(byName.get('dots')?.status, 'passed', JSON.stringify(byName.get('dots')));
  assert.equal(byName.get('rtt')?.status, 'passed', JSON.stringify(byName.get('rtt')));
  assert.equal(byName.get('quiet')?.status, 'passed');
  assert.equal(byName.get('unrecorded')?.kind, 'failed');
  assert.match(byName.get('unrecorded')?.message ?? '', /no snapshot for step "unrecorded"/);
  assert.equal(byName.get('last')?.status, 'passed', JSON.stringify(byName.get('last')));
  const pretty = await runLearn(['test', lesson, '--snapshots', dir, '--ci']);
  assert.doesNotMatch(pretty.stdout, /obsolete/);
});

test('--update keeps the entry of a nosnapshot step', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-integrity-'));
  const file = path.join(dir, 'integrity.snap');
  writeFileSync(file, HAND_WRITTEN);
  const r = await runLearn(['test', lesson, '--snapshots', dir, '--update']);
  assert.equal(r.code, 0, r.stdout);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /\n=== quiet\nan entry kept for later\n/);
  assert.match(text, /\n=== unrecorded\n\$ echo no entry yet\nno entry yet\n/);
});

const hang = (name: string): string => fixture('hangs', `${name}.md`);

test('a normalize rule that backtracks catastrophically fails its step at the rule\'s line instead of hanging', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-hang-'));
  const r = await runLearn(['test', hang('backtrack-rule'), '--snapshots', dir]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /backtrack-rule\.md:3: step "letters": normalize rule: the regular expression \/\^\(a\+\)\+\$\/ took longer than/);
  assert.doesNotMatch(r.stderr, /internal error/);
});

test('a ready= pattern that backtracks catastrophically fails its step, naming the attribute', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-hang-'));
  const r = await runLearn(['test', hang('backtrack-ready'), '--snapshots', dir]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /backtrack-ready\.md:3: step "letters": step attribute `ready`: the regular expression \/\^\(a\|aa\)\+c\$\/ took longer than/);
});

test('SIGTERM is answered while a catastrophic ready= pattern is being matched', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-hang-'));
  const learn = spawn(learnCommand, ['test', hang('backtrack-ready-long'), '--snapshots', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '', NO_COLOR: '1' },
  });
  let stderr = '';
  learn.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => learn.on('exit', (code) => resolve(code)));
  // Sandbox up and the step typed: the pattern is then being matched (forever, unguarded).
  await new Promise((resolve) => setTimeout(resolve, 8000));
  learn.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 60_000))]);
  if (code === 'hung') learn.kill('SIGKILL');
  assert.equal(code, 143, stderr);
  assert.match(stderr, /SIGTERM: stopping/);
});
