// Integration: a real bash in a real pty inside a real sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, SANDBOX_RC, type Sandbox } from '../../src/sandbox/sandbox.js';
import { newNonce } from '../../src/session/markers.js';
import { spawnPty } from '../../src/session/pty.js';
import { lessonTerminalFiles } from '../../src/session/open.js';
import { ShellTerminal, type LineToType } from '../../src/session/terminal.js';
import { renderScreen } from '../../src/render/screen.js';
import { projectRoot } from '../helpers/paths.js';

let sandbox: Sandbox;
const terminals: ShellTerminal[] = [];

before(async () => {
  sandbox = await createSandbox({ lessonDir: projectRoot, files: lessonTerminalFiles() });
});

after(async () => {
  await Promise.all(terminals.map((t) => t.close()));
  await sandbox.close();
});

async function openTerminal(name = 'main'): Promise<ShellTerminal> {
  const nonce = newNonce();
  const { file, args } = sandbox.command(['/bin/bash', '--noprofile', '--rcfile', SANDBOX_RC, '--noediting', '-i']);
  const pty = spawnPty(file, args, { cols: 100, rows: 50, env: { ...sandbox.env, LEARN_NONCE: nonce } });
  const terminal = new ShellTerminal(name, pty, nonce);
  terminals.push(terminal);
  await terminal.ready(10_000);
  return terminal;
}

const lines = (...texts: string[]): LineToType[] => texts.map((text, i) => ({ line: i + 1, text }));
const run = (t: ShellTerminal, texts: string[], timeoutMs = 5000) => t.run(lines(...texts), { timeoutMs, stopOnFailure: true });

test('a command is echoed after the prompt, then its output', async () => {
  const t = await openTerminal();
  const result = await run(t, ['echo hello']);
  assert.equal(await renderScreen(result.text), '$ echo hello\nhello');
  assert.deepEqual(result.statuses, [{ line: 1, status: 0 }]);
  assert.equal(result.end.kind, 'completed');
});

test('each top-level command gets its own status and line', async () => {
  const t = await openTerminal();
  const result = await t.run(lines('true', '', '# a comment', 'false'), { timeoutMs: 5000, stopOnFailure: true });
  assert.deepEqual(result.statuses, [{ line: 1, status: 0 }, { line: 4, status: 1 }]);
  assert.equal(await renderScreen(result.text), '$ true\n$ # a comment\n$ false');
});

test('multi-line constructs are typed line by line as bash asks for them', async () => {
  const t = await openTerminal();
  const result = await run(t, [
    'greet() {',
    '  echo "hi $1"',
    '}',
    'for n in a b; do',
    '  greet $n',
    'done',
    'cat <<EOF',
    'heredoc line',
    'EOF',
    'echo one \\',
    '  two',
  ]);
  assert.equal(result.end.kind, 'completed');
  const screen = await renderScreen(result.text);
  assert.match(screen, /^\$ greet\(\) \{\n> {3}echo "hi \$1"\n> \}\n\$ for n in a b; do\n> {3}greet \$n\n> done\nhi a\nhi b\n/);
  assert.match(screen, /heredoc line\n> EOF\nheredoc line\n\$ echo one \\\n> {3}two\none two$/);
  assert.equal(result.statuses.length, 4);
});

test('a failing command stops the step before the next line', async () => {
  const t = await openTerminal();
  const result = await run(t, ['echo before', 'ls /nonexistent', 'echo after']);
  assert.deepEqual(result.end, { kind: 'stopped', line: 2, status: 2 });
  assert.doesNotMatch(await renderScreen(result.text), /after/);
});

test('a syntax error is a failure, not a silent success', async () => {
  const t = await openTerminal();
  const result = await run(t, ['echo )', 'echo after']);
  assert.equal(result.end.kind, 'stopped');
});

test('"!" is typed literally (no history expansion)', async () => {
  const t = await openTerminal();
  const result = await run(t, ['echo "wow!"']);
  assert.equal(await renderScreen(result.text), '$ echo "wow!"\nwow!');
});

test('a fence that ends inside an open quote is reported, and the shell recovers', async () => {
  const t = await openTerminal();
  const result = await run(t, ['echo "unclosed']);
  assert.equal(result.end.kind, 'incomplete');
  const next = await run(t, ['echo fine']);
  assert.equal(next.end.kind, 'completed');
});

