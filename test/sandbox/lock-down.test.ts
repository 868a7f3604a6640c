// Stage 1's lock-down of the host has two implementations: one perl process
// (the fast path) and the shell's `mount` processes (without perl). Both must
// leave exactly the same mount table, and both must refuse a bad bind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCK_DOWN_HOST, LOCK_DOWN_PERL, MOUNT_SYSCALL, lockDownEnv } from '../../src/sandbox/scripts.js';
import { ROOTLESS_PLAIN_USER, userExists } from '../helpers/users.js';

const isRoot = process.getuid?.() === 0;

/** Mount point, per-mount options, `-`, type, source, super-block options: all but the ids. */
const TABLE = String.raw`awk '{ sep = 0; line = $5 " " $6; for (i = 7; i <= NF; i++) { if ($i == "-") sep = 1; if (sep) line = line " " $i } print line }' /proc/self/mountinfo`;

interface Lab {
  dir: string;
  lesson: string;
  shared: string;
  /** A PATH with perl alone: the shell's way would fail there for want of `mount`. */
  perlOnlyPath: string;
}

function makeLab(): Lab {
  // Under /tmp on purpose: the lock-down covers /tmp with a tmpfs, and the
  // lesson folder must still be found (through the working directory).
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-lockdown-'));
  const lesson = path.join(dir, 'lesson');
  const shared = path.join(dir, 'shared');
  const perlOnlyPath = path.join(dir, 'bin');
  for (const d of [lesson, shared, perlOnlyPath]) mkdirSync(d);
  symlinkSync('/usr/bin/perl', path.join(perlOnlyPath, 'perl'));
  return { dir, lesson, shared, perlOnlyPath };
}

/** Runs the lock-down in fresh mount and PID namespaces, as stage 1 does, and returns the mount table after it. */
function lockDown(lab: Lab, way: 'perl' | 'shell', options: { binds?: string; asUser?: string; owner?: [string, string] } = {}) {
  const env: Record<string, string> = {
    PATH: way === 'perl' ? lab.perlOnlyPath : '/usr/sbin:/usr/bin:/sbin:/bin',
    LEARN_BINDS: options.binds ?? `shared ${lab.shared}`,
    ...(way === 'perl' ? lockDownEnv() : {}),
  };
  // The table is read with the full PATH again, after the lock-down.
  const script = `set -e\n${LOCK_DOWN_HOST}\nPATH=/usr/bin:/bin\n${TABLE}`;
  const [uid, gid] = options.owner ?? ['', ''];
  const namespaces = ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', '--mount-proc'];
  const argv = options.asUser
    ? ['/usr/sbin/runuser', '-u', options.asUser, '--', '/usr/bin/unshare', '--user', '--map-root-user', ...namespaces]
    : ['/usr/bin/unshare', ...namespaces];
  const result = spawnSync(argv[0]!, [...argv.slice(1), '--', '/bin/sh', '-c', script, 'stage1', uid, gid, lab.lesson], { env, encoding: 'utf8' });
  return { code: result.status, table: result.stdout, stderr: result.stderr };
}

test('the perl lock-down is written without a single quote (the shell quotes it so)', () => {
  assert.doesNotMatch(LOCK_DOWN_PERL, /'/);
});

test('every architecture with a known mount(2) number gets the fast path; others the shell', () => {
  assert.deepEqual(lockDownEnv('x64'), { LEARN_SYS_MOUNT: '165' });
  assert.deepEqual(lockDownEnv('arm64'), { LEARN_SYS_MOUNT: '40' });
  assert.deepEqual(lockDownEnv('mips' as NodeJS.Architecture), {});
  assert.ok(MOUNT_SYSCALL[process.arch] !== undefined, `this machine (${process.arch}) takes the fast path`);
});

test('perl and the shell leave the same mount table, every host mount read-only (root)', { skip: !isRoot && 'needs root' }, (t) => {
  const lab = makeLab();
  t.after(() => rmSync(lab.dir, { recursive: true, force: true }));
  const owner: [string, string] = ['1879048192', '1879048192'];
  const perl = lockDown(lab, 'perl', { owner });
  const shell = lockDown(lab, 'shell', { owner });
  assert.equal(perl.code, 0, perl.stderr);
  assert.equal(shell.code, 0, shell.stderr);
  assert.equal(perl.table, shell.table);
  const rows = perl.table.trim().split('\n').map((line) => line.split(' '));
  const at = (mp: string) => rows.filter(([point]) => point === mp).at(-1);
  assert.match(at('/run/learn/lesson')?.[1] ?? '', /^ro,/, 'the lesson folder is bound read-only');
  assert.match(at('/run/learn/shared')?.[1] ?? '', /^ro,/, 'a bind of LEARN_BINDS is read-only');
  assert.match(at('/tmp')?.join(' ') ?? '', /tmpfs tmpfs rw,.*uid=1879048192,gid=1879048192/, '/tmp is a tmpfs of the sandbox root');
  assert.match(at('/')?.[1] ?? '', /^ro,/, 'the root file system is read-only');
  const writableHost = rows.filter(([mp, opts, , type]) =>
    opts?.startsWith('rw') && type !== 'tmpfs' && !/^\/(proc|dev|sys)(\/|$)/.test(mp ?? '') && mp !== '/sys');
  assert.deepEqual(writableHost, [], 'no host file system left writable');
});

test('perl and the shell agree rootless too, in a user namespace without subordinate ids', { skip: (!isRoot || !userExists(ROOTLESS_PLAIN_USER)) && `needs root and the user ${ROOTLESS_PLAIN_USER}` }, (t) => {
  const lab = makeLab();
  t.after(() => rmSync(lab.dir, { recursive: true, force: true }));
  spawnSync('chmod', ['-R', 'a+rX', lab.dir]);
  const perl = lockDown(lab, 'perl', { asUser: ROOTLESS_PLAIN_USER });
  const shell = lockDown(lab, 'shell', { asUser: ROOTLESS_PLAIN_USER });
  assert.equal(perl.code, 0, perl.stderr);
  assert.equal(shell.code, 0, shell.stderr);
  assert.equal(perl.table, shell.table);
  assert.match(perl.table, /^\/run\/learn\/lesson ro,/m);
});

test('a bind of a folder that does not exist stops both ways, naming the mount point (root)', { skip: !isRoot && 'needs root' }, (t) => {
  const lab = makeLab();
  t.after(() => rmSync(lab.dir, { recursive: true, force: true }));
  const binds = `gone ${path.join(lab.dir, 'no-such-folder')}`;
  const perl = lockDown(lab, 'perl', { binds });
  const shell = lockDown(lab, 'shell', { binds });
  assert.notEqual(perl.code, 0);
  assert.notEqual(shell.code, 0);
  assert.match(perl.stderr, /learn-stage1: mount \/run\/learn\/gone: No such file or directory/);
  assert.equal(perl.table, '');
});
