// `learn test --watch` in a real terminal: the first run, a run again when the
// lesson changes and when its snapshot changes, none for learn's own snapshot
// writes or a save without changes, and Ctrl-C ending it cleanly.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runLearn } from '../helpers/cli.js';
import { LearnPty } from '../study/pty-harness.js';

const LESSON = `---
title: Watched
---

# Watched

\`\`\`sh {#greet}
echo hello
\`\`\`
`;

function count(text: string, what: string): number {
  return text.split(what).length - 1;
}

test('e2e: learn test --watch runs again on changes to the lesson or its snapshot, and Ctrl-C ends it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learn-watch-'));
  mkdirSync(path.join(dir, 'lessons'));
  const lesson = path.join(dir, 'lessons', 'watched.md');
  const snapshot = path.join(dir, 'snapshots', 'watched.snap');
  writeFileSync(lesson, LESSON);
  const pty = new LearnPty(['test', '--watch', 'lessons/watched.md'], { cwd: dir, cols: 100 });
  try {
    const WATCHING = 'watching 1 lesson and its snapshot; Ctrl-C ends';
    // First run: records the snapshot (a write of learn's own: no second run).
    await pty.waitForCount(WATCHING, 1, 60_000);
    assert.match(readFileSync(snapshot, 'utf8'), /^=== greet\n\$ echo hello\nhello$/m);
    // A save that changes nothing starts no run; a real change does.
    writeFileSync(lesson, LESSON);
    writeFileSync(lesson, LESSON.replace('echo hello', 'echo changed'));
    await pty.waitForCount(WATCHING, 2, 60_000);
    assert.match(pty.text(), /changed: lessons\/watched\.md/);
    assert.match(pty.text(), /-hello\n.*\+changed/s);
    // The snapshot edited by hand to match: a run, which passes.
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace(/echo hello\nhello/, 'echo changed\nchanged'));
    await pty.waitForCount(WATCHING, 3, 60_000);
    assert.match(pty.text().slice(pty.text().lastIndexOf('changed: lessons/watched.md')), /1 passed, 0 failed/);
    assert.equal(count(pty.text(), WATCHING), 3, 'no run for learn\'s own writes');
    // What Ctrl-C does: the terminal sends SIGINT to learn (sent to learn alone,
    // so the shell around it in the test stays to report the exit status).
    process.kill(pty.learnPid(), 'SIGINT');
    const code = await pty.exited;
    assert.equal(code, 130);
    assert.doesNotMatch(pty.text(), /internal error/);
  } finally {
    pty.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('e2e: --watch needs a terminal', async () => {
  const r = await runLearn(['test', '--watch', 'lessons/netns.md']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--watch needs a terminal/);
});
