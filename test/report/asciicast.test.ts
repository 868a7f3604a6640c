// --record: asciicast v2 files, one per lesson with all its terminals.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AsciicastRecorder } from '../../src/report/asciicast.js';
import { fixtureLesson } from './sample-results.js';

test('asciicast: header, step markers, output with times, terminal labels', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-cast-'));
  try {
    let now = 1000;
    const recorder = new AsciicastRecorder({ dir, width: 100, height: 50, now: () => now, clock: () => new Date('2026-01-02T03:04:05Z') });
    const lesson = fixtureLesson('terminals');
    recorder.lessonStart(lesson);
    now += 10;
    recorder.terminalOutput(lesson, 'main', '$ ');
    recorder.stepStart(lesson, lesson.steps[0]!);
    now += 5;
    recorder.terminalOutput(lesson, 'other', '$ echo listening; sleep 30\r\nlistening\r\n');
    recorder.stepStart(lesson, lesson.steps[1]!);
    now += 1.5;
    recorder.terminalOutput(lesson, 'main', 'echo client here\r\nclient here\r\n');
    recorder.lessonEnd({ lesson, status: 'ran', steps: [], durationMs: 20 });
    await recorder.runEnd();
    const file = path.join(dir, 'terminals.cast');
    assert.deepEqual(recorder.written, [file]);
    const [header, ...events] = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(header, {
      version: 2, width: 100, height: 50, timestamp: 1767323045, idle_time_limit: 2,
      title: 'Terminals (test/fixtures/ci/lessons/terminals.md)', env: { TERM: 'xterm-256color', SHELL: '/bin/bash' },
    });
    assert.deepEqual(events, [
      [0.01, 'o', '$ '],
      [0.01, 'm', 'server'],
      [0.015, 'o', '\r\n\x1b[0m\x1b[7m other \x1b[0m\r\n'],
      [0.015, 'o', '$ echo listening; sleep 30\r\nlistening\r\n'],
      [0.015, 'm', 'client'],
      [0.0165, 'o', '\x1b[0m\x1b[7m main \x1b[0m\r\n'],
      [0.0165, 'o', 'echo client here\r\nclient here\r\n'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('asciicast: no file for a lesson without output (skipped); same names get distinct files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-cast-'));
  try {
    const recorder = new AsciicastRecorder({ dir, width: 80, height: 24 });
    const lesson = fixtureLesson('skipped');
    recorder.lessonStart(lesson);
    recorder.lessonEnd({ lesson, status: 'skipped', reason: 'x', steps: [], durationMs: 1 });
    const a = { ...fixtureLesson('basics'), file: 'a/basics.md' };
    const b = { ...fixtureLesson('basics'), file: 'b/basics.md' };
    for (const l of [a, b]) {
      recorder.lessonStart(l);
      recorder.terminalOutput(l, 'main', 'x');
      recorder.lessonEnd({ lesson: l, status: 'ran', steps: [], durationMs: 1 });
    }
    await recorder.runEnd();
    assert.equal(existsSync(path.join(dir, 'skipped.cast')), false);
    assert.deepEqual(recorder.written.map((f) => path.basename(f)), ['basics.cast', 'b__basics.cast']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
