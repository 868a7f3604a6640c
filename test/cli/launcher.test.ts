// bin/learn, the command as installed: it starts the CLI from the start-up
// snapshot `npm run build` made (scripts/snapshot.mjs) when that snapshot fits
// this Node.js and folder and nothing could change V8's flags, and from the
// bundle otherwise; `learn doctor` says which and why. The snapshot is the
// CLI's heap as it was after loading, on the machine that built it: what a
// command reads of its environment must be read when it runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { learnCommand, projectRoot } from '../helpers/paths.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'learn-launcher-'));
after(() => rmSync(work, { recursive: true, force: true }));

function learn(command: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const base: Record<string, string | undefined> = { ...process.env, CI: '', NO_COLOR: '1', GITHUB_ACTIONS: '', NODE_OPTIONS: '', LEARN_NO_SNAPSHOT: '' };
  const r = spawnSync(command, args, { cwd: work, encoding: 'utf8', env: { ...base, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function startUp(command: string, env: Record<string, string> = {}): string {
  const doctor = learn(command, ['doctor', '--root', projectRoot, 'netns'], env);
  const line = doctor.stdout.split('\n').find((l) => / start-up /.test(l));
  assert.ok(line, `no start-up line in learn doctor's report:\n${doctor.stdout}${doctor.stderr}`);
  return line.replace(/\s+/g, ' ').trim();
}

test('launcher: learn starts from the snapshot the build made, and runs a lesson from it', () => {
  assert.equal(startUp(learnCommand), 'ok start-up from the start-up snapshot');
  // A lesson with a rule of its own (checked in a worker thread) and output
  // that differs on every run: recorded, then compared, both from the snapshot.
  const lesson = path.join(work, 'clock.md');
  writeFileSync(lesson, [
    '---', 'title: clock', 'normalize:', "  - pattern: '\\b\\d{19}\\b'", "    replace: '[NANOSECONDS]'", '---', '',
    '# clock', '', '```sh', 'date +%s%N', '```', '', '```sh', 'echo "$LEARN_START:$NODE_OPTIONS"', '```', '',
  ].join('\n'));
  const snapshots = path.join(work, 'snapshots');
  const recorded = learn(learnCommand, ['test', lesson, '--snapshots', snapshots, '--update']);
  assert.equal(recorded.status, 0, recorded.stdout + recorded.stderr);
  const snapshot = readFileSync(path.join(snapshots, 'clock.snap'), 'utf8');
  assert.match(snapshot, /\[NANOSECONDS\]/);
  // The sandbox's environment is learn's own: nothing of the launcher's reaches a lesson.
  assert.match(snapshot, /^:$/m);
  const compared = learn(learnCommand, ['test', lesson, '--snapshots', snapshots]);
  assert.equal(compared.status, 0, compared.stdout + compared.stderr);
  assert.match(compared.stdout, /1 passed, 0 failed, 0 skipped/);
});

test('launcher: from the snapshot, the environment is read when the command runs, not when the snapshot was made', () => {
  // The working folder is this run's: a relative lesson path is found from it.
  writeFileSync(path.join(work, 'here.md'), '---\ntitle: here\n---\n\n# here\n\n```sh\ntrue\n```\n');
  const snapshots = path.join(work, 'here-snapshots');
  const recorded = learn(learnCommand, ['test', 'here.md', '--snapshots', snapshots, '--update']);
  assert.equal(recorded.status, 0, recorded.stdout + recorded.stderr);
  // The snapshot was made without a terminal and with whatever colour settings the build had.
  const plain = learn(learnCommand, ['test', 'here.md', '--snapshots', snapshots], { NO_COLOR: '1' });
  const coloured = learn(learnCommand, ['test', 'here.md', '--snapshots', snapshots], { NO_COLOR: '', FORCE_COLOR: '1' });
  assert.equal(plain.status, 0, plain.stdout + plain.stderr);
  assert.equal(coloured.status, 0, coloured.stdout + coloured.stderr);
  assert.doesNotMatch(plain.stdout, /\x1b\[/);
  assert.match(coloured.stdout, /\x1b\[/, 'FORCE_COLOR, set after the snapshot was made, colours the output');
});

test('launcher: with NODE_OPTIONS, or LEARN_NO_SNAPSHOT, learn starts from the bundle and says why', () => {
  assert.equal(startUp(learnCommand, { NODE_OPTIONS: '--max-old-space-size=512' }), 'warn start-up from the bundle, not the start-up snapshot: NODE_OPTIONS is set');
  assert.equal(startUp(learnCommand, { LEARN_NO_SNAPSHOT: '1' }), 'warn start-up from the bundle, not the start-up snapshot: LEARN_NO_SNAPSHOT is set');
  const version = learn(learnCommand, ['--version'], { NODE_OPTIONS: '--max-old-space-size=512' });
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout, /^learn \d+\.\d+\.\d+/);
});

test('launcher: a snapshot made for another folder is not used (it holds the paths it was made at)', () => {
  // A copy of the launcher in another folder, the build seen through a link: the snapshot names /work/... not this folder.
  const moved = path.join(work, 'moved');
  mkdirSync(path.join(moved, 'bin'), { recursive: true });
  copyFileSync(learnCommand, path.join(moved, 'bin', 'learn'));
  copyFileSync(path.join(projectRoot, 'bin', 'learn.js'), path.join(moved, 'bin', 'learn.js'));
  symlinkSync(path.join(projectRoot, 'build'), path.join(moved, 'build'));
  assert.equal(
    startUp(path.join(moved, 'bin', 'learn')),
    'warn start-up from the bundle, not the start-up snapshot: the start-up snapshot was made by another Node.js or in another folder (npm rebuild learn-linux-net makes it anew; in a checkout, npm run build)',
  );
  const version = learn(path.join(moved, 'bin', 'learn'), ['--version']);
  assert.equal(version.status, 0, version.stderr);
});

test('launcher: the snapshot starts in the Node.js that made it, whatever `node` the PATH finds (a version manager\'s shim)', () => {
  // A `node` first on the PATH that is not the one that made the snapshot:
  // started there, the snapshot would be refused (exit 14). It is not asked.
  const shims = path.join(work, 'shims');
  mkdirSync(shims, { recursive: true });
  writeFileSync(path.join(shims, 'node'), '#!/bin/sh\necho "shim: $*" >&2\nexit 99\n', { mode: 0o755 });
  const env = { PATH: `${shims}:${process.env.PATH ?? ''}` };
  const version = learn(learnCommand, ['--version'], env);
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout, /^learn \d+\.\d+\.\d+/);
  assert.equal(startUp(learnCommand, env), 'ok start-up from the start-up snapshot');
  // Without the snapshot, the PATH's node it is, as for any script.
  const bundle = learn(learnCommand, ['--version'], { ...env, LEARN_NO_SNAPSHOT: '1' });
  assert.equal(bundle.status, 99);
  assert.match(bundle.stderr, /^shim: /);
});

test('launcher: run as bin/learn.js, learn starts from the bundle', () => {
  assert.equal(startUp(path.join(projectRoot, 'bin', 'learn.js')), 'ok start-up from the bundle (started as bin/learn.js; the learn command starts from the start-up snapshot)');
});