test('a step past its timeout is interrupted and the shell survives', async () => {
  const t = await openTerminal();
  const result = await run(t, ['sleep 30'], 300);
  assert.deepEqual(result.end, { kind: 'timedOut', readingStdin: false, shellSurvived: true });
  assert.equal((await run(t, ['echo alive'])).end.kind, 'completed');
});

test('a step that waits for input is recognised as such', async () => {
  const t = await openTerminal();
  const result = await run(t, ['cat'], 300);
  assert.equal(result.end.kind, 'timedOut');
  assert.equal(result.end.kind === 'timedOut' && result.end.readingStdin, true);
});

test('a job that ignores ^C is killed', async () => {
  const t = await openTerminal();
  const result = await t.run(lines(`bash -c 'trap "" INT; sleep 30'`), { timeoutMs: 200, stopOnFailure: true });
  assert.equal(result.end.kind, 'timedOut');
  assert.equal(result.end.kind === 'timedOut' && result.end.shellSurvived, true);
});

test('a step that exits the shell ends with the shell', async () => {
  const t = await openTerminal();
  const result = await run(t, ['exit 3']);
  assert.deepEqual(result.end, { kind: 'shellExited', code: 3 });
  assert.equal(t.alive, false);
});

test('a flood of output is cut in the middle, memory bounded', async () => {
  const t = await openTerminal();
  const result = await run(t, ['yes flood | head -c 20000000'], 20_000);
  assert.equal(result.end.kind, 'completed');
  assert.ok(result.cutChars > 19_000_000, `cut ${result.cutChars}`);
  assert.ok(result.text.length < 200_000);
  assert.match(await renderScreen(result.text), /\[learn: [\d.]+ MB of output cut here\]/);
});

test('binary output does not break the terminal', async () => {
  const t = await openTerminal();
  // Fixed bytes (gzip -n has no time stamp) so that the test is the same every run.
  const result = await run(t, ['seq 1 3000 | gzip -nc; echo', 'echo done']);
  assert.equal(result.end.kind, 'completed');
  assert.match(await renderScreen(result.text), /\$ echo done\ndone$/);
});

test('a background step runs until ready, then until interrupted', async () => {
  const t = await openTerminal('capture');
  // One process (bash -c), so that ^C cannot fall between two commands of a list.
  const handle = await t.start(lines(`bash -c 'for i in 1 2 3; do echo tick $i; done; echo listening now; sleep 30'`), {
    timeoutMs: 5000,
    stopOnFailure: true,
    ready: /listening now/,
  });
  assert.equal(handle.running, true);
  const result = await handle.interrupt(2000);
  assert.equal(result.end.kind, 'interrupted');
  assert.equal(result.statuses[result.statuses.length - 1]?.status, 130);
  assert.match(await renderScreen(result.text), /tick 3\nlistening now\n\^C$/);
});

test('a background step that ends by itself settles on its own', async () => {
  const t = await openTerminal('short');
  const handle = await t.start(lines('echo quick'), { timeoutMs: 5000, stopOnFailure: true });
  const result = await handle.finished;
  assert.equal(result.end.kind, 'completed');
  assert.equal(await renderScreen(result.text), '$ echo quick\nquick');
});

test('a lesson shell inherits no descriptor of learn (other terminals\' pty masters)', async () => {
  await openTerminal('other');
  const t = await openTerminal();
  const result = await run(t, ['ls /proc/$$/fd | tr "\\n" " "']);
  assert.match(await renderScreen(result.text), /\n0 1 2 255$/);
});

test('^C does not flush output the terminal has not delivered yet (noflsh)', async () => {
  // By default the tty discards, on ^C, output still in the pty's flip buffer
  // (pty_flush_buffer): under load, a capture's last packets, printed just
  // before the ^C step, vanished from its snapshot. The race is the kernel's
  // worker against ours, too rare to provoke here, so the setting is checked.
  const t = await openTerminal('noflsh');
  const result = await run(t, ['stty -a | grep -o -- "-\\?noflsh"']);
  assert.match(await renderScreen(result.text), /\nnoflsh$/);
});
