// End to end: an input problem of one lesson (its snapshot file corrupt, not
// UTF-8, unreadable or unwritable) is that lesson's invalid result: the other
// lessons run, every report file is written, exit 2, nothing is lost.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';

const lesson = (name: string): string => fixture('runner', `${name}.md`);

function snapshotsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-snaps-'));
  cpSync(fixture('runner', 'snapshots'), dir, { recursive: true });
  return dir;
}

const mounts: string[] = [];
after(() => {
  for (const dir of mounts.reverse()) execFileSync('umount', ['-l', dir]);
});

/** A tmpfs of `size` at a fresh folder (root only, as the tests run). */
function tmpfs(size: string, options = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${options}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

test('a corrupt snapshot in one of three lessons: all three results and every report file, exit 2', async () => {
  const dir = snapshotsCopy();
  const out = mkdtempSync(path.join(tmpdir(), 'learn-reports-'));
  const before = readFileSync(path.join(dir, 'corrupt.snap'));
  const r = await runLearn([
    'test', lesson('pass'), lesson('corrupt'), lesson('capture'), '--snapshots', dir, '--ci',
    '--reporter', `junit:${path.join(out, 'junit.xml')}`,
    '--reporter', `json:${path.join(out, 'report.json')}`,
    '--reporter', `tap:${path.join(out, 'report.tap')}`,
    '--reporter', 'pretty',
  ]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.match(r.stdout, /corrupt\.snap:1: corrupt snapshot file/);
  const json = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as {
    lessons: Array<{ file: string; steps: Array<{ status: string }> }>;
    invalid: Array<{ file: string; diagnostics: Array<{ file: string; line: number }> }>;
  };
  assert.deepEqual(json.lessons.map((l) => path.basename(l.file)).sort(), ['capture.md', 'pass.md']);
  for (const l of json.lessons) assert.ok(l.steps.length > 0 && l.steps.every((s) => s.status !== 'failed'), JSON.stringify(l));
  assert.deepEqual(json.invalid.map((i) => [path.basename(i.file), path.basename(i.diagnostics[0]?.file ?? ''), i.diagnostics[0]?.line]), [['corrupt.md', 'corrupt.snap', 1]]);
  const junit = readFileSync(path.join(out, 'junit.xml'), 'utf8');
  assert.equal(junit.match(/<testsuite /g)?.length, 3, junit);
  const tap = readFileSync(path.join(out, 'report.tap'), 'utf8');
  assert.match(tap, /not ok \d+ - .*corrupt\.md/);
  assert.match(tap, /pass\.md/);
  assert.match(tap, /capture\.md/);
  assert.deepEqual(readFileSync(path.join(dir, 'corrupt.snap')), before);
});

test('a snapshot with bytes that are not UTF-8 is refused at its line and kept byte for byte', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-utf8-'));
  const file = path.join(dir, 'differ.snap');
  const bytes = Buffer.concat([Buffer.from('# learn snapshot v1\n\n=== greeting\n$ echo "hello, world"\nhello, world\n\n=== old\n'), Buffer.from([0x6c, 0xe9, 0x0a])]);
  writeFileSync(file, bytes);
  const r = await runLearn(['test', lesson('differ'), '--snapshots', dir]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /differ\.snap:8: corrupt snapshot file: not valid UTF-8/);
  assert.deepEqual(readFileSync(file), bytes);
});

test('--snapshots that is a file: exit 2 naming it, no stack trace', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'learn-isfile-'));
  const blocker = path.join(base, 'snaps');
  writeFileSync(blocker, 'not a folder');
  const r = await runLearn(['test', lesson('differ'), '--snapshots', blocker]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /snaps\/differ\.snap:0: cannot read the snapshot file: a part of the path is a file, not a folder/);
  assert.doesNotMatch(r.stderr, /internal error|    at /);
  assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
});

const asRoot = { skip: process.getuid?.() !== 0 ? 'mounting a tmpfs needs root' : false };

test('--snapshots on a full file system: the steps are reported, the write failure names the file, exit 2, old snapshot intact', asRoot, async () => {
  const dir = tmpfs('64k');
  const file = path.join(dir, 'differ.snap');
  const before = '# learn snapshot v1\n\n=== greeting\n$ echo "hello, world"\nhello, world\n';
  writeFileSync(file, before);
  // Fill what is left.
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
  } catch {
    /* dd stops at ENOSPC */
  }
  const r = await runLearn(['test', lesson('differ'), '--snapshots', dir]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /greeting/);
  assert.match(r.stdout, /differ\.snap:0: cannot write the snapshot file \(the old one is unchanged\): no space left on the device/);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.equal(readFileSync(file, 'utf8'), before);
  assert.deepEqual(readdirSync(dir).sort(), ['differ.snap', 'filler']);
});

test('--snapshots on a read-only file system: exit 2 naming the file, old snapshot intact', asRoot, async () => {
  const dir = tmpfs('1m');
  const file = path.join(dir, 'differ.snap');
  const before = '# learn snapshot v1\n\n=== greeting\n$ echo "hello, world"\nhello, world\n';
  writeFileSync(file, before);
  execFileSync('mount', ['-o', 'remount,ro', dir]);
  const r = await runLearn(['test', lesson('differ'), '--snapshots', dir]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /differ\.snap:0: cannot write the snapshot file \(the old one is unchanged\): the file system is read-only/);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('the temp file of a writer killed mid-write is swept by the next run of that lesson', async () => {
  const dir = snapshotsCopy();
  // A learn killed with SIGKILL between creating and renaming its temp file leaves this.
  const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout); // exited
  const stale = path.join(dir, `.differ.snap.${gone}.0a1b2c3d4e5f.tmp`);
  writeFileSync(stale, '');
  mkdirSync(path.join(dir, 'keep'));
  await runLearn(['test', lesson('differ'), '--snapshots', dir]);
  assert.equal(existsSync(stale), false);
  assert.equal(existsSync(path.join(dir, 'keep')), true);
});
