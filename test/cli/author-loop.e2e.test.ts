// The author's loop from the outside: live lines in a piped log, --bail,
// --version, unknown options, files that are no lessons, Ctrl-C and SIGTERM
// during a run. Real sandboxes, real terminals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runLearn } from '../helpers/cli.js';
import { fixture, projectRoot, learnCommand } from '../helpers/paths.js';

const SLOW = path.relative(projectRoot, fixture('loop', 'lessons', 'slow.md'));
const CI_LESSONS = path.relative(projectRoot, fixture('ci', 'lessons'));
const CI_SNAPSHOTS = path.relative(projectRoot, fixture('ci', 'snapshots'));

/** Start `learn test SLOW`, wait for its first step's line, send `signal`, collect the end. */
function interrupted(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(learnCommand, ['test', SLOW], {
      cwd: projectRoot,
      env: { ...process.env, CI: '', NO_COLOR: '1', GITHUB_ACTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      // The first step has ended and the second (sleep 60) is running.
      if (!sent && /1\/2 \S+ ready/.test(stdout)) {
        sent = true;
        setTimeout(() => child.kill(signal), 300);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr }));
  });
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`e2e: ${signal} during learn test tears down and exits ${code} without an internal error`, async () => {
    const r = await interrupted(signal);
    assert.equal(r.code, code, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`learn: ${signal}: stopping, tearing down sandboxes`));
    assert.doesNotMatch(r.stderr, /internal error|already closed|\n\s+at /);
  });
}

test('e2e: piped output has a line as each lesson starts and each step ends, before the lesson block', async () => {
  const r = await runLearn(['test', path.join(CI_LESSONS, 'basics.md'), '--snapshots', CI_SNAPSHOTS, '--jobs', '1']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const start = r.stdout.indexOf(`▶ ${path.join(CI_LESSONS, 'basics.md')}: 3 steps`);
  const step = r.stdout.indexOf(`${path.join(CI_LESSONS, 'basics.md')} 1/3 ✓ hello`);
  const block = r.stdout.search(/^test\/fixtures\/ci\/lessons\/basics\.md {2}Basics$/m);
  assert.ok(start >= 0 && step > start && block > step, r.stdout);
});

test('e2e: a file that is not Markdown, or a lesson with no steps, is an error (exit 2) naming the file', async () => {
  const passwd = await runLearn(['test', '/etc/passwd']);
  assert.equal(passwd.code, 2, passwd.stdout + passwd.stderr);
  assert.match(passwd.stderr, /\/etc\/passwd is not a lesson: lessons are Markdown files \(\.md\)/);
  const prose = path.relative(projectRoot, fixture('loop', 'not-lessons', 'prose.md'));
  const empty = await runLearn(['test', prose]);
  assert.equal(empty.code, 2, empty.stdout + empty.stderr);
  assert.match(empty.stdout, new RegExp(`${prose.replace(/[./]/g, '\\$&')}:1: no steps`));
});

test('e2e: control bytes of a snapshot are shown as symbols in the human report, never sent to the terminal', async () => {
  const lesson = path.relative(projectRoot, fixture('loop', 'control', 'lessons', 'control.md'));
  const envs: Array<Record<string, string>> = [{ NO_COLOR: '1' }, { NO_COLOR: '', FORCE_COLOR: '1' }];
  for (const env of envs) {
    const r = await runLearn(['test', lesson, '--ci'], { env });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /-␛\]0;pwned␇hel␛\[2Jlo␛\[31m/);
    // Only the report's own colours (SGR) may remain.
    const stray = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    assert.doesNotMatch(stray, /[\x00-\x08\x0b-\x1f\x7f]/, JSON.stringify(r.stdout));
    if (env.FORCE_COLOR) assert.match(r.stdout, /\x1b\[31m-.*␛\[31m\x1b\[0m/);
  }
});

test('e2e: --bail stops at the first failing lesson and says how many were not run', async () => {
  const lessons = ['differs.md', 'basics.md', 'terminals.md'].map((f) => path.join(CI_LESSONS, f));
  const r = await runLearn(['test', ...lessons, '--snapshots', CI_SNAPSHOTS, '--jobs', '1', '--bail', '--reporter', 'tap']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^not ok 1 - test\/fixtures\/ci\/lessons\/differs\.md$/m);
  assert.doesNotMatch(r.stdout, /basics\.md|terminals\.md/);
  assert.match(r.stdout, /^Bail out! 2 of 3 lessons not run \(--bail\)$/m);
  assert.match(r.stderr, /--bail: stopped after a failing lesson; 2 lessons not run/);
  const all = await runLearn(['test', ...lessons, '--snapshots', CI_SNAPSHOTS, '--jobs', '1', '--reporter', 'tap']);
  assert.match(all.stdout, /^ok 3 - test\/fixtures\/ci\/lessons\/terminals\.md$/m);
});

test('e2e: --version and -v print the version; an unknown option names the help and the closest option', async () => {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) {
    const r = await runLearn([flag]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`^learn ${pkg.version.replace(/\./g, '\\.')} `));
  }
  const typo = await runLearn(['test', '--updaet']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown option --updaet for learn test \(did you mean --update\?\); see `learn test --help`/);
  const bale = await runLearn(['test', '--bale']);
  assert.match(bale.stderr, /did you mean --bail\?/);
});

test('e2e: --root DIR points at a lesson project from any folder; a folder without lessons/ is an error', async () => {
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'learn-root-'));
  try {
    const root = fixture('ci');
    const list = await runLearn(['--root', root, 'list', 'basics'], { cwd: elsewhere });
    assert.equal(list.code, 0, list.stdout + list.stderr);
    assert.match(list.stdout, new RegExp(`^1 lesson, 1 can run here {2}from ${root.replace(/[.]/g, '\\.')}/lessons \\(this project\\)$`, 'm'));
    const tested = await runLearn(['test', `--root=${root}`, 'basics', '--ci'], { cwd: elsewhere });
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout, /3 passed, 0 failed, 0 skipped/);
    const bad = await runLearn(['--root', elsewhere, 'list'], { cwd: elsewhere });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--root .*: no lessons\/ folder in /);
    assert.deepEqual(readdirSync(elsewhere), []);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
