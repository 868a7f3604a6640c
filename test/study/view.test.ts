import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLesson } from '../../src/lesson/parse.js';
import type { Lesson, Step } from '../../src/lesson/types.js';
import type { StepOutcome, StepResult } from '../../src/run/outcome.js';
import { makeStyle } from '../../src/report/style.js';
import { ansiShellPalette } from '../../src/study/highlight.js';
import { displayWidth } from '../../src/text/width.js';
import {
  hiddenNote, keyLine, programsUsed, recapCounts, recapLines, stepCommandLines, stepHeader, verdictLines, verdictOf, type ViewContext,
} from '../../src/study/view/index.js';

const LESSON = `---
title: View test
---
# Make a bridge with a rather long section title that goes on and on

\`\`\`sh {#prep hidden}
sysctl -qw net.ipv6.conf.all.disable_ipv6=1
\`\`\`

\`\`\`sh {#make}
ip link add br0 type bridge
ip netns exec ns1 ping -c 1 10.0.0.2
\`\`\`

\`\`\`console {#look term=capture}
$ tcpdump -i br0 -c 1
sample output
\`\`\`

\`\`\`sh {#raw nosnapshot}
echo x | grep x
\`\`\`
`;

function lesson(): Lesson {
  const parsed = parseLesson(LESSON, 'lessons/view.md');
  assert.ok(parsed.ok);
  return parsed.lesson;
}

function result(step: Step, outcome: StepOutcome): StepResult {
  return { step, outcome, screen: '', output: '', durationMs: 12, cutChars: 0 };
}

const ctx = (width = 80, color = false): ViewContext => ({ style: makeStyle(color), palette: ansiShellPalette(color), width });

test('verdict: the runner\'s outcome in the learner\'s words', () => {
  const [prep, make, , raw] = lesson().steps as [Step, Step, Step, Step];
  assert.equal(verdictOf(result(make, { kind: 'passed', snapshot: 'matched' }), { hasSnapshot: true }), 'expected');
  assert.equal(verdictOf(result(make, { kind: 'passed', snapshot: 'written', note: 'snapshot written' }), { hasSnapshot: false }), 'unchecked');
  assert.equal(verdictOf(result(raw, { kind: 'passed', snapshot: 'none' }), { hasSnapshot: false }), 'unchecked');
  // The verdict comes from the typed field, never from the display text.
  assert.equal(verdictOf(result(make, { kind: 'passed', snapshot: 'written' }), { hasSnapshot: true }), 'unchecked');
  assert.equal(verdictOf(result(make, { kind: 'differed', expected: 'a', actual: 'b', diff: '-a\n+b' }), { hasSnapshot: true }), 'differed');
  assert.equal(verdictOf(result(make, { kind: 'failed', line: 9, message: 'exited with status 1' }), { hasSnapshot: true }), 'failed');
  assert.equal(verdictOf(result(make, { kind: 'failed', line: 9, message: 'exited with status 130' }), { hasSnapshot: true, interrupted: true }), 'interrupted');
  assert.equal(verdictOf(result(prep, { kind: 'skipped', reason: 'skipped by you' }), { hasSnapshot: true }), 'skipped');
});

