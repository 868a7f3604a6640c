// `learn init`: a lesson project that passes `learn test` as written, with
// its snapshot recorded by a real run, and a workflow a GitHub Actions runner
// accepts (checked with action-validator, which can also reject).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runLearn } from '../helpers/cli.js';
import { projectRoot } from '../helpers/paths.js';

const validator = path.join(projectRoot, 'node_modules', '.bin', 'action-validator');

function validate(file: string): { status: number | null; output: string } {
  const r = spawnSync(validator, [file], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

test('e2e: learn init writes a project whose sample lesson was run and passes learn test', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learn-init-'));
  try {
    const init = await runLearn(['init', 'demo'], { cwd: dir });
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const project = path.join(dir, 'demo');
    const snapshot = readFileSync(path.join(project, 'snapshots', 'first-namespace.snap'), 'utf8');
    // Recorded from a real run: the sandbox's answers, normalized.
    assert.match(snapshot, /^=== ping\n\$ ping -c 1 -W 2 192\.0\.2\.2 \| grep -o '1 received'\n1 received$/m);
    assert.match(snapshot, /^veth-red@if\[IFINDEX\] +UP +192\.0\.2\.2\/24$/m);
    assert.match(readFileSync(path.join(project, 'README.md'), 'utf8'), /learn test/);
    const tested = await runLearn(['test', '--ci'], { cwd: project });
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout, /3 passed, 0 failed, 0 skipped/);

    const again = await runLearn(['init', 'demo'], { cwd: dir });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /demo\/lessons\/first-namespace\.md, .* already exist; nothing written/);
    assert.equal(readFileSync(path.join(project, 'snapshots', 'first-namespace.snap'), 'utf8'), snapshot);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('e2e: the workflow learn init writes passes action-validator; a broken one does not', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learn-init-'));
  try {
    const init = await runLearn(['init', '--no-run'], { cwd: dir });
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const file = path.join(dir, '.github', 'workflows', 'lessons.yml');
    const workflow = readFileSync(file, 'utf8');
    assert.match(workflow, /learn\)" setup/);
    assert.match(workflow, /learn\)" test\n\s+--reporter pretty --reporter github/);
    const ok = validate(file);
    assert.equal(ok.status, 0, ok.output);
    const broken = path.join(dir, 'broken.yml');
    writeFileSync(broken, workflow.replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04'));
    assert.notEqual(validate(broken).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
