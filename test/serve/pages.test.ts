// The pure parts of learn serve: the lesson page's HTML (from the runner's
// own parse), the Host and Origin checks, the protocol parser, and which
// steps a click runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLesson } from '../../src/lesson/load.js';
import type { Lesson } from '../../src/lesson/types.js';
import { lessonPage, lessonTerminals } from '../../src/serve/lesson-page.js';
import { hostAllowed, originAllowed, requestToken, tokenMatches, type Guard } from '../../src/serve/security.js';
import { parseClientMessage } from '../../src/serve/protocol.js';
import { stepsToRun } from '../../src/serve/steps.js';
import { lessonSlugs } from '../../src/serve/server.js';
import { fixture } from '../helpers/paths.js';

async function lesson(file: string): Promise<Lesson> {
  const parsed = await loadLesson(file);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.lesson;
}

test('the lesson page: every step a section, raw HTML shown as text, hidden steps folded', async () => {
  const page = lessonPage(await lesson(fixture('serve', 'page.md')), 'page');
  const sections = [...page.matchAll(/<section class="step" id="step-([^"]+)" data-step="([^"]+)"/g)].map((m) => m[2]);
  assert.deepEqual(sections, ['inside', 'prep', 'after', 'rendering-1']);
  assert.doesNotMatch(page, /<script>alert/);
  assert.match(page, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
  assert.doesNotMatch(page, /<div onclick/);
  assert.match(page, /<details class="hidden-step"><summary>hidden step <code>prep<\/code>[^]*?data-step="prep"[^]*?<\/details>/);
  assert.doesNotMatch(page, /<details class="hidden-step"><summary>[^<]*<code>inside/);
  // Commands are escaped inside their highlighting.
  assert.match(page, /a &#60; b &#38;&#38; c &#62; d/);
  assert.doesNotMatch(page, /'<\/script><b>'/);
  // The page data cannot end its script element early.
  const data = /<script type="application\/json" id="lesson-data">(.*?)<\/script>/s.exec(page)![1]!;
  assert.doesNotMatch(data, /</);
  assert.deepEqual(JSON.parse(data).terminals, ['main', 'other']);
  assert.match(page, /<title>Page &#60;fixture&#62; · learn<\/title>/);
  // A console step is shown as written, its output lines included.
  assert.match(page, /<code>\$ echo a console step\na console step<\/code>/);
});

test('terminals: main first, then in order of first use', async () => {
  assert.deepEqual(lessonTerminals(await lesson(fixture('serve', 'lessons', 'demo.md'))), ['main', 'side']);
});

const guard: Guard = { token: 't0ken', port: 4321, host: '127.0.0.1' };

test('Host: loopback names on our port only', () => {
  for (const host of ['127.0.0.1:4321', 'localhost:4321', 'LOCALHOST:4321', '[::1]:4321']) assert.ok(hostAllowed(host, guard), host);
  for (const host of [undefined, '', '127.0.0.1', '127.0.0.1:4322', 'attacker.example:4321', 'localhost.attacker.example:4321', '10.0.0.5:4321', '127.0.0.1:4321:1']) {
    assert.ok(!hostAllowed(host, guard), String(host));
  }
  const wide = { ...guard, host: '0.0.0.0' };
  assert.ok(hostAllowed('192.0.2.7:4321', wide), 'any address with --host 0.0.0.0');
  assert.ok(!hostAllowed('attacker.example:4321', wide), 'but never a name');
});

test('Origin: only a page of this server', () => {
  assert.ok(originAllowed('http://127.0.0.1:4321', guard));
  assert.ok(originAllowed('http://localhost:4321', guard));
  for (const origin of [undefined, 'null', '', 'http://attacker.example:4321', 'https://127.0.0.1:4321', 'http://127.0.0.1:4322', 'http://127.0.0.1', 'http://127.0.0.1:4321/', 'file://', 'http://127.0.0.1:4321.attacker.example']) {
    assert.ok(!originAllowed(origin, guard), String(origin));
  }
});

test('token: from the query or this port\'s cookie, compared whole', () => {
  const request = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as never;
  assert.equal(requestToken(request(), new URL('http://x/?token=abc'), 4321), 'abc');
  assert.equal(requestToken(request('a=1; learn-token-4321=xyz'), new URL('http://x/'), 4321), 'xyz');
  assert.equal(requestToken(request('learn-token-9999=xyz'), new URL('http://x/'), 4321), undefined);
  assert.ok(tokenMatches('t0ken', 't0ken'));
  for (const given of [undefined, '', 't0ke', 't0kenn', 'T0KEN']) assert.ok(!tokenMatches(given, 't0ken'), String(given));
});

test('client messages are checked before anything acts on them', () => {
  assert.deepEqual(parseClientMessage('{"type":"run","step":"hello"}'), { type: 'run', step: 'hello' });
  assert.deepEqual(parseClientMessage('{"type":"ack","term":"main","chars":10}'), { type: 'ack', term: 'main', chars: 10 });
  for (const bad of ['', 'null', '[]', '{"type":"run"}', '{"type":"input","term":"main"}', '{"type":"ack","term":"main","chars":-1}', '{"type":"exec","command":"rm"}', JSON.stringify({ type: 'input', term: 'main', data: 'x'.repeat(20_000) })]) {
    assert.equal(typeof parseClientMessage(bad), 'string', bad);
  }
});

test('which steps a click runs', async () => {
  const demo = await lesson(fixture('serve', 'lessons', 'demo.md'));
  const step = (name: string) => demo.steps.find((s) => s.name === name)!;
  const names = (steps: { name: string }[]) => steps.map((s) => s.name);
  assert.deepEqual(names(stepsToRun(demo.steps, step('hello'), 'one', new Set())), ['setup', 'hello'], 'hidden set-up first');
  assert.deepEqual(names(stepsToRun(demo.steps, step('hello'), 'one', new Set(['setup']))), ['hello']);
  assert.deepEqual(names(stepsToRun(demo.steps, step('wrong'), 'one', new Set())), ['wrong']);
  assert.deepEqual(names(stepsToRun(demo.steps, step('wrong'), 'upTo', new Set(['setup', 'hello']))), ['show-pair', 'wrong']);
  assert.deepEqual(names(stepsToRun(demo.steps, step('hello'), 'upTo', new Set(['setup', 'hello']))), ['hello'], 'the step itself runs again');
});

test('lesson URLs: the file name, numbered when two lessons share one', () => {
  assert.deepEqual([...lessonSlugs(['a/bridge.md', 'b/bridge.md', 'c/my lesson.md']).keys()], ['bridge', 'bridge-2', 'my-lesson']);
});
