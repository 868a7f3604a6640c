// The machine-readable reporters beyond their golden files: JUnit is
// well-formed XML with consistent counts, TAP's YAML blocks parse, colours
// never leak into files, GitHub commands are escaped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { TapReporter } from '../../src/report/tap.js';
import { JunitReporter, className } from '../../src/report/junit.js';
import { JsonReporter, type JsonReport } from '../../src/report/json.js';
import { GithubReporter, command } from '../../src/report/github.js';
import { plainText } from '../../src/report/facts.js';
import type { Reporter } from '../../src/run/events.js';
import { parseXml, XmlError, type XmlElement } from '../helpers/xml.js';
import { drive, sampleItems } from './sample-results.js';

async function output(make: (write: (t: string) => void) => Reporter, colored = false): Promise<string> {
  let text = '';
  await drive(make((t) => (text += t)), sampleItems(colored));
  return text;
}

test('junit: well-formed, one testcase per step, counts add up', async () => {
  const root = parseXml(await output((w) => new JunitReporter(w)));
  assert.equal(root.name, 'testsuites');
  const suites = root.children;
  assert.ok(suites.every((s) => s.name === 'testsuite'));
  assert.deepEqual(suites.map((s) => s.attributes.name), [
    'test/fixtures/ci/lessons/basics.md',
    'test/fixtures/ci/lessons/differs.md',
    'test/fixtures/ci/lessons/skipped.md',
    'test/fixtures/ci/lessons/broken.md',
    'test/fixtures/ci/lessons/timeout.md',
  ]);
  const sum = (key: string): number => suites.reduce((n, s) => n + Number(s.attributes[key]), 0);
  for (const key of ['tests', 'failures', 'errors']) assert.equal(Number(root.attributes[key]), sum(key), key);
  // The Jenkins xunit schema has no skipped on <testsuites>; each suite has its own.
  assert.equal(root.attributes.skipped, undefined);
  assert.ok(sum('skipped') > 0);
  for (const suite of suites) {
    const cases = suite.children.filter((c) => c.name === 'testcase');
    assert.equal(cases.length, Number(suite.attributes.tests));
    assert.equal(cases.filter((c) => has(c, 'failure')).length, Number(suite.attributes.failures));
    assert.equal(cases.filter((c) => has(c, 'skipped')).length, Number(suite.attributes.skipped));
    assert.equal(cases.filter((c) => has(c, 'error')).length, Number(suite.attributes.errors));
    for (const c of cases) {
      assert.match(c.attributes.time!, /^\d+\.\d{3}$/);
      assert.ok(c.attributes.name && c.attributes.classname);
    }
  }
  const greet = suites[1]!.children[0]!;
  const failure = greet.children[0]!;
  assert.equal(failure.attributes.message, 'output differs from the snapshot');
  assert.match(failure.text, /^test\/fixtures\/ci\/lessons\/differs\.md:8: step "greet"/);
  assert.match(failure.text, /-hello, <b>there<\/b> & "you"\n\+hello, world$/);
  const slow = suites[4]!.children[1]!;
  assert.equal(slow.children[0]!.attributes.type, 'timedOut');
  assert.equal(slow.attributes.time, '0.304');
});

test('junit: the checker rejects what GitLab and Jenkins would', () => {
  for (const bad of ['<a><b></a></b>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a>\x1b[31m</a>', '<a/><b/>', '<a x=1/>', '<a>x & y</a>']) {
    assert.throws(() => parseXml(bad), XmlError, bad);
  }
});

test('no colours or escapes reach TAP, JUnit, JSON or GitHub output', async () => {
  for (const make of [(w: (t: string) => void) => new TapReporter(w), (w: (t: string) => void) => new JunitReporter(w), (w: (t: string) => void) => new JsonReporter(w), (w: (t: string) => void) => new GithubReporter({ write: w })]) {
    const text = await output(make, true);
    assert.doesNotMatch(text, /\x1b|\\u001b/);
    assert.match(text, /hello, world/);
  }
});

test('tap: version, plan, every YAML block parses, skips and failures marked', async () => {
  const text = await output((w) => new TapReporter(w));
  const lines = text.split('\n');
  assert.equal(lines[0], 'TAP version 14');
  assert.equal(lines[1], '1..5');
  const points = lines.filter((l) => /^(not )?ok \d+ /.test(l));
  assert.deepEqual(points, [
    'ok 1 - test/fixtures/ci/lessons/basics.md',
    'not ok 2 - test/fixtures/ci/lessons/differs.md',
    'ok 3 - test/fixtures/ci/lessons/skipped.md # SKIP missing program: no-such-program',
    'not ok 4 - test/fixtures/ci/lessons/broken.md',
    'not ok 5 - test/fixtures/ci/lessons/timeout.md',
  ]);
  let blocks = 0;
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)---$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!;
    const end = lines.indexOf(`${indent}...`, i);
    assert.ok(end > i, `YAML block at line ${i + 1} is closed`);
    const body = lines.slice(i + 1, end).map((l) => l.slice(indent.length)).join('\n');
    const data = parseYaml(body) as Record<string, unknown>;
    assert.equal(typeof data.duration_ms === 'number' || data.message === 'invalid lesson', true, body);
    blocks++;
    i = end;
  }
  assert.ok(blocks >= 10);
  const subtest = lines.filter((l) => l.startsWith('    ') && /^\s+(not )?ok /.test(l));
  assert.ok(subtest.some((l) => l === '    not ok 2 - exit-code'));
  assert.ok(subtest.some((l) => l === '    ok 3 - after # SKIP not run: step "slow" failed'));
});

test('json: the report parses and carries every step with its time', async () => {
  const report = JSON.parse(await output((w) => new JsonReporter(w))) as JsonReport;
  assert.equal(report.ok, false);
  assert.deepEqual(report.counts, { passed: 4, failed: 3, skipped: 3 });
  assert.equal(report.lessons.length, 4);
  assert.equal(report.invalid[0]!.file, 'test/fixtures/ci/lessons/broken.md');
  const slow = report.lessons[3]!.steps[1]!;
  assert.deepEqual([slow.name, slow.kind, slow.status, slow.at, slow.durationMs], ['slow', 'timedOut', 'failed', 13, 304]);
  assert.equal(report.lessons[2]!.status, 'skipped');
  assert.equal(report.lessons[2]!.steps[0]!.message, 'missing program: no-such-program');
});

test('github: commands escape %, newlines, and : , in properties', () => {
  assert.equal(command('error', { file: 'a,b.md', line: 3, title: 'x: y' }, '100% done\nnext\r'), '::error file=a%2Cb.md,line=3,title=x%3A y::100%25 done%0Anext%0D\n');
});

test('github: paths are relative to GITHUB_WORKSPACE', async () => {
  let text = '';
  await drive(new GithubReporter({ write: (t) => (text += t), workspace: '/work', cwd: '/work/project' }));
  assert.match(text, /^::error file=project\/test\/fixtures\/ci\/lessons\/differs\.md,line=8,/m);
});

test('junit: class names Jenkins can split into package and class', () => {
  assert.equal(className('lessons/bridge.md'), 'lessons.bridge');
  assert.equal(className('./lessons/net/v1.2.md'), 'lessons.net.v1_2');
});

test('plainText drops escapes and control characters, keeps tabs and newlines', () => {
  assert.equal(plainText('\x1b[1mbold\x1b[22m\ta\r\nb\x07\x1b]0;title\x07'), 'bold\ta\nb');
});

function has(el: XmlElement, name: string): boolean {
  return el.children.some((c) => c.name === name);
}
