// `learn run` without a terminal (CI, pipes), `learn list` and `learn shell`
// fed from a pipe: the real CLI, real sandboxes, the study fixtures.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture, learnCommand } from '../helpers/paths.js';

const SNAPSHOTS = fixture('study', 'snapshots');
const LESSONS = fixture('study', 'lessons');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `learn ARGS` with stdin a pipe (given `input`, then closed): never a terminal. */
function learn(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(learnCommand, [...args], {
      cwd: options.cwd ?? LESSONS,
      env: { ...process.env, CI: '', NO_COLOR: '1', FORCE_COLOR: '', GITHUB_ACTIONS: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(options.input ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('run without a terminal: the transcript with verdicts; a differing step makes the exit status 1', async () => {
  const { code, stdout } = await learn(['run', 'basics', '--snapshots', SNAPSHOTS]);
  assert.equal(code, 1);
  assert.match(stdout, /^Study basics · A small lesson for the study mode's tests\n/);
  assert.match(stdout, /── preparation · Study basics ─+ prep ──\n[^]*── step 1\/4 · Say hello ─+ hello ──\n {2}\$ echo hello from the sandbox\n {2}hello from the sandbox\n✓ as expected \(\d+ ms\)\n/);
  assert.match(stdout, /── step 3\/4 · An output that differs ─+ differ ──\n {2}\$ echo the real output\n {2}the real output\n≠ your output differs from the lesson's:\n {2}--- snapshot\n {2}\+\+\+ this run\n/);
  assert.match(stdout, /prepared\n• done \(\d+ ms\) \(the lesson has no recorded output for this step\)/);
  assert.match(stdout, /End of the lesson: Study basics\n {2}steps run: 4 \([^)]+\)\n {2}2 as expected · 1 differed · 1 not compared · 0 skipped\n$/);
  assert.doesNotMatch(stdout, /\x1b/, 'no escapes in a transcript without colours');
});

test('run without a terminal: every step as expected is exit status 0; the name works with .md and a path', async () => {
  for (const [name, cwd] of [['passing', LESSONS], ['passing.md', LESSONS], ['lessons/passing.md', fixture('study')], ['passing', fixture('study', 'snapshots')], ['lessons/passing.md', fixture('study', 'snapshots')]] as const) {
    const { code, stdout, stderr } = await learn(['run', name, '--snapshots', SNAPSHOTS], { cwd });
    assert.equal(code, 0, `${name} from ${cwd}: ${stderr}`);
    assert.match(stdout, /2 as expected · 0 differed · 0 skipped/);
  }
});

test('run without a terminal in CI: a step without a recorded output fails, as in learn test', async () => {
  const { code, stdout } = await learn(['run', 'basics', '--from', 'unrecorded', '--snapshots', SNAPSHOTS], { env: { CI: '1' } });
  assert.equal(code, 1);
  assert.match(stdout, /no snapshot for step "unrecorded"/);
});

test('run: --from shows only the steps from there on; failures before it still show', async () => {
  // Numbered as the learner sees steps: the hidden preparation step is not counted, so 4 is the last one.
  const { code, stdout } = await learn(['run', 'basics', '--from', '4', '--snapshots', SNAPSHOTS]);
  assert.equal(code, 1, 'the differing step 3 still counts');
  assert.match(stdout, /running the steps before step 4\/4 \(unrecorded\) quietly \(--from\)/);
  assert.match(stdout, /^basics\.md · 4 steps \(and 1 hidden preparation step\)$/m);
  assert.doesNotMatch(stdout, /step 1\/4/);
  assert.match(stdout, /step 3\/4[^]*your output differs/);
  assert.match(stdout, /step 4\/4 · No recorded output/);
});

test('run: an unknown lesson names the close matches; a bad --from lists the steps (exit status 2)', async () => {
  const unknown = await learn(['run', 'basic']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no such lesson: basic; did you mean basics\?/);
  const badFrom = await learn(['run', 'basics', '--from', 'nowhere']);
  assert.equal(badFrom.code, 2);
  assert.match(badFrom.stderr, /--from: no step "nowhere" in [^ ]*basics\.md \(steps: prep \(hidden\), 1:hello, 2:veth, 3:differ, 4:unrecorded\)/);
  // Numbers count the steps the learner sees: basics has 4 (and a hidden one), so there is no step 5.
  const pastEnd = await learn(['run', 'basics', '--from', '5']);
  assert.equal(pastEnd.code, 2);
  assert.match(pastEnd.stderr, /--from: no step "5"/);
  const none = await learn(['run']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /learn run needs a lesson/);
});

test('run: an invalid lesson is reported at its lines (exit status 2)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-study-'));
  try {
    writeFileSync(path.join(dir, 'bad.md'), '# Bad\n\n```sh {#one hiden}\ntrue\n```\n');
    const { code, stderr } = await learn(['run', path.join(dir, 'bad.md')], { cwd: dir });
    assert.equal(code, 2);
    assert.match(stderr, /bad\.md is not a valid lesson:\n {2}[^\n]*bad\.md:3: [^\n]*hiden/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('run: a lesson this machine cannot run says why (exit status 3)', async () => {
  const { code, stderr } = await learn(['run', 'needs']);
  assert.equal(code, 3);
  assert.match(stderr, /this machine cannot run [^ ]*needs\.md: missing program: learn-no-such-program/);
});

test('list: the lessons in curriculum order, with title, summary, steps, and whether they run here', async () => {
  const { code, stdout } = await learn(['list'], { env: { COLUMNS: '80', XDG_STATE_HOME: mkdtempSync(path.join(tmpdir(), 'learn-state-')) } });
  assert.equal(code, 0);
  const names = [...stdout.matchAll(/^ ?\d+\. (\S+)/gm)].map((m) => m[1]);
  assert.deepEqual(names, ['passing', 'basics', 'long', 'needs', 'background', 'colors', 'task'], 'the order of lessons/README.md');
  assert.match(stdout, /^7 lessons, 6 can run here {2}from \S+\/test\/fixtures\/study\/lessons \(this project\)$/m);
  assert.match(stdout, /2\. basics {2}Study basics {2}4 steps {2}✓ runs here\n {3}A small lesson for the study mode's tests\n/);
  assert.match(stdout, /4\. needs {2}Needs a program {2}1 step {2}✗ cannot run here\n {3}Asks for a program no machine has\n {3}missing program: learn-no-such-program\n {3}you: not started\n/);
  assert.match(stdout, /7\. task {2}A task {2}5 steps {2}✓ runs here\n {3}you: not started, 1 task\n/);
});

test('shell: fed from a pipe, runs in the state after the step, then removes the sandbox', async () => {
  // By name; `--after 2` names the same step (the hidden preparation step is not counted).
  for (const after of ['veth', '2']) {
    const { code, stdout, stderr } = await learn(['shell', 'basics', '--after', after], {
      input: 'ip -br link show v1 | cut -d" " -f1; cat /tmp/work/state; echo "lesson=$LEARN_LESSON"\nexit 0\n',
    });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^v1@v0\r?$/m);
    assert.match(stdout, /^prepared\r?$/m);
    assert.match(stdout, /^lesson=basics\r?$/m);
    assert.match(stdout, /\(learn:basics\)/);
    assert.match(stderr, /in the state of the lesson after step 2\/4 \(veth\)/);
    assert.match(stderr, /learn: sandbox removed/);
  }
});

test('shell: --after 0 is the state before any step; an unknown step is exit status 2', async () => {
  const before = await learn(['shell', 'basics', '--after', '0'], { input: 'test -e /tmp/work/state && echo has-state || echo no-state\nexit\n' });
  assert.equal(before.code, 0);
  assert.match(before.stdout, /^no-state\r?$/m);
  const bad = await learn(['shell', 'basics', '--after', '9']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--after: no step "9"/);
});

test('shell: piped commands without an exit at their end: the shell ends when its input does', async () => {
  // Given a minute (a hang is the bug); SIGTERM then, so a failing test leaves no sandbox behind.
  const child = spawn(learnCommand, ['shell', 'basics', '--after', 'veth'], {
    cwd: LESSONS,
    env: { ...process.env, CI: '', NO_COLOR: '1', FORCE_COLOR: '', GITHUB_ACTIONS: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stdin.end('echo one\necho two\n');
  const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  assert.equal(code, 0, `learn shell did not end with its input:\n${stdout}`);
  assert.match(stdout, /^one\r?$/m);
  assert.match(stdout, /^two\r?$/m);
});

test('shell: with input at its end at once (</dev/null), it exits; piped, no terminal escapes reach stdout', async () => {
  // FORCE_COLOR: colours asked for, yet a pipe gets plain text.
  const { code, stdout, stderr } = await learn(['shell', 'basics'], { input: '', env: { NO_COLOR: '', FORCE_COLOR: '1', COLUMNS: '40' } });
  assert.equal(code, 0, stderr);
  assert.match(stdout, /\(learn:basics\) ~# /);
  assert.doesNotMatch(stdout, /\x1b/, 'no escape sequence at all on stdout');
  assert.match(stderr, /learn: sandbox removed/);
});

