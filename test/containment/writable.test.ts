// The allow-list of writable host places is empty: a lesson that peels every
// mount it can and then writes wherever it still may writes only into the
// sandbox's own file systems. Run as root, rootless with subordinate ids, and
// rootless without them (the path taken where `newuidmap` is missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';
import { ROOTLESS_USER, ROOTLESS_PLAIN_USER, userExists } from '../helpers/users.js';

const PROBE = '.learn-escape-probe';

async function writablePlaces(asUser?: string): Promise<string[]> {
  const snapshots = mkdtempSync(path.join(tmpdir(), 'learn-writable-'));
  chmodSync(snapshots, 0o777);
  try {
    const r = await runLearn(['test', fixture('containment', 'writable.md'), '--snapshots', snapshots, '--update'], { asUser });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const snap = readFileSync(path.join(snapshots, 'writable.snap'), 'utf8');
    return [...snap.matchAll(/^created (\/.*)$/gm)].map((m) => m[1]!);
  } finally {
    rmSync(snapshots, { recursive: true, force: true });
  }
}

function assertNoneOnHost(places: string[]): void {
  // The probe can fail too: the sandbox's own /tmp must be among the places.
  assert.ok(places.includes('/tmp'), `the probe found no writable /tmp: ${places.join(', ')}`);
  const escaped = places.filter((dir) => existsSync(path.join(dir, PROBE)));
  for (const dir of escaped) rmSync(path.join(dir, PROBE), { force: true });
  assert.deepEqual(escaped, [], 'host directories the lesson wrote into');
}

test('as root: after peeling every mount, every writable place is the sandbox\'s own', async () => {
  assertNoneOnHost(await writablePlaces());
});

test('rootless with subordinate ids: the same', { skip: !userExists(ROOTLESS_USER) && `no user ${ROOTLESS_USER} (.ci/run creates it)` }, async () => {
  assertNoneOnHost(await writablePlaces(ROOTLESS_USER));
});

test('rootless without subordinate ids (no newuidmap): the same', { skip: !userExists(ROOTLESS_PLAIN_USER) && `no user ${ROOTLESS_PLAIN_USER} (.ci/run creates it)` }, async () => {
  assertNoneOnHost(await writablePlaces(ROOTLESS_PLAIN_USER));
});
