// `learn run` as a person uses it: started in a real pseudo-terminal, keys
// pressed, the screen read back through a terminal emulator. Real sandboxes,
// real shells; the fixture lessons live in test/fixtures/study/.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { fixture } from '../helpers/paths.js';
import { startLearn, type LearnPty, type PtyOptions } from './pty-harness.js';

const SNAPSHOTS = fixture('study', 'snapshots');
const LESSONS = fixture('study', 'lessons');
const running: LearnPty[] = [];

function learn(args: string[], options: PtyOptions = {}): LearnPty {
  const pty = startLearn(args, { cwd: LESSONS, env: { NO_COLOR: '1' }, ...options });
  running.push(pty);
  return pty;
}

afterEach(() => {
  for (const pty of running.splice(0)) pty.dispose();
});

/** The step prompt of step N is on screen (the last line), waiting for a key. */
function atStep(n: number, total: number): (text: string) => boolean {
  return (text) => new RegExp(`step ${n}/${total} [^\\n]*\\n(?:  .*\\n)*▶ Enter run[^\\n]*$`).test(text);
}

/** The terminal modes printed after learn exited (see reportTerminal). */
function terminalModes(text: string): string {
  const at = text.lastIndexOf('speed');
  assert.ok(at !== -1, `no stty output:\n${text}`);
  return text.slice(at);
}

/** Host processes whose command line contains `needle` (none may outlive a lesson). */
function processesRunning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(needle)) found.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return found;
}

/** Of `pids`, those still running `needle`. */
function stillRunning(pids: number[], needle: string): number[] {
  return processesRunning(needle).filter((pid) => pids.includes(pid));
}

/** Processes running `needle` that descend from `ancestor`: this test's, not another checkout's running the same lesson. */
function descendantsRunning(needle: string, ancestor: number): number[] {
  const parentOf = (pid: number): number => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return 0;
    }
  };
  return processesRunning(needle).filter((pid) => {
    for (let p = pid; p > 1; p = parentOf(p)) if (p === ancestor) return true;
    return false;
  });
}

