// A hostile lesson, run as root and (when a test user exists) rootless: every
// attempt on the host fails, and the host is the same before and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture, projectRoot } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';
import { hostState } from '../helpers/host-state.js';
import { ROOTLESS_USER, ROOTLESS_PLAIN_USER, userExists } from '../helpers/users.js';

function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-hostile-'));
  chmodSync(dir, 0o777);
  return dir;
}

const traces = [
  '/etc/learn-owned', '/usr/learn-owned', '/root/only-in-the-sandbox', '/tmp/only-in-the-sandbox',
  '/var/tmp/learn-owned', '/dev/shm/learn-owned', '/tmp/learn-owned',
];

/** Run the hostile lesson (as `asUser` when given) and check the host is as it was. */
async function assertHostUnchanged(asUser?: string): Promise<void> {
  const before = hostState();
  const r = await runLearn(['test', fixture('containment', 'hostile.md'), '--snapshots', emptyDir()], asUser ? { asUser } : {});
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^14 passed, 0 failed, 0 skipped$/m);
  assert.deepEqual(hostState(), before);
  for (const file of traces) assert.equal(existsSync(file), false, file);
}

test('as root: every attempt on the host fails and the host is unchanged', () => assertHostUnchanged());

test('rootless: the same lesson, run by an ordinary user, changes nothing either', { skip: !userExists(ROOTLESS_USER) && `no user ${ROOTLESS_USER} (.ci/run creates it)` }, () =>
  assertHostUnchanged(ROOTLESS_USER));

test('rootless without subordinate ids (no newuidmap): the same lesson changes nothing', { skip: !userExists(ROOTLESS_PLAIN_USER) && `no user ${ROOTLESS_PLAIN_USER} (.ci/run creates it)` }, () =>
  assertHostUnchanged(ROOTLESS_PLAIN_USER));

test('a host: true lesson is skipped unless --allow-host, and says why', async () => {
  const r = await runLearn(['test', fixture('containment', 'host-access.md'), '--snapshots', emptyDir()]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /skipped: asks for host privileges \(host: true\)/);
  const allowed = await runLearn(['test', fixture('containment', 'host-access.md'), '--snapshots', emptyDir(), '--allow-host']);
  assert.equal(allowed.code, 0, allowed.stdout);
  assert.match(allowed.stdout, /^2 passed, 0 failed, 0 skipped$/m);
});

for (const user of [ROOTLESS_USER, ROOTLESS_PLAIN_USER]) {
  test(`the curriculum runs rootless as ${user}: every lesson passes or is skipped with a reason`, { skip: !userExists(user) && `no user ${user}`, timeout: 300_000 }, async () => {
    const r = await runLearn(['test', path.join(projectRoot, 'lessons'), '--ci'], { asUser: user });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^\d+ passed, 0 failed, \d+ skipped$/m);
  });
}

test('learn run shows the host-privilege warning before a host: true lesson starts', async () => {
  const r = await runLearn(['run', fixture('containment', 'host-access.md'), '--allow-host', '--snapshots', emptyDir()]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /asks for host privileges \(host: true\)[\s\S]*real root/);
  const refused = await runLearn(['run', fixture('containment', 'host-access.md'), '--snapshots', emptyDir()]);
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /run it with --allow-host only if you trust it/);
});
