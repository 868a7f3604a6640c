// Integration: kill -9 learn in the middle of a lesson; the host must be as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fixture, learnCommand } from '../helpers/paths.js';
import { hostState, processesOutsideOurNamespace, pidsRunning, eventually } from '../helpers/host-state.js';

for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to learn mid-lesson leaves nothing behind on the host`, async () => {
    const before = hostState();
    const namespacedBefore = new Set(processesOutsideOurNamespace('net'));
    const snapshots = mkdtempSync(path.join(tmpdir(), 'learn-teardown-'));
    const learn = spawn(learnCommand, ['test', fixture('teardown', 'busy.md'), '--snapshots', snapshots], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '' },
    });
    let output = '';
    learn.stdout.on('data', (d) => (output += d));
    learn.stderr.on('data', (d) => (output += d));
    try {
      await eventually('the lesson to reach its last step', () => pidsRunning('sleep 4444').length === 1);
      // `setsid` forks once more before its exec: the daemon may come up after `sleep 4444`.
      await eventually('the daemonised process to run', () => pidsRunning('sleep 4343').length === 1);
      const sandboxPids = processesOutsideOurNamespace('net').filter((p) => !namespacedBefore.has(p));
      assert.ok(sandboxPids.length >= 4, `sandbox processes seen: ${sandboxPids.length}`);
      learn.kill(signal);
      await eventually('learn to exit', () => learn.exitCode !== null || learn.signalCode !== null);
      await eventually('every sandbox process to be gone', () =>
        sandboxPids.every((pid) => !processAlive(pid)) && pidsRunning('sleep 4242').length === 0 && pidsRunning('sleep 4343').length === 0);
      await eventually('no new network namespace to be in use', () =>
        processesOutsideOurNamespace('net').every((p) => namespacedBefore.has(p)));
      assert.deepEqual(hostState(), before);
      assert.equal(learn.signalCode ?? learn.exitCode, signal === 'SIGKILL' ? 'SIGKILL' : signal === 'SIGINT' ? 130 : 143, output);
    } finally {
      learn.kill('SIGKILL');
      rmSync(snapshots, { recursive: true, force: true });
    }
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
