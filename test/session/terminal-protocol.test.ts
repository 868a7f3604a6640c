// The shell protocol without a shell: a scripted pty plays bash's side
// (echo, markers, output), byte streams as bash really sends them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShellTerminal } from '../../src/session/terminal.js';
import type { PtyProcess } from '../../src/session/pty.js';
import type { ShellProcesses } from '../../src/sandbox/kind.js';

const NONCE = 'test';
const m = (body: string): string => `\x1b]133;${body};${NONCE}\x07`;

/** Bash's side of the markers, with its command number (\\#). */
class FakeBash {
  private n = 1;
  /** PS0: the command runs. */
  ran(): string {
    return m(`C;${this.n}`);
  }
  /** The command ended with `status`: its status and the next prompt. */
  done(status: number): string {
    this.n += 1;
    return this.prompt(status);
  }
  /** Nothing ran (blank line, comment, syntax error): the same prompt again. */
  prompt(status = 0): string {
    return `${m(`D;${status};${this.n}`)}${m(`A;${this.n}`)}$ ${m(`B;${this.n}`)}`;
  }
  continuation(): string {
    return `> ${m(`P;${this.n}`)}`;
  }
}

/** A pty whose "shell" answers each typed line with a scripted reply. */
class ScriptedPty implements PtyProcess {
  readonly pid = 0;
  readonly typed: string[] = [];
  private dataListener: (data: string) => void = () => {};
  private exitListener: (exit: { exitCode: number }) => void = () => {};

  constructor(private readonly replies: Array<(line: string) => string[]>) {}

  onData(listener: (data: string) => void): void {
    this.dataListener = listener;
  }

  onExit(listener: (exit: { exitCode: number }) => void): void {
    this.exitListener = listener;
  }

  /** Send chunks one by one, each in its own tick, as a pty would. */
  emit(chunks: string[]): void {
    let at = 0;
    const next = (): void => {
      if (at < chunks.length) {
        this.dataListener(chunks[at++]!);
        setImmediate(next);
      }
    };
    setImmediate(next);
  }

  write(data: string): void {
    const line = data.replace(/\r$/, '');
    this.typed.push(line);
    const reply = this.replies.shift();
    if (reply) this.emit(reply(line));
  }

  kill(): void {
    this.exitListener({ exitCode: 129 });
  }
}

/** Cut a stream into pieces of `size` characters: markers get split too. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A process table with what a test says the shell is doing: what it reads, what runs as the shell. */
class ScriptedProcesses implements ShellProcesses {
  readingTerminal = false;
  commandLine = '/bin/bash --noprofile --rcfile /run/learn/rc --noediting -i';
  /** What the foreground job does once it is sent SIGKILL (the ^C did not end it). */
  onKill: () => void = () => {};
  readonly asked: string[] = [];

  async foregroundReadsTerminal(): Promise<boolean> {
    this.asked.push('reads');
    return this.readingTerminal;
  }

  killForegroundJob(): void {
    this.asked.push('kill');
    this.onKill();
  }

  shellCommandLine(): string {
    return this.commandLine;
  }
}

async function openScripted(replies: Array<(line: string) => string[]>, startup: string, processes?: ShellProcesses): Promise<{ t: ShellTerminal; pty: ScriptedPty }> {
  const pty = new ScriptedPty(replies);
  const t = new ShellTerminal('main', pty, NONCE, processes);
  pty.emit([startup]);
  await t.ready(1000);
  return { t, pty };
}