test('study: the prose, then each step shown, run, skipped, compared; the recap at the end', async () => {
  const pty = learn(['run', 'basics', '--snapshots', SNAPSHOTS], { cols: 80 });
  let screen = await pty.waitFor(atStep(1, 4));
  // Prose: heading, emphasis dropped to plain text, inline code, a link with its URL, the diagram as it is.
  assert.match(screen, /^Study basics\n═+$/m);
  assert.match(screen, /Some prose with `inline code`, strong words and a link to the docs\n\(https:\/\/example\.org\/docs\)\./);
  assert.match(screen, /^ {4}\| a \|-------\| b \|$/m);
  // The hidden step ran without asking, as one line.
  assert.match(screen, /^◦ preparation: mkdir -p \/tmp\/work && echo prepared > \/tmp\/work\/… ✓ \(h shows it\)$/m);
  // Before the step: position, section, name, commands.
  assert.match(screen, /── step 1\/4 · Say hello ─+ hello ──\n {2}\$ echo hello from the sandbox\n▶ Enter run · s skip · ! shell · h show hidden · q quit · \? keys$/);

  pty.press('h');
  screen = await pty.waitFor(/── preparation · Study basics[^\n]* prep ──\n {2}\$ mkdir[^\n]*\n✓ as expected[^]*▶ Enter run[^\n]*$/);

  pty.press('\r');
  screen = await pty.waitFor(atStep(2, 4));
  assert.match(screen, /^\$ echo hello from the sandbox\nhello from the sandbox\n✓ as expected \(\d+ ms\)$/m);

  pty.press('s');
  screen = await pty.waitFor(atStep(3, 4));
  assert.match(screen, /veth ──\n {2}\$ ip link add v0 type veth peer name v1\n {2}\$ ip -br link show v0 \| cut -d' ' -f1\n {2}- skipped: skipped by you\n/);

  pty.press('?');
  screen = await pty.waitFor(/Ctrl-C +while a step runs: interrupt it; at a prompt: quit\n\n▶ Enter run[^\n]*$/);

  pty.press('\r');
  screen = await pty.waitFor(/▶ Enter go on anyway · r retry · ! shell, to look around · q quit · \? keys$/);
  assert.match(screen, /^the real output\n≠ your output differs from the lesson's:\n[^]*^ {2}-the recorded output\n {2}\+the real output\n {2}The commands worked, but printed something other than what the lesson\n/m);

  pty.press('\r');
  await pty.waitFor(atStep(4, 4));
  pty.press('\r');
  await pty.waitFor(/▶ Enter end the lesson · ! stay in a shell in the final state$/);
  pty.press('\r');
  screen = await pty.waitFor(/Keep exploring: learn shell basics/);
  assert.match(screen, /^prepared\n• done \(\d+ ms\) \(the lesson has no recorded output for this step\)$/m);
  assert.match(screen, /End of the lesson: Study basics\n {2}steps run: 3 \([^)]+\)\n {2}1 as expected · 1 differed · 1 not compared · 1 skipped\n/);
  assert.match(screen, /learn shell basics --after veth/);
  assert.equal(await pty.exited, 1, 'a step differed: exit status 1, as learn test');
  // 80 columns: every line learn wrote itself fits.
  for (const line of pty.text().split('\n')) assert.ok([...line].length <= 80, `wider than 80: ${line}`);
  assert.doesNotMatch(pty.raw, /\x1b\[(?!0?m)[0-9;]*m/, 'NO_COLOR: no colours at all (a reset at the end is fine)');
});

test('study: ! opens a shell in the same sandbox; exit comes back to the lesson; q quits after asking', async () => {
  const pty = learn(['run', 'basics', '--snapshots', SNAPSHOTS], { reportTerminal: true });
  await pty.waitFor(atStep(1, 4));
  pty.press('\r');
  await pty.waitFor(atStep(2, 4));
  pty.press('\r');
  await pty.waitFor(atStep(3, 4));

  pty.press('!');
  await pty.waitFor(/\(learn:basics\) ~#$/);
  // Same namespaces and files: the veth pair of step 3, the file of the hidden step.
  pty.press('ip -br link show v1 | cut -d" " -f1; cat /tmp/work/state; hostname\r');
  let screen = await pty.waitFor(/^v1@v0\nprepared\nlearn\n\(learn:basics\) ~#$/m);
  // Ctrl-C inside the shell stops the shell's command, not learn.
  pty.press("sh -c 'echo started; exec sleep 60'\r");
  await pty.waitFor(/^started$/m);
  pty.press('\x03');
  await pty.waitFor(/^started\n\^C\n\(learn:basics\) ~#$/m);
  pty.press('echo still-here\r');
  await pty.waitFor(/^still-here$/m);
  // A process left running in the shell goes with the sandbox.
  pty.press('sleep 4242 &\r');
  await pty.waitFor(/^\[1\] \d+$/m);
  pty.press('exit\r');
  screen = await pty.waitFor(/Back in the lesson\.\n\n── step 3\/4[^]*▶ Enter run[^\n]*$/);

  pty.press('q');
  screen = await pty.waitFor(/\? Quit the lesson\? 2 steps not run yet\. y\/N$/);
  pty.press('n');
  await pty.waitFor(atStep(3, 4));
  pty.press('\x03');
  await pty.waitFor(/Quit the lesson\? 2 steps not run yet\. y\/N$/);
  pty.press('y');
  screen = await pty.waitFor(/learn-exit=\d+/);
  assert.match(screen, /You left the lesson: Study basics\n {2}steps run: 2 /);
  assert.match(screen, /learn-exit=0/);
  assert.deepEqual(processesRunning('sleep 4242'), [], 'the sandbox and what ran in it are gone');
  // The terminal is back in cooked mode, echoing, with signals.
  const modes = terminalModes(screen);
  assert.match(modes, /(?<!-)icanon/);
  assert.match(modes, /(?<!-)echo /);
  assert.match(modes, /(?<!-)isig/);
});

/** Lesson `long`: run step 1, start step 2, and wait until its `sleep 100` runs. */
async function untilLongStepRuns(pty: ReturnType<typeof learn>): Promise<void> {
  await pty.waitFor(atStep(1, 3));
  pty.press('\r');
  await pty.waitFor(atStep(2, 3));
  pty.press('\r');
  await pty.waitFor(/^sleeping$/m);
}

test('study: Ctrl-C interrupts a long step inside the sandbox; the lesson goes on', async () => {
  const pty = learn(['run', 'long', '--snapshots', SNAPSHOTS], { reportTerminal: true });
  await untilLongStepRuns(pty);
  assert.equal(descendantsRunning('sleep 100', pty.learnPid()).length, 1, 'the sleep runs');
  const started = Date.now();
  pty.press('\x03');
  let screen = await pty.waitFor(/▶ Enter go on anyway[^\n]*$/, 10_000);
  assert.ok(Date.now() - started < 5000, 'the step stopped at once, not at its timeout');
  assert.match(screen, /^\$ sh -c 'echo sleeping; exec sleep 100'; echo slept\nsleeping\n\^C\n■ interrupted: you pressed Ctrl-C/m);
  assert.doesNotMatch(screen, /slept\n■/);
  assert.deepEqual(descendantsRunning('sleep 100', pty.learnPid()), [], 'the sleep is gone');

  pty.press('\r');
  await pty.waitFor(atStep(3, 3));
  pty.press('\r');
  await pty.waitFor(/▶ Enter end the lesson[^\n]*$/);
  pty.press('\r');
  screen = await pty.waitFor(/learn-exit=\d+/);
  assert.match(screen, /^\$ echo after\nafter\n✓ as expected/m);
  assert.match(screen, /1 interrupted/);
  assert.match(screen, /learn-exit=1/);
  assert.match(terminalModes(screen), /(?<!-)icanon/);
});

test('study: SIGTERM while a step runs removes the sandbox and gives the terminal back', async () => {
  const pty = learn(['run', 'long', '--snapshots', SNAPSHOTS], { reportTerminal: true });
  await untilLongStepRuns(pty);
  const sleeps = descendantsRunning('sleep 100', pty.learnPid());
  assert.equal(sleeps.length, 1);
  process.kill(pty.learnPid(), 'SIGTERM');
  const screen = await pty.waitFor(/learn-exit=\d+/);
  assert.match(screen, /learn: SIGTERM: stopping, tearing down sandboxes/);
  assert.match(screen, /learn-exit=143/);
  assert.deepEqual(stillRunning(sleeps, 'sleep 100'), [], 'the sandbox and its processes are gone');
  const modes = terminalModes(screen);
  assert.match(modes, /(?<!-)icanon/);
  assert.match(modes, /(?<!-)echo /);
});

test('study: --from replays the earlier steps quietly and starts there', async () => {
  const pty = learn(['run', 'lessons/basics.md', '--from', 'veth', '--snapshots', SNAPSHOTS], { cwd: fixture('study') });
  const screen = await pty.waitFor(atStep(2, 4));
  assert.match(screen, /✓ replayed 1 step and 1 preparation step \([^)]+\); studying from step 2\/4 \(veth\)/);
  assert.doesNotMatch(screen, /Some prose with/, 'the prose before the step is not shown again');
  assert.doesNotMatch(screen, /hello from the sandbox/, 'replayed steps are quiet');
  assert.match(screen, /^A pair of interfaces\n─+$/m);
  pty.press('\r');
  await pty.waitFor(/^v0@v1\n✓ as expected/m);
  await pty.waitFor(atStep(3, 4));
  pty.press('q');
  await pty.waitFor(/Quit the lesson\?/);
  pty.press('y');
  assert.equal(await pty.exited, 0);
});

test('study: --yes runs every step without a key, in a 200-column window, in colour', async () => {
  const pty = learn(['run', 'basics.md', '--yes', '--snapshots', SNAPSHOTS], { cols: 200, env: { FORCE_COLOR: '1' } });
  const screen = await pty.waitFor(/Keep exploring/);
  assert.equal(await pty.exited, 1);
  assert.doesNotMatch(screen, /▶ Enter/, 'nothing waited for a key');
  // Prose is wrapped at most 100 columns wide, even in a wide window: this line fits whole.
  assert.match(screen, /^Some prose with inline code, strong words and a link to the docs \(https:\/\/example\.org\/docs\)\.$/m);
  assert.match(screen, /^── step 1\/4 · Say hello ─+ hello ──$/m);
  const header = screen.split('\n').find((l) => l.startsWith('── step 1/4'))!;
  assert.equal([...header].length, 100);
  assert.match(pty.raw, /\x1b\[1mstrong words\x1b\[22m/, 'FORCE_COLOR: styled prose');
  assert.match(pty.raw, /\x1b\[32m✓\x1b\[39m \x1b\[32mas expected/, 'FORCE_COLOR: coloured verdicts');
  assert.match(screen, /your output differs from the lesson's/);
});

test('study: a step\'s output streams as the terminal shows it: colours, and progress redrawn on one line', async () => {
  for (const [env, colored] of [[{ FORCE_COLOR: '1' }, true], [{ NO_COLOR: '1' }, false]] as const) {
    const pty = learn(['run', 'colors', '--yes', '--snapshots', SNAPSHOTS], { env });
    const screen = await pty.waitFor(/End of the lesson/);
    assert.match(screen, /^green and plain\n\$ for i in[^\n]*\nloading 99%\n✓ as expected/m);
    assert.doesNotMatch(screen, /^loading 33%/m, 'the progress line was redrawn in place');
    assert.match(pty.raw, /\rloading 66%\rloading 99%/);
    assert.equal(/\x1b\[32mgreen\x1b\[0m/.test(pty.raw), colored, `colours ${colored ? 'kept' : 'dropped'}`);
    assert.equal(await pty.exited, 0);
  }
});

test('study: a failing hidden step opens up; background steps report when they settle; norun steps are shown only', async () => {
  const pty = learn(['run', 'background', '--snapshots', SNAPSHOTS]);
  let screen = await pty.waitFor(/▶ Enter go on anyway[^\n]*$/);
  assert.match(screen, /── preparation · In the background ─+ bad-prep ──\n {2}\$ echo preparing\n {2}preparing\n {2}\$ false\n✗ this step failed: exited with status 1, expected status 0 \(background\.md:10\)\n  the lesson expected to see:\n {4}\$ echo preparing\n {4}preparing\n {4}\$ true\n/);
  pty.press('\r');
  await pty.waitFor(atStep(1, 4));
  pty.press('\r');
  screen = await pty.waitFor(atStep(2, 4));
  assert.match(screen, /^\$ echo listening; sleep 60\nlistening\n⟳ running in the background in terminal srv; the lesson goes on$/m);
  pty.press('\r');
  screen = await pty.waitFor(atStep(3, 4));
  assert.match(screen, /stop \(terminal srv\) ──\n {2}press Ctrl-C in terminal srv\n▶/);
  pty.press('\r');
  await pty.waitFor(/▶ Enter end the lesson[^\n]*$/);
  pty.press('\r');
  screen = await pty.waitFor(/End of the lesson/);
  assert.match(screen, /✓ sent Ctrl-C to terminal srv[^\n]*\n\n── step 1\/4[^\n]*server[^\n]*\n {2}output of the background step server \(terminal srv\):\n {2}\$ echo listening; sleep 60\n {2}listening\n {2}\^C\n✓ as expected/);
  assert.match(screen, /host-only ──\n {2}\$ reboot\n {2}\(shown only: this step is not run in the sandbox\)/);
  assert.match(screen, /steps run: 3 [^\n]*\n {2}3 as expected · 0 differed · 1 skipped · 1 preparation step failed/);
  assert.equal(await pty.exited, 1);
});

test('study: learn shell opens a shell in the state after a step, and removes the sandbox on exit', async () => {
  const pty = learn(['shell', 'basics', '--after', '2'], { reportTerminal: true });
  let screen = await pty.waitFor(/\(learn:basics\) ~#$/);
  // The banner is wrapped at word boundaries to the window.
  assert.match(screen.replace(/\s+/g, ' '), /Study basics: a shell in a fresh sandbox, in the state of the lesson after step 2\/4 \(veth\)\./);
  pty.press('ip -br link show v0 | cut -d" " -f1; cat /tmp/work/state\r');
  await pty.waitFor(/^v0@v1\nprepared\n/m);
  pty.press('exit\r');
  screen = await pty.waitFor(/learn-exit=\d+/);
  assert.match(screen, /learn: sandbox removed/);
  assert.match(screen, /learn-exit=0/);
  assert.match(terminalModes(screen), /(?<!-)icanon/);
});

test('study: a learner types a step, solves a task with their own commands, gets a hint, quits, resumes, retries a step', async () => {
  const state = mkdtempSync(path.join(tmpdir(), 'learn-state-'));
  let pty = learn(['run', 'task', '--snapshots', SNAPSHOTS], { env: { NO_COLOR: '1', XDG_STATE_HOME: state } });
  await pty.waitFor(atStep(1, 5));
  // Type it yourself: what they typed runs; the difference is shown, not refused.
  pty.press('y');
  await pty.waitFor(/you \$$/);
  pty.press('mkdir -p /tmp/work/sub\r');
  let screen = await pty.waitFor(/◆ task made-file[^]*\(learn:task\) ~#$/);
  assert.match(screen, /i you typed {7}mkdir -p \/tmp\/work\/sub\n {4}the lesson has {2}mkdir -p \/tmp\/work\n/);
  assert.match(screen, /^\$ mkdir -p \/tmp\/work\/sub$/m);
  // Their own command, which does not do the task: the check fails, and says so at the task's keys.
  pty.press('echo not yet > /tmp/work/other\r');
  await pty.waitForCount('(learn:task) ~#', 2);
  // A line half typed when they leave the prompt for the task's keys.
  pty.press('touch /tmp/wo');
  await pty.waitFor(/~# touch \/tmp\/wo$/);
  pty.press('\x1d');
  screen = await pty.waitFor(/not done yet: the task's check exits with status 1\n▶ Enter your prompt · h hint · s solution · r run it · k skip · q quit$/);
  pty.press('h');
  screen = await pty.waitFor(/hint 1\/1:\n {2}`touch` makes an empty file\.\n\n[^]*▶ Enter your prompt · s solution/);
  pty.press('\r');
  // Back at the prompt: it is drawn again under learn's lines, with what they had typed; they go on typing.
  await pty.waitFor(/back at your prompt\n\(learn:task\) ~# touch \/tmp\/wo$/);
  pty.press('rk/done\r');
  screen = await pty.waitFor(/✓ task done: the check passes\n[^]*The file is there:[^]*▶ Enter run[^\n]*$/);
  // The solution was not run for them, and their own file from the shell is in the lesson's sandbox.
  assert.doesNotMatch(screen, /\$ touch \/tmp\/work\/done\n/);
  pty.press('\r');
  screen = await pty.waitFor(atStep(5, 5));
  assert.match(screen, /^done  other  sub$/m);
  // Quit here: learn says where to resume, and the exact command.
  pty.press('q');
  await pty.waitFor(/Quit the lesson\? 1 step not run yet\. y\/N$/);
  pty.press('y');
  screen = await pty.waitFor(/learn-exit=\d+/);
  // Wrapped at spaces (80 columns here), the exact command whole on its own line.
  assert.match(screen, /Your place is saved: step 5\/5 \(flaky\)\. `learn run task` offers to resume there;\nexactly:\nlearn run task --from flaky\n/);
  const saved = JSON.parse(readFileSync(path.join(state, 'learn', 'progress.json'), 'utf8'));
  const entry = saved.lessons[path.join(LESSONS, 'task.md')];
  assert.deepEqual([entry.step, entry.number, entry.done, entry.solved], ['flaky', 5, false, ['made-file']]);
  pty.dispose();

  // Again: learn offers to resume, replays the steps before (the task by its solution), and goes on.
  pty = learn(['run', 'task', '--snapshots', SNAPSHOTS], { env: { NO_COLOR: '1', XDG_STATE_HOME: state } });
  await pty.waitFor(/You were at step 5\/5 \(flaky\), 1\/1 task solved\. Resume there \(the steps before it are replayed\)\? Y\/n$/);
  pty.press('y');
  screen = await pty.waitFor(atStep(5, 5));
  assert.match(screen, /✓ replayed 4 steps [^\n]*; studying from step 5\/5 \(flaky\)/);
  // A step that fails: r runs it again.
  pty.press('\r');
  screen = await pty.waitFor(/▶ Enter go on anyway · r retry[^\n]*$/);
  assert.match(screen, /✗ this step failed/);
  pty.press('r');
  screen = await pty.waitFor(/Running flaky again\.[^]*✓ as expected|Running flaky again\.[^]*• done/);
  await pty.waitFor(/▶ Enter end the lesson[^\n]*$/);
  pty.press('\r');
  assert.equal(await pty.exited, 1, 'a step failed once: exit status 1');
  const after = JSON.parse(readFileSync(path.join(state, 'learn', 'progress.json'), 'utf8'));
  assert.equal(after.lessons[path.join(LESSONS, 'task.md')].done, true);
});

test('study: r after a step the learner typed runs what they typed again, and says so', async () => {
  const pty = learn(['run', 'task', '--from', 'flaky', '--snapshots', SNAPSHOTS]);
  await pty.waitFor(atStep(5, 5));
  pty.press('y');
  await pty.waitFor(/you \$$/);
  // Their own command fails the first time and works the second; the lesson's would fail both times.
  pty.press('test -e /tmp/work/mine || { touch /tmp/work/mine; false; }\r');
  let screen = await pty.waitFor(/▶ Enter go on anyway · r retry[^\n]*$/);
  assert.match(screen, /✗ this step failed/);
  pty.press('r');
  screen = await pty.waitFor(/▶ Enter end the lesson[^\n]*$/);
  assert.match(screen, /Running what you typed again\.\n── step 5\/5[^\n]*flaky ──\n {2}\$ test -e \/tmp\/work\/mine[^\n]*\n\$ test -e \/tmp\/work\/mine[^\n]*\n(?:✓ as expected|• done)/);
  assert.doesNotMatch(screen.slice(screen.indexOf('Running what you typed again')), /\/tmp\/work\/once/, 'the lesson\'s command did not run');
  pty.press('\r');
  assert.equal(await pty.exited, 1, 'the first try failed');
});

/** A lesson whose introduction is longer than any of the windows below: numbered paragraphs, a diagram, then one step. */
function longIntroLesson(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-intro-'));
  const paragraphs = Array.from({ length: 18 }, (_, i) => `Paragraph ${String(i + 1).padStart(2, '0')} of the introduction, long enough to be wrapped in a narrow window.`);
  const diagram = ['```text', '  a ---- b', '  |      |', '  c ---- d', '```'].join('\n');
  const text = `---\ntitle: A long introduction\n---\n# A long introduction\n\n${paragraphs.join('\n\n')}\n\n${diagram}\n\nThe first step:\n\n\`\`\`sh {#first}\necho first\n\`\`\`\n`;
  writeFileSync(path.join(dir, 'intro.md'), text);
  return dir;
}

test('study: a long introduction is held a screenful at a time, at 80x30 and 60x20, none of it scrolled away unread; i shows it again', async () => {
  for (const [cols, rows] of [[80, 30], [60, 20]] as const) {
    const dir = longIntroLesson();
    const pty = learn(['run', 'intro.md', '--snapshots', dir], { cwd: dir, cols, rows });
    const screens: string[][] = [];
    const screen = (): string[] => pty.rows().slice(-rows);
    for (;;) {
      const before = screens.at(-1)?.join('\n');
      await pty.waitFor(() => {
        const now = screen();
        return now.join('\n') !== before && /^▶ Enter (more|run)/.test(now.at(-1) ?? '');
      });
      screens.push(screen());
      if (/^▶ Enter run/.test(screens.at(-1)?.at(-1) ?? '')) break;
      pty.press('\r');
    }
    assert.ok(screens.length >= 2, `${cols}x${rows}: held at least once`);
    assert.match(screens[0]?.join('\n') ?? '', /^A long introduction$/m, 'the first screen starts with the banner');
    // Every row written before the first step's prompt was on screen at a prompt, so it could be read.
    const seen = new Set(screens.flat().map((r) => r.trimEnd()));
    const written = pty.rows().map((r) => r.trimEnd()).filter((r) => r !== '' && !r.startsWith('▶'));
    for (const row of written) assert.ok(seen.has(row), `${cols}x${rows}: scrolled away unread: ${row}`);
    // i: the introduction again, held the same way; s shows the rest at once.
    pty.press('i');
    await pty.waitFor(/introduction, again[^]*▶ Enter more · s the rest at once$/);
    pty.press('s');
    await pty.waitFor(/\n +c ---- d\n[^]*step 1\/1[^\n]*\n {2}\$ echo first\n▶ Enter run[^\n]*$/);
    pty.press('q');
    await pty.waitFor(/Quit the lesson\?/);
    pty.press('y');
    assert.equal(await pty.exited, 0);
    pty.dispose();
  }
});

test('study: learn shell\'s banner wraps at word boundaries in a narrow window', async () => {
  const pty = learn(['shell', 'basics', '--after', '2'], { cols: 60, rows: 20 });
  await pty.waitFor(/\(learn:basics\) ~#$/);
  const rows = pty.rows().filter((row) => row.trim() !== '');
  const banner = rows.slice(0, rows.findIndex((row) => row.startsWith('(learn:basics)')));
  assert.ok(banner.length >= 3, banner.join('\n'));
  // Rows broken only at spaces: joined with one, they give the sentences back whole.
  const joined = banner.map((row) => row.trimEnd()).join(' ');
  assert.ok(joined.includes('Study basics: a shell in a fresh sandbox, in the state of the lesson after step 2/4 (veth).'), joined);
  assert.ok(joined.includes('Nothing you do here touches this machine. Type exit (or Ctrl-D) to leave; the sandbox goes with the shell.'), joined);
  for (const row of banner) assert.ok(row.length <= 60, row);
  pty.press('exit\r');
  assert.equal(await pty.exited, 0);
});

test('study: a lesson this machine cannot run is offered to read, with the reason, and exits 3', async () => {
  const pty = learn(['run', 'needs', '--snapshots', SNAPSHOTS]);
  const screen = await pty.waitFor(/learn-exit=\d+/);
  assert.match(screen, /this machine cannot run needs\.md: missing program: learn-no-such-program/);
  assert.match(screen, /Here is the lesson to read; its steps are shown, not run\./);
  assert.match(screen, /^Needs a program\n═+$/m);
  assert.match(screen, /── step 1\/1[^\n]*\n {2}\$ learn-no-such-program --version/);
  assert.match(screen, /learn-exit=3/);
});
