// Which reporters `learn test` builds from --reporter and --output, and where they write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReporters, parseReporterSpecs, type ReporterOption } from '../../src/cli/reporters.js';
import { UsageError } from '../../src/cli/usage.js';

const r = (value: string): ReporterOption => ({ kind: 'reporter', value });
const o = (value: string): ReporterOption => ({ kind: 'output', value });
const show = (options: ReporterOption[], env: NodeJS.ProcessEnv = {}): string[] =>
  parseReporterSpecs(options, env).map((s) => `${s.name}>${s.target.kind === 'file' ? s.target.path : s.target.kind}`);

test('reporters: the human one by default, on stdout', () => {
  assert.deepEqual(show([]), ['pretty>stdout']);
});

test('reporters: NAME:FILE and --output for the reporter before it; the human one keeps stdout', () => {
  assert.deepEqual(show([r('junit'), o('junit.xml'), r('json:out/r.json')]), ['pretty>stdout', 'junit>junit.xml', 'json>out/r.json']);
});

test('reporters: a reporter on stdout replaces the human one', () => {
  assert.deepEqual(show([r('tap')]), ['tap>stdout']);
  assert.deepEqual(show([r('tap'), r('junit:j.xml')]), ['tap>stdout', 'junit>j.xml']);
  assert.deepEqual(show([r('pretty'), r('github')]), ['pretty>stdout', 'github>stdout']);
});

test('reporters: github is added under GitHub Actions, on stderr when stdout is taken', () => {
  const env = { GITHUB_ACTIONS: 'true' };
  assert.deepEqual(show([], env), ['pretty>stdout', 'github>stdout']);
  assert.deepEqual(show([r('json')], env), ['json>stdout', 'github>stderr']);
  assert.deepEqual(show([r('github:a.txt')], env), ['pretty>stdout', 'github>a.txt']);
});

test('reporters: mistakes are usage errors', () => {
  for (const bad of [[o('x.xml')], [r('junit:a.xml'), o('b.xml')], [r('tap'), r('json')], [r('nope')], [r('junit:a'), r('json:a')], [r('junit:')]]) {
    assert.throws(() => parseReporterSpecs(bad, {}), UsageError, JSON.stringify(bad));
  }
});

test('reporters: on a terminal, a progress line comes first and stdout reporters print above it', async () => {
  let out = '';
  const stdout = { write: (t: string) => (out += t), isTTY: true, columns: 80 };
  const specs = parseReporterSpecs([r('pretty'), r('github')], {});
  const built = buildReporters(specs, { stdout, stderr: stdout, color: false, env: {}, cwd: '/' });
  assert.deepEqual(built.reporters.map((x) => x.constructor.name), ['ProgressLine', 'PrettyReporter', 'GithubReporter']);
  const plain = buildReporters(specs, { stdout: { write: () => true }, stderr: stdout, color: false, env: {}, cwd: '/' });
  // Not a terminal: no progress line; live log lines instead (one as each lesson starts and each step ends).
  assert.deepEqual(plain.reporters.map((x) => x.constructor.name), ['LogLines', 'PrettyReporter', 'GithubReporter']);
});
