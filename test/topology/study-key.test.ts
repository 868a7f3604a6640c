// `t` in `learn run`: the sandbox's network drawn as it is now, with what the
// learner changed in the `!` shell. A real pseudo-terminal, a real sandbox.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { fixture } from '../helpers/paths.js';
import { startLearn, type LearnPty } from '../study/pty-harness.js';

const running: LearnPty[] = [];
afterEach(() => {
  for (const pty of running.splice(0)) pty.dispose();
});

// basics has 4 steps the learner sees (and a hidden one, not numbered).
const atStep = (n: number): RegExp => new RegExp(`step ${n}/4 [^\\n]*\\n(?:  .*\\n)*▶ Enter run[^\\n]*$`);

test('study: t draws the topology, the learner\'s own changes in the shell included', async () => {
  const pty = startLearn(['run', 'basics', '--snapshots', fixture('study', 'snapshots')], { cwd: fixture('study', 'lessons'), env: { NO_COLOR: '1' }, cols: 70, rows: 60 });
  running.push(pty);
  await pty.waitFor(atStep(1));
  pty.press('\r');
  await pty.waitFor(atStep(2));
  pty.press('\r');
  await pty.waitFor(atStep(3));
  pty.press('t');
  let screen = await pty.waitFor(/│ v1 +veth +down +├─┘[^]*▶ Enter run[^\n]*$/);
  assert.match(screen, /┌─ host · the sandbox's own ─+┐\n│ lo +loopback +up +127\.0\.0\.1\/8[^\n]*│\n│ v0 +veth +down +├─┐\n│ v1 +veth +down +├─┘/);
  // The learner's own change, made in the shell, shows in the next picture.
  pty.press('!');
  await pty.waitFor(/\(learn:basics\) ~#$/);
  pty.press('ip netns add mine && ip link set v1 netns mine && ip -n mine addr add 192.0.2.7/24 dev v1 && ip link set v0 up; exit\r');
  await pty.waitFor(/Back in the lesson\.\n\n── step 3\/4[^]*▶ Enter run[^\n]*$/);
  pty.press('t');
  screen = await pty.waitFor(/┌─ mine ─[^]*│ v1 +veth +down +192\.0\.2\.7\/24 +├─┘[^]*▶ Enter run[^\n]*$/);
  assert.match(screen, /│ v0 +veth +no-carrier +├─┐/);
  pty.press('q');
  await pty.waitFor(/y\/N$/);
  pty.press('y');
  await pty.exited;
});
