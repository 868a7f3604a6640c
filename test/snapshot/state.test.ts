// SnapshotState: update modes, obsolete entries, ordering and the changed flag.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotState, type UpdateMode } from '../../src/snapshot/state.js';
import { matchesWithInterruptEchoMoved } from '../../src/snapshot/match.js';
import type { SnapshotFile } from '../../src/snapshot/format.js';

function stored(...entries: Array<[string, string]>): SnapshotFile {
  return { entries: entries.map(([name, body]) => ({ name, body })) };
}

const MODES: UpdateMode[] = ['none', 'new', 'all'];

describe('check', () => {
  for (const mode of MODES) {
    test(`${mode}: an equal output matches`, () => {
      const state = new SnapshotState(stored(['a', 'x']), mode);
      assert.deepEqual(state.check('a', 'x'), { kind: 'matched' });
    });
    test(`${mode}: wildcards match`, () => {
      const state = new SnapshotState(stored(['a', 'PING [..]\n...\ndone']), mode);
      assert.deepEqual(state.check('a', 'PING 10.1.0.2\n1\n2\ndone'), { kind: 'matched' });
    });
  }

  test('none (CI): a missing snapshot is reported, not recorded', () => {
    const state = new SnapshotState(undefined, 'none');
    assert.deepEqual(state.check('a', 'x'), { kind: 'missing' });
    assert.deepEqual(state.result(['a'], true), { file: { entries: [] }, changed: false });
  });

  for (const mode of ['new', 'all'] as const) {
    test(`${mode}: a missing snapshot is written`, () => {
      const state = new SnapshotState(stored(['a', 'x']), mode);
      state.check('a', 'x');
      assert.deepEqual(state.check('b', 'y'), { kind: 'written' });
      assert.deepEqual(state.result(['a', 'b'], true), { file: stored(['a', 'x'], ['b', 'y']), changed: true });
    });
  }

  for (const mode of ['none', 'new'] as const) {
    test(`${mode}: a different output is reported with expected, adjusted and diff, and not recorded`, () => {
      const state = new SnapshotState(stored(['a', 'PING [..]\n2 received']), mode);
      const check = state.check('a', 'PING 10.1.0.2\n1 received');
      assert.equal(check.kind, 'differed');
      if (check.kind !== 'differed') return;
      assert.equal(check.expected, 'PING [..]\n2 received');
      assert.equal(check.adjusted, 'PING [..]\n1 received');
      assert.equal(state.result(['a'], true).changed, false);
    });
  }

  test('all (--update): a different output is updated and keeps the wildcards that still match', () => {
    const state = new SnapshotState(stored(['a', 'PING [..]\n2 received']), 'all');
    const check = state.check('a', 'PING 10.1.0.2\n1 received');
    assert.equal(check.kind, 'updated');
    if (check.kind !== 'updated') return;
    assert.equal(check.previous, 'PING [..]\n2 received');
    assert.equal(check.expected, 'PING [..]\n2 received');
    assert.equal(check.adjusted, 'PING [..]\n1 received');
    assert.deepEqual(state.result(['a'], true), { file: stored(['a', 'PING [..]\n1 received']), changed: true });
  });

  test('normalizeExpected is applied to stored bodies', () => {
    const state = new SnapshotState(stored(['a', 'link/ether 2e:da:f4:a5:07:0e']), 'none', {
      normalizeExpected: (text) => text.replace(/2e:da:f4:a5:07:0e/, '[MAC]'),
    });
    assert.deepEqual(state.check('a', 'link/ether [MAC]'), { kind: 'matched' });
  });
});

describe('obsolete entries', () => {
  test('are the stored entries never checked or skipped, in file order', () => {
    const state = new SnapshotState(stored(['gone2', '1'], ['a', 'x'], ['skipped', 's'], ['gone1', '2']), 'new');
    state.check('a', 'x');
    state.skip('skipped');
    assert.deepEqual(state.obsolete(), ['gone2', 'gone1']);
  });

  test('a step that ran but differed is not obsolete', () => {
    const state = new SnapshotState(stored(['a', 'x']), 'none');
    state.check('a', 'y');
    assert.deepEqual(state.obsolete(), []);
  });

  test('are removed by --update after a full run', () => {
    const state = new SnapshotState(stored(['a', 'x'], ['gone', 'g']), 'all');
    state.check('a', 'x');
    assert.deepEqual(state.result(['a'], true), { file: stored(['a', 'x']), changed: true });
  });

  test('are kept after a partial run, even with --update', () => {
    const state = new SnapshotState(stored(['a', 'x'], ['gone', 'g']), 'all');
    state.check('a', 'x');
    assert.deepEqual(state.result(['a'], false), { file: stored(['a', 'x'], ['gone', 'g']), changed: false });
  });

  test('are kept without --update', () => {
    for (const mode of ['none', 'new'] as const) {
      const state = new SnapshotState(stored(['a', 'x'], ['gone', 'g']), mode);
      state.check('a', 'x');
      state.check('b', 'y');
      const { file } = state.result(['a', 'b'], true);
      assert.ok(file.entries.some((entry) => entry.name === 'gone'), mode);
    }
  });

  test('skipped steps keep their entries through --update', () => {
    const state = new SnapshotState(stored(['a', 'x'], ['b', 'y']), 'all');
    state.skip('a');
    state.check('b', 'y');
    assert.deepEqual(state.result(['a', 'b'], true), { file: stored(['a', 'x'], ['b', 'y']), changed: false });
  });
});

