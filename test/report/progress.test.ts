// The live progress line: what it shows, that results print above it, and
// that it is gone at the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProgressLine, truncate } from '../../src/report/progress.js';
import { makeStyle } from '../../src/report/style.js';
import { fixtureLesson } from './sample-results.js';

function setup(columns = 100) {
  let now = 0;
  let written = '';
  const progress = new ProgressLine({ stream: { write: (t: string) => (written += t), columns }, style: makeStyle(false), now: () => now, intervalMs: 0 });
  return { progress, advance: (ms: number) => (now += ms), written: () => written, reset: () => (written = '') };
}

test('progress: lesson, step, step time, other running lessons, total time', () => {
  const { progress, advance } = setup();
  const basics = fixtureLesson('basics');
  const differs = fixtureLesson('differs');
  progress.runStart([basics.file, differs.file, 'x.md']);
  progress.lessonStart(basics);
  progress.lessonStart(differs);
  assert.equal(progress.line(), '[0/3] test/fixtures/ci/lessons/basics.md starting +1 running 0 ms');
  advance(100);
  progress.stepStart(basics, basics.steps[1]!);
  advance(2500);
  assert.equal(progress.line(), '[0/3] test/fixtures/ci/lessons/basics.md › two-lines 2.50 s +1 running 2.60 s');
  progress.lessonFinished(basics.file);
  assert.equal(progress.line(), '[1/3] test/fixtures/ci/lessons/differs.md starting 2.60 s');
});

test('progress: print() clears the line, writes, redraws; runEnd leaves no line', () => {
  const { progress, written, reset } = setup();
  const basics = fixtureLesson('basics');
  progress.runStart([basics.file]);
  progress.lessonStart(basics);
  reset();
  progress.print('block\n');
  assert.equal(written(), '\r\x1b[2Kblock\n\r\x1b[2K[0/1] test/fixtures/ci/lessons/basics.md starting 0 ms');
  progress.runEnd();
  reset();
  progress.print('summary\n');
  assert.equal(written(), 'summary\n');
});

test('progress: the line fits the terminal width, escapes kept whole', () => {
  const { progress, written } = setup(30);
  const basics = fixtureLesson('basics');
  progress.runStart([basics.file]);
  progress.lessonStart(basics);
  const line = written().split('\r\x1b[2K').pop()!;
  assert.equal(line.length, 29);
  assert.equal(truncate('\x1b[2mabcdef\x1b[22m', 3), '\x1b[2mabc\x1b[22m');
});
