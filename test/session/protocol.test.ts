// The prompt protocol on streams recorded from bash 5.2 with learn's rc
// (test/fixtures/protocol-streams): which markers are real, which are copies
// a command printed, and when the protocol is broken; cut at every position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MarkerScanner, type ScanEvent } from '../../src/session/markers.js';
import { PromptSequence, REDIRECTED, type Verdict } from '../../src/session/protocol.js';
import { ShellTerminal } from '../../src/session/terminal.js';
import type { PtyProcess } from '../../src/session/pty.js';
import { fixture } from '../helpers/paths.js';

interface Recording {
  nonce: string;
  startup: string[];
  steps: Array<{ typed: string; chunks: string[] }>;
}

const recording = (name: string): Recording => JSON.parse(readFileSync(fixture('protocol-streams', `${name}.json`), 'utf8')) as Recording;
const whole = (r: Recording): string => [...r.startup, ...r.steps.flatMap((s) => s.chunks)].join('');

/** Each marker's verdict, in order, as `KIND:n verdict`. */
function verdicts(stream: string[], nonce: string): string[] {
  const scanner = new MarkerScanner(nonce);
  const sequence = new PromptSequence();
  const out: string[] = [];
  const events: ScanEvent[] = stream.flatMap((chunk) => scanner.push(chunk));
  for (const event of events) {
    if (event.type !== 'marker') continue;
    const verdict: Verdict = sequence.accept(event);
    out.push(`${event.kind}${event.number} ${verdict.kind === 'broken' ? `broken: ${verdict.reason}` : verdict.kind}`);
  }
  return out;
}

test('ordinary commands, a blank line, a comment, a syntax error, a loop and a ^C: every marker is real', () => {
  const r = recording('commands');
  const result = verdicts([whole(r)], r.nonce);
  assert.equal(result.length, 30);
  assert.deepEqual(result.filter((v) => !v.endsWith(' real')), []);
});

test('a prompt printed by the command itself, and later by a background job, is a copy', () => {
  const r = recording('print-prompt');
  assert.deepEqual(verdicts([whole(r)], r.nonce), [
    'D1 real', 'A1 real', 'B1 real',
    // echo "${PS1@P}"; false
    'C1 real', 'D1 copy', 'A1 copy', 'B1 copy', 'D2 real', 'A2 real', 'B2 real',
    // (sleep 0.1; echo "${PS1@P}") &
    'C2 real', 'D3 real', 'A3 real', 'B3 real',
    // the background job's copy, while the shell reads command 3
    'D2 copy', 'A2 copy', 'B2 copy',
    'C3 real', 'D4 real', 'A4 real', 'B4 real',
  ]);
});

test('cut at every position, the verdicts stay the same', () => {
  const r = recording('print-prompt');
  const stream = whole(r);
  const expected = verdicts([stream], r.nonce);
  for (let cut = 1; cut < stream.length; cut++) {
    assert.deepEqual(verdicts([stream.slice(0, cut), stream.slice(cut)], r.nonce), expected, `cut at ${cut}`);
  }
});

test('prompt expansion turned off: the prompt comes back without a status, and that is a break', () => {
  const r = recording('promptvars');
  const result = verdicts([whole(r)], r.nonce);
  assert.deepEqual(result.slice(0, 4), ['D1 real', 'A1 real', 'B1 real', 'C1 real']);
  assert.match(result[4]!, /^A2 broken: its prompt came back without the command's status/);
});

test('stderr sent away: the status marker says so, and that is a break', () => {
  const r = recording('stderr');
  const result = verdicts([whole(r)], r.nonce);
  assert.equal(result[4], `D2 broken: ${REDIRECTED}`);
});

test('markers from the future are a break, not a copy', () => {
  const nonce = 'n';
  const m = (body: string): string => `\x1b]133;${body};${nonce}\x07`;
  const start = `${m('D;0;1')}${m('A;1')}$ ${m('B;1')}`;
  assert.match(verdicts([`${start}x\r\n${m('C;1')}${m('D;0;3')}`], nonce).at(-1)!, /^D3 broken: its prompt markers came out of order/);
  assert.match(verdicts([`${start}x\r\n${m('B;1')}`], nonce).at(-1)!, /^B1 broken/);
});

/** Plays a recording: each typed line gets the chunks bash sent for it. */
class ReplayPty implements PtyProcess {
  readonly pid = 0;
  private dataListener: (data: string) => void = () => {};
  private at = 0;
  constructor(private readonly r: Recording) {}
  onData(listener: (data: string) => void): void {
    this.dataListener = listener;
  }
  onExit(): void {}
  start(): void {
    for (const chunk of this.r.startup) this.dataListener(chunk);
  }
  write(data: string): void {
    const step = this.r.steps[this.at++];
    assert.equal(data.replace(/\r$/, ''), step?.typed);
    setImmediate(() => step!.chunks.forEach((chunk, i) => setTimeout(() => this.dataListener(chunk), i)));
  }
  kill(): void {}
}

async function replay(name: string): Promise<{ t: ShellTerminal; r: Recording }> {
  const r = recording(name);
  const pty = new ReplayPty(r);
  const t = new ShellTerminal('main', pty, r.nonce);
  pty.start();
  await t.ready(1000);
  return { t, r };
}

test('through the terminal: the step with a printed prompt fails with its own status, its output kept', async () => {
  const { t } = await replay('print-prompt');
  const result = await t.run([{ line: 5, text: 'echo "${PS1@P}"; false' }], { timeoutMs: 2000, stopOnFailure: true });
  assert.deepEqual(result.statuses, [{ line: 5, status: 1 }]);
  assert.equal(result.end.kind, 'completed');
  assert.ok(result.text.includes('\x1b]133;A;1;N0nce\x07$ '), JSON.stringify(result.text));
  const next = await t.run([{ line: 9, text: '(sleep 0.1; echo "${PS1@P}") &' }], { timeoutMs: 2000, stopOnFailure: true });
  assert.deepEqual(next.statuses, [{ line: 9, status: 0 }]);
  const last = await t.run([{ line: 12, text: 'true' }], { timeoutMs: 2000, stopOnFailure: true });
  assert.deepEqual(last.statuses, [{ line: 12, status: 0 }]);
  assert.equal(last.end.kind, 'completed');
});

test('through the terminal: a broken protocol ends the step as such, and the terminal is not reused', async () => {
  const { t } = await replay('stderr');
  const result = await t.run([{ line: 3, text: 'exec 2>/dev/null' }], { timeoutMs: 2000, stopOnFailure: true });
  assert.deepEqual(result.end, { kind: 'protocolLost', reason: REDIRECTED });
  assert.equal(t.alive, false);
  const next = await t.run([{ line: 4, text: 'false' }], { timeoutMs: 2000, stopOnFailure: true });
  assert.deepEqual(next.end, { kind: 'protocolLost', reason: REDIRECTED });
});