test('verdict lines: as expected, or the diff with what it means, or the failure with file:line', () => {
  const make = lesson().steps[1]!;
  assert.deepEqual(verdictLines(result(make, { kind: 'passed', snapshot: 'matched' }), 'lessons/view.md', { hasSnapshot: true }, ctx()), ['✓ as expected (12 ms)']);
  const differed = verdictLines(result(make, { kind: 'differed', expected: 'a', actual: 'b', diff: '--- snapshot\n+++ this run\n-a\n+b\n' }), 'lessons/view.md', { hasSnapshot: true }, ctx());
  assert.equal(differed[0], "≠ your output differs from the lesson's:");
  assert.deepEqual(differed.slice(1, 5), ['  --- snapshot', '  +++ this run', '  -a', '  +b']);
  assert.match(differed.slice(5).join(' '), /lines with - are the lesson's/);
  const failed = verdictLines(result(make, { kind: 'failed', line: 11, message: 'exited with status 1, expected status 0' }), 'lessons/view.md', { hasSnapshot: true }, ctx());
  assert.match(failed[0]!, /^✗ this step failed: exited with status 1, expected status 0 \(lessons\/view\.md:11\)$/);
});

test('step header: position, section and name, never wider than the window', () => {
  const steps = lesson().steps;
  for (const width of [40, 80, 200]) {
    for (const step of steps) {
      const header = stepHeader(step, { number: step.index + 1, total: steps.length }, ctx(width, true));
      assert.ok(displayWidth(header) <= Math.min(width, 100), `${width}: ${header}`);
      assert.match(header, new RegExp(`step ${step.index + 1}/4`));
      assert.match(header, new RegExp(step.name));
    }
  }
  const look = stepHeader(steps[2]!, { number: 3, total: 4 }, ctx(80));
  assert.match(look, /look \(terminal capture\)/);
  assert.match(stepHeader(steps[1]!, { number: 2, total: 4 }, ctx(80)), /· Make a bridge/);
});

test('step commands: each line after its prompt; console fences show only commands', () => {
  const [, make, look] = lesson().steps as [Step, Step, Step];
  assert.deepEqual(stepCommandLines(make, ctx()), ['  $ ip link add br0 type bridge', '  $ ip netns exec ns1 ping -c 1 10.0.0.2']);
  assert.deepEqual(stepCommandLines(look, ctx()), ['  $ tcpdump -i br0 -c 1']);
});

test('key line: full labels when they fit, keys alone when the window is narrow', () => {
  const hints = [{ key: 'Enter', label: 'run' }, { key: 's', label: 'skip' }, { key: 'q', label: 'quit' }];
  assert.equal(keyLine(hints, ctx(80)), '▶ Enter run · s skip · q quit');
  assert.equal(keyLine(hints, ctx(20)), '▶ Enter s q (? keys)');
});

test('hidden note: one line with the first command and the verdict', () => {
  const prep = lesson().steps[0]!;
  const note = hiddenNote(result(prep, { kind: 'passed', snapshot: 'matched' }), { hasSnapshot: true }, ctx());
  assert.equal(note, '◦ preparation: sysctl -qw net.ipv6.conf.all.disable_ipv6=1 ✓ (h shows it)');
});

test('recap: counts by verdict, steps not reached, and what to try in learn shell', () => {
  const l = lesson();
  const [prep, make, look] = l.steps as [Step, Step, Step];
  const recap = {
    lesson: l,
    durationMs: 65_000,
    quit: true,
    results: [
      { result: result(prep, { kind: 'passed', snapshot: 'matched' }), verdict: 'expected' as const },
      { result: result(make, { kind: 'differed', expected: '', actual: '', diff: '' }), verdict: 'differed' as const },
      { result: result(look, { kind: 'skipped', reason: 'skipped by you' }), verdict: 'skipped' as const },
    ],
  };
  // The hidden step is not counted: numbers are the learner's (numbering.ts).
  assert.deepEqual(recapCounts(recap), { ran: 1, expected: 0, unchecked: 0, differed: 1, failed: 0, interrupted: 0, skipped: 1, notReached: 1, preparationFailed: 0 });
  const text = recapLines(recap, ctx()).join('\n');
  assert.match(text, /You left the lesson: View test/);
  assert.match(text, /steps run: 1 \(65\.0 s\)/);
  assert.match(text, /0 as expected · 1 differed · 1 skipped · 1 not reached/);
  assert.match(text, /learn shell view/);
  assert.match(text, /ip, ping, tcpdump/);
  assert.match(text, /learn shell view --after prep/);
  // A hidden step that failed is said apart.
  const failedPrep = { ...recap, results: [{ result: result(prep, { kind: 'failed', message: 'exited with status 1', line: 8 }), verdict: 'failed' as const }] };
  assert.equal(recapCounts(failedPrep).preparationFailed, 1);
  assert.match(recapLines(failedPrep, ctx()).join('\n'), /0 as expected · 0 differed · 0 skipped · 3 not reached · 1 preparation step failed/);
});

test('programs used: first words of commands, through ip netns exec, common tools left out', () => {
  assert.deepEqual(programsUsed(lesson()), ['ip', 'ping', 'tcpdump']);
});

test('verdict lines: control characters of a snapshot in a diff are shown as symbols, never sent to the terminal', () => {
  const make = lesson().steps[1]!;
  const diff = '--- snapshot\n+++ this run\n-\x1b]0;pwned\x07hel\x1b[2Jlo\n+hello\n';
  const lines = verdictLines(result(make, { kind: 'differed', expected: 'a', actual: 'b', diff }), 'lessons/view.md', { hasSnapshot: true }, ctx());
  assert.equal(lines[3], '  -␛]0;pwned␇hel␛[2Jlo');
  assert.doesNotMatch(lines.join('\n'), /[\x00-\x08\x0b-\x1f\x7f]/);
});