for (const size of [1, 3, 7, 1000]) {
  test(`markers split into ${size}-character chunks still drive the protocol`, async () => {
    const bash = new FakeBash();
    const { t, pty } = await openScripted([
      (line) => pieces(`${line}\r\n${bash.ran()}out 1\r\n${bash.done(0)}`, size),
      (line) => pieces(`${line}\r\n${bash.continuation()}`, size),
      (line) => pieces(`${line}\r\n${bash.ran()}looped\r\n${bash.done(0)}`, size),
    ], bash.prompt());
    const result = await t.run(
      [{ line: 1, text: 'echo out 1' }, { line: 2, text: 'for x in 1; do echo looped' }, { line: 3, text: 'done' }],
      { timeoutMs: 1000, stopOnFailure: true },
    );
    assert.deepEqual(pty.typed, ['echo out 1', 'for x in 1; do echo looped', 'done']);
    assert.deepEqual(result.statuses, [{ line: 1, status: 0 }, { line: 2, status: 0 }]);
    assert.equal(result.text, '$ echo out 1\r\nout 1\r\n$ for x in 1; do echo looped\r\n> done\r\nlooped\r\n');
    assert.equal(result.end.kind, 'completed');
  });
}

test('a marker with a wrong nonce in the output is text, not a prompt', async () => {
  const fake = '\x1b]133;D;0;2;guess\x07\x1b]133;B;2;guess\x07';
  const bash = new FakeBash();
  const { t } = await openScripted([
    (line) => [`${line}\r\n${bash.ran()}${fake}still running\r\n`, bash.done(0)],
  ], bash.prompt());
  const result = await t.run([{ line: 1, text: 'cat evil' }], { timeoutMs: 1000, stopOnFailure: true });
  assert.ok(result.text.includes('still running'));
  assert.ok(result.text.includes(fake));
  assert.equal(result.end.kind, 'completed');
});

test('lines are never typed ahead: the next line waits for the prompt', async () => {
  let secondTypedEarly = false;
  const pty = new ScriptedPty([]);
  const t = new ShellTerminal('main', pty, NONCE);
  const bash = new FakeBash();
  pty.emit([bash.prompt()]);
  await t.ready(1000);
  const running = t.run([{ line: 1, text: 'slow' }, { line: 2, text: 'next' }], { timeoutMs: 1000, stopOnFailure: true });
  await new Promise((resolve) => setTimeout(resolve, 20));
  secondTypedEarly = pty.typed.length > 1;
  pty.emit([`slow\r\n${bash.ran()}done\r\n${bash.done(0)}`]);
  await new Promise((resolve) => setTimeout(resolve, 20));
  pty.emit([`next\r\n${bash.ran()}${bash.done(0)}`]);
  const result = await running;
  assert.equal(secondTypedEarly, false);
  assert.deepEqual(pty.typed, ['slow', 'next']);
  assert.equal(result.statuses.length, 2);
});

test('a status that changes without a command (a syntax error) counts as a failure', async () => {
  const bash = new FakeBash();
  const { t } = await openScripted([
    (line) => [`${line}\r\nbash: syntax error near unexpected token \`)'\r\n${bash.prompt(2)}`],
  ], bash.prompt());
  const result = await t.run([{ line: 4, text: 'echo )' }, { line: 5, text: 'echo after' }], { timeoutMs: 1000, stopOnFailure: true });
  assert.deepEqual(result.end, { kind: 'stopped', line: 4, status: 2 });
});

test('a comment changes nothing: no status is recorded for it', async () => {
  const bash = new FakeBash();
  const { t } = await openScripted([
    (line) => [`${line}\r\n${bash.prompt()}`],
  ], bash.prompt());
  const result = await t.run([{ line: 1, text: '# just a comment' }], { timeoutMs: 1000, stopOnFailure: true });
  assert.deepEqual(result.statuses, []);
  assert.equal(result.end.kind, 'completed');
});

test('a prompt after a command that ran, with no status, ends the step as a broken protocol, never a pass', async () => {
  const bash = new FakeBash();
  const { t } = await openScripted([
    // What bash sends once PROMPT_COMMAND or PS1 no longer give the status.
    (line) => [`${line}\r\n${bash.ran()}`, `${m('A;2')}$ ${m('B;2')}`],
  ], bash.prompt());
  const result = await t.run([{ line: 1, text: 'false' }], { timeoutMs: 1000, stopOnFailure: true });
  assert.equal(result.end.kind, 'protocolLost');
  assert.deepEqual(result.statuses, []);
});

