// A failure that load can cause says so, and only then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLoadNote } from '../../src/run/load-note.js';
import type { StepOutcome } from '../../src/run/outcome.js';

const busy = { average: 5.2, cpus: 2 };
const quiet = { average: 0.4, cpus: 2 };
const timedOut: StepOutcome = { kind: 'timedOut', line: 3, message: 'timed out after 10s' };
const differed: StepOutcome = { kind: 'differed', expected: 'a', actual: 'b', diff: '-a\n+b' };

test('load note: a timeout on a busy machine says the machine was busy, with the figures', () => {
  const noted = withLoadNote(timedOut, false, busy);
  assert.equal(noted.kind, 'timedOut');
  assert.equal((noted as { message: string }).message, 'timed out after 10s', 'the message itself is unchanged');
  assert.match((noted as { note?: string }).note ?? '', /^the machine was busy \(load average 5\.2 on 2 CPUs\), which can make a step slower/);
});

test('load note: a step interrupted by ^C that differs on a busy machine gets a note; one that ended by itself does not', () => {
  assert.match((withLoadNote(differed, true, busy) as { note?: string }).note ?? '', /busy \(load average 5\.2 on 2 CPUs\).*tcpdump -c N/);
  assert.equal((withLoadNote(differed, false, busy) as { note?: string }).note, undefined);
});

test('load note: on a quiet machine nothing changes', () => {
  assert.deepEqual(withLoadNote(timedOut, false, quiet), timedOut);
  assert.deepEqual(withLoadNote(differed, true, quiet), differed);
});
