// Integration, on a real VM (TCG here): a VM lesson's terminals, background
// capture, ^C, timeout and failure; a hostile VM lesson; kill -9 of learn
// while the VM boots and while a step runs. Skipped only where no VM can run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture, learnCommand } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';
import { eventually, hostState } from '../helpers/host-state.js';
import { holdsOpen, qemuPids, vmUnavailable } from '../helpers/vm.js';

const skip = vmUnavailable();
const VM_TEST = { skip, timeout: 240_000 };

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'learn-vm-test-'));
}

test('a VM lesson: two terminals, a background capture with ready= and ^C, a timeout, a failing step', VM_TEST, async () => {
  const snapshots = tempDir();
  try {
    const r = await runLearn(['test', fixture('vm', 'terminals.md'), fixture('vm', 'failing.md'), '--snapshots', snapshots, '--jobs', '2']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /✓ capture[\s\S]*✓ stop[\s\S]*✓ second/);
    assert.match(r.stdout, /⏱ slow .*\n.*step "slow": timed out after 1s\n\s+last screen:\n\s+\$ sleep 300\n\s+\^C/);
    assert.match(r.stdout, /✗ fails[\s\S]*- after .*\n\s+not run: step "fails" failed/);
    const terminals = readFileSync(path.join(snapshots, 'terminals.snap'), 'utf8');
    // The guest's own kernel, hostname and terminal device; the pinned width.
    assert.match(terminals, /=== kernel\n.*\nmodules here\nlearn\n\/dev\/hvc\d\n/);
    assert.match(terminals, /=== capture\n[\s\S]*listening on v0[\s\S]*\^C\n4 packets captured\n/);
    assert.match(terminals, /=== ping\n.*\npinged\n/);
    assert.match(terminals, /=== second\n.*\n50 100\nd0\n/);
    const failing = readFileSync(path.join(snapshots, 'failing.snap'), 'utf8');
    assert.match(failing, /=== before\n.*\nbefore\n/);
    assert.doesNotMatch(failing, /never typed\n/);
    assert.deepEqual(qemuPids().filter((p) => !before.has(p)), []);
  } finally {
    rmSync(snapshots, { recursive: true, force: true });
  }
});

const before = new Set(qemuPids());

test('a hostile VM lesson reads nothing it should not and changes nothing on the host', VM_TEST, async () => {
  const state = hostState();
  // The lesson finds the host's /root empty: it must not be, for that to mean anything.
  if (process.getuid?.() === 0) assert.ok(readdirSync('/root').length > 0, 'the host\'s /root has files');
  const snapshots = tempDir();
  try {
    const r = await runLearn(['test', fixture('vm', 'hostile.md'), '--snapshots', snapshots]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^5 passed, 0 failed, 0 skipped$/m);
    assert.deepEqual(hostState(), state);
    for (const file of ['/etc/learn-owned', fixture('vm', 'learn-owned')]) assert.equal(existsSync(file), false, file);
  } finally {
    rmSync(snapshots, { recursive: true, force: true });
  }
});

for (const moment of ['while the VM boots', 'while a step runs'] as const) {
  test(`SIGKILL to learn ${moment} leaves no qemu, mount or interface on the host`, VM_TEST, async () => {
    const state = hostState();
    const others = new Set(qemuPids());
    const snapshots = tempDir();
    const learn = spawn(learnCommand, ['test', fixture('vm', 'busy.md'), '--snapshots', snapshots], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '' },
    });
    let output = '';
    learn.stdout.on('data', (d) => (output += d));
    learn.stderr.on('data', (d) => (output += d));
    const ours = (): number[] => qemuPids().filter((p) => !others.has(p));
    try {
      await eventually('qemu to start', () => ours().length === 1, 60_000);
      const qemu = ours()[0]!;
      if (moment === 'while a step runs') {
        await eventually('the step to hold its file open through the share', () => holdsOpen(qemu, 'busy-marker.txt'), 120_000);
      }
      learn.kill('SIGKILL');
      await eventually('learn to exit', () => learn.signalCode !== null || learn.exitCode !== null);
      await eventually('qemu to be gone', () => ours().length === 0, 30_000);
      assert.deepEqual(hostState(), state, output);
    } finally {
      learn.kill('SIGKILL');
      rmSync(snapshots, { recursive: true, force: true });
    }
  });
}

test('a guest kernel panic mid-lesson fails the step, never hangs, and leaves no qemu', VM_TEST, async () => {
  const others = new Set(qemuPids());
  const snapshots = tempDir();
  try {
    const r = await runLearn(['test', fixture('vm', 'panic.md'), '--snapshots', snapshots]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /✗ crash[\s\S]*- after .*\n\s+not run: step "crash" failed/);
    assert.deepEqual(qemuPids().filter((p) => !others.has(p)), []);
  } finally {
    rmSync(snapshots, { recursive: true, force: true });
  }
});

test('a missing VM kernel: a message that says to run learn setup, exit 3', { skip: !existsSync('/usr/bin/qemu-system-x86_64') && 'no qemu', timeout: 60_000 }, async () => {
  const cache = tempDir();
  try {
    const r = await runLearn(['test', fixture('vm', 'failing.md'), '--snapshots', cache], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr, /the VM kernel is not in learn's cache; run `learn setup`/);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