describe('result', () => {
  test('orders entries as the lesson orders its steps, kept extras last', () => {
    const state = new SnapshotState(stored(['c', '3'], ['old', 'o'], ['a', '1']), 'all');
    state.check('a', '1');
    state.check('b', '2');
    state.check('c', '3');
    assert.deepEqual(state.result(['a', 'b', 'c'], false).file, stored(['a', '1'], ['b', '2'], ['c', '3'], ['old', 'o']));
  });

  test('--update rewrites a file whose order no longer follows the lesson', () => {
    const state = new SnapshotState(stored(['b', '2'], ['a', '1']), 'all');
    state.check('a', '1');
    state.check('b', '2');
    assert.deepEqual(state.result(['a', 'b'], true), { file: stored(['a', '1'], ['b', '2']), changed: true });
  });

  test('new: nothing new means no change, even if the order differs', () => {
    const state = new SnapshotState(stored(['b', '2'], ['a', '1']), 'new');
    state.check('a', '1');
    state.check('b', '2');
    assert.deepEqual(state.result(['a', 'b'], true), { file: stored(['b', '2'], ['a', '1']), changed: false });
  });

  test('nothing to store and nothing stored is no change', () => {
    const state = new SnapshotState(undefined, 'all');
    assert.deepEqual(state.result([], true), { file: { entries: [] }, changed: false });
  });

  test('none (CI) never asks for a write, whatever happened', () => {
    const state = new SnapshotState(stored(['b', '2'], ['gone', 'g'], ['a', '1']), 'none');
    state.check('a', 'different');
    state.check('new', 'n');
    state.skip('b');
    for (const fullRun of [true, false]) {
      assert.deepEqual(state.result(['new', 'a', 'b'], fullRun), { file: stored(['b', '2'], ['gone', 'g'], ['a', '1']), changed: false });
    }
  });

  test('does not modify the stored file object', () => {
    const file = stored(['a', 'x'], ['gone', 'g']);
    const state = new SnapshotState(file, 'all');
    state.check('a', 'y');
    state.result(['a'], true);
    assert.deepEqual(file, stored(['a', 'x'], ['gone', 'g']));
  });
});

describe('recording and the stored side', () => {
  test('a new output with a literal `...` line is recorded escaped', () => {
    const state = new SnapshotState(undefined, 'new');
    assert.deepEqual(state.check('a', 'x\n...\ny'), { kind: 'written' });
    assert.deepEqual(state.result(['a'], true).file, stored(['a', 'x\n\\...\ny']));
    const next = new SnapshotState(state.result(['a'], true).file, 'none');
    assert.equal(next.check('a', 'x\n...\ninserted\ny').kind, 'differed');
  });

  test('the stored body goes through normalizeExpected before it is compared', () => {
    const options = { normalizeExpected: (text: string) => text.replace(/time=\d+ ms/g, 'time=[LATENCY]') };
    const state = new SnapshotState(stored(['a', 'time=7 ms\n...']), 'none', options);
    assert.deepEqual(state.check('a', 'time=[LATENCY]\nmore'), { kind: 'matched' });
  });
});

describe('an interrupted step: the place of the ^C echo does not count', () => {
  // Seen in CI: a capture interrupted by a ^C step printed its last words before the terminal's echo.
  const recorded = "$ tcpdump -i ens33 -nn -q -l --immediate-mode 'tcp port 80'\nlistening on ens33\n^C\n0 packets captured\n[COUNT] packets received by filter";
  const raced = "$ tcpdump -i ens33 -nn -q -l --immediate-mode 'tcp port 80'\nlistening on ens33\n\n0 packets captured^C\n[COUNT] packets received by filter";
  for (const mode of MODES) {
    test(`${mode}: the echo before or after the program's last words matches, and the stored body stays`, () => {
      const state = new SnapshotState(stored(['capture', recorded]), mode);
      assert.deepEqual(state.check('capture', raced, matchesWithInterruptEchoMoved), { kind: 'matched' });
      assert.deepEqual(state.result(['capture'], true), { file: stored(['capture', recorded]), changed: false });
    });
  }
  test('without the equivalence (a step not interrupted) the same texts differ', () => {
    const state = new SnapshotState(stored(['capture', recorded]), 'none');
    assert.equal(state.check('capture', raced).kind, 'differed');
  });
  test('a real difference still differs, wherever the echo is', () => {
    const state = new SnapshotState(stored(['capture', recorded]), 'none');
    const other = raced.replace('0 packets captured', '2 packets captured');
    const check = state.check('capture', other, matchesWithInterruptEchoMoved);
    assert.equal(check.kind, 'differed');
    // What is shown and stored on --update is the output as it came, echo included.
    assert.ok(check.kind === 'differed' && check.adjusted.includes('2 packets captured^C'));
  });
  test('a missing echo is a difference too (only its place is free)', () => {
    const state = new SnapshotState(stored(['capture', recorded]), 'none');
    assert.equal(state.check('capture', raced.replace('^C', ''), matchesWithInterruptEchoMoved).kind, 'differed');
  });
  test('the echo moved is the last ^C; a ^C of the command line stays where it is', () => {
    assert.ok(matchesWithInterruptEchoMoved("$ echo '^C'\nbye\n^C\nend", "$ echo '^C'\nbye\n\nend^C"));
    assert.ok(!matchesWithInterruptEchoMoved("$ echo '^C'\nbye\n^C\nend", "$ echo ''\nbye\n\nend^C^C"));
    assert.ok(!matchesWithInterruptEchoMoved('no echo', 'no echo'), 'nothing to move: the plain match decides');
  });
});
