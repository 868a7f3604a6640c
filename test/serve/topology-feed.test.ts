// The topology feed of a tab: one collection at a time per sandbox, requests
// made while one runs folded into one more, an error sent as text, nothing
// sent after stop. Its `run` is a stand-in that holds each collection until
// the test lets it go, so overlap is decided by the test, not by timing (the
// browser test collects from a real sandbox). And the task's page HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyFeed } from '../../src/serve/topology-feed.js';
import type { ServerMessage } from '../../src/serve/protocol.js';
import { lessonPage } from '../../src/serve/lesson-page.js';
import { loadLesson } from '../../src/lesson/load.js';
import { fixture } from '../helpers/paths.js';

interface RunResult { code: number; stdout: string; stderr: string }

/** A sandbox's `run` that counts its calls and how many ran at once. */
function countingSandbox(run: (script: string) => Promise<RunResult>): { sandbox: { run(script: string): Promise<RunResult> }; stats: { calls: number; overlap: number } } {
  const stats = { calls: 0, overlap: 0 };
  let active = 0;
  return {
    stats,
    sandbox: {
      async run(script: string) {
        stats.calls++;
        active++;
        stats.overlap = Math.max(stats.overlap, active);
        try {
          return await run(script);
        } finally {
          active--;
        }
      },
    },
  };
}

test('topology feed: requests while a collection runs are folded into one more, never two at once', async () => {
  let release: (() => void) | undefined;
  const { sandbox, stats } = countingSandbox(async () => {
    await new Promise<void>((resolve) => (release = resolve));
    return { code: 1, stdout: '', stderr: 'no network here' };
  });
  const sent: ServerMessage[] = [];
  const feed = new TopologyFeed(sandbox, (m) => sent.push(m));
  const first = feed.request();
  const more = [feed.request(), feed.request(), feed.request()];
  await new Promise((resolve) => setImmediate(resolve));
  release!();
  await new Promise((resolve) => setImmediate(resolve));
  release!();
  await Promise.all([first, ...more]);
  assert.equal(stats.calls, 2, 'one collection, then one more for the three requests made during it');
  assert.equal(stats.overlap, 1);
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[0], { type: 'topology', error: "cannot read the sandbox's network: no network here" });
  feed.stop();
  await feed.request();
  assert.equal(stats.calls, 2, 'nothing after stop');
});

test('the page of a task: hints hidden one by one, Check, solution folded, the topology panel with Refresh', async () => {
  const parsed = await loadLesson(fixture('serve', 'lessons', 'topo.md'));
  assert.ok(parsed.ok);
  const page = lessonPage(parsed.lesson, 'topo');
  assert.match(page, /<section class="step task" id="step-bridge-address" data-step="bridge-address" data-task="bridge-address"/);
  const hints = [...page.matchAll(/<div class="hint-text" data-hint="(\d)" hidden><strong>Hint \d\/2:<\/strong>/g)].map((m) => m[1]);
  assert.deepEqual(hints, ['1', '2']);
  assert.match(page, /<button type="button" class="run check" disabled[^>]*>Check<\/button>/);
  assert.match(page, /<div class="solution" data-solution="bridge-address" hidden>\n<section class="step" id="step-a-bridge-and-a-task-1"/);
  // The GitHub wrapper of hints and solution is not shown as text.
  assert.doesNotMatch(page, /&#60;details&#62;/);
  assert.match(page, /<div id="topology" class="topology" data-slot="topology" hidden>[^]*<button type="button" id="topology-refresh"/);
});
