// `sudo learn test -u` must not hand an author's snapshot to root: a
// replaced file keeps its owner, group and mode; a new one gets the owner of
// its folder. Runs as root (as CI does); a real chown on real files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../src/snapshot/store.js';

const root = process.getuid?.() === 0;
const author = (): { uid: number; gid: number } => ({
  uid: Number(execFileSync('id', ['-u', 'learn-rootless'], { encoding: 'utf8' })),
  gid: Number(execFileSync('id', ['-g', 'learn-rootless'], { encoding: 'utf8' })),
});

test('snapshot write as root keeps the old file\'s owner, group and mode', { skip: root ? false : 'needs root' }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learn-owner-'));
  try {
    const { uid, gid } = author();
    const file = path.join(dir, 'bridge.snap');
    writeFileSync(file, 'old\n');
    chownSync(file, uid, gid);
    chmodSync(file, 0o664);
    await writeFileAtomic(file, 'new\n');
    const after = statSync(file);
    assert.deepEqual([after.uid, after.gid, (after.mode & 0o7777).toString(8)], [uid, gid, '664']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new snapshot written as root belongs to the owner of its folder', { skip: root ? false : 'needs root' }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learn-owner-'));
  try {
    const { uid, gid } = author();
    chownSync(dir, uid, gid);
    const file = path.join(dir, 'new.snap');
    await writeFileAtomic(file, 'new\n');
    const after = statSync(file);
    assert.deepEqual([after.uid, after.gid], [uid, gid]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