test('a timed-out command that waits for input on the terminal is interrupted and says so', async () => {
  const bash = new FakeBash();
  const processes = new ScriptedProcesses();
  processes.readingTerminal = true;
  const { t, pty } = await openScripted([
    (line) => [`${line}\r\n${bash.ran()}`],
    // The ^C ends the read: status 130, the prompt again.
    () => ['^C\r\n', bash.done(130)],
  ], bash.prompt(), processes);
  const result = await t.run([{ line: 3, text: 'read answer' }], { timeoutMs: 20, stopOnFailure: true });
  assert.deepEqual(pty.typed, ['read answer', '\x03']);
  assert.deepEqual(processes.asked, ['reads']);
  assert.deepEqual(result.end, { kind: 'timedOut', readingStdin: true, shellSurvived: true });
  assert.deepEqual(result.statuses, [{ line: 3, status: 130 }]);
  assert.equal(t.alive, true);
});

test('a timed-out command that reads nothing is a plain timeout', async () => {
  const bash = new FakeBash();
  const processes = new ScriptedProcesses();
  const { t } = await openScripted([
    (line) => [`${line}\r\n${bash.ran()}`],
    () => ['^C\r\n', bash.done(130)],
  ], bash.prompt(), processes);
  const result = await t.run([{ line: 1, text: 'sleep 60' }], { timeoutMs: 20, stopOnFailure: true });
  assert.deepEqual(result.end, { kind: 'timedOut', readingStdin: false, shellSurvived: true });
});

test('a timed-out command that ignores ^C is killed as the foreground job, and the shell goes on', async () => {
  const bash = new FakeBash();
  const processes = new ScriptedProcesses();
  const { t, pty } = await openScripted([
    (line) => [`${line}\r\n${bash.ran()}`],
    // ^C: the program traps it and prints, but goes on.
    () => ['^Cignored\r\n'],
  ], bash.prompt(), processes);
  processes.onKill = () => pty.emit(['Killed\r\n', bash.done(137)]);
  const result = await t.run([{ line: 2, text: 'stubborn' }], { timeoutMs: 20, stopOnFailure: true });
  assert.deepEqual(processes.asked, ['reads', 'kill']);
  assert.deepEqual(result.end, { kind: 'timedOut', readingStdin: false, shellSurvived: true });
  assert.deepEqual(result.statuses, [{ line: 2, status: 137 }]);
  assert.match(result.text, /ignored\r\nKilled/);
});

test('a shell replaced by `exec` is a lost protocol at the timeout, never a wait for input', async () => {
  const bash = new FakeBash();
  const processes = new ScriptedProcesses();
  processes.readingTerminal = true;
  const { t, pty } = await openScripted([
    (line) => {
      processes.commandLine = 'sh';
      return [`${line}\r\n${bash.ran()}$ `];
    },
  ], bash.prompt(), processes);
  const result = await t.run([{ line: 7, text: 'exec sh' }], { timeoutMs: 20, stopOnFailure: true });
  assert.deepEqual(result.end, { kind: 'protocolLost', reason: 'the shell was replaced by `sh` (exec)' });
  // Nothing is asked of, or typed into, what replaced the shell.
  assert.deepEqual(processes.asked, []);
  assert.deepEqual(pty.typed, ['exec sh']);
  assert.equal(t.alive, false);
});

test('the shell replaced by a program with a path is named by its program', async () => {
  const bash = new FakeBash();
  const processes = new ScriptedProcesses();
  const { t } = await openScripted([
    (line) => {
      processes.commandLine = '/usr/bin/python3 -q';
      return [`${line}\r\n${bash.ran()}>>> `];
    },
  ], bash.prompt(), processes);
  const result = await t.run([{ line: 1, text: 'exec python3 -q' }], { timeoutMs: 20, stopOnFailure: true });
  assert.deepEqual(result.end, { kind: 'protocolLost', reason: 'the shell was replaced by `python3` (exec)' });
});
