// End to end, the CI side of `learn test` on the fixture lessons in
// test/fixtures/ci/ (real sandboxes, real ptys): the reporters against golden
// files (times replaced by a placeholder), --jobs 2 giving what --jobs 1
// gives, shards partitioning the lessons, filters, --record; and doctor.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runLearn } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { parseXml } from '../helpers/xml.js';
import type { JsonReport } from '../../src/report/json.js';

const LESSONS = 'test/fixtures/ci/lessons';
const SNAPSHOTS = 'test/fixtures/ci/snapshots';
const CI = { CI: 'true' };
const updating = process.env['UPDATE_GOLDEN'] === '1';

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'learn-ci-'));
}

/** Durations vary from run to run: replace them by a placeholder. */
function untimed(text: string): string {
  return text
    .replace(/("durationMs": )\d+/g, '$1"[T]"')
    .replace(/(duration_ms:? )\d+/g, '$1[T]')
    .replace(/( time=")[\d.]+"/g, '$1[T]"');
}

function golden(name: string, actual: string): void {
  const file = fixture('ci', 'golden', name);
  if (updating) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `${name} is missing (write it with UPDATE_GOLDEN=1, then review it)`);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

async function ciRun(jobs: number, dir: string) {
  const r = await runLearn(['test', LESSONS, '--snapshots', SNAPSHOTS, '--jobs', String(jobs), '--reporter', 'tap', '--reporter', `json:${dir}/report.json`, '--reporter', 'junit', '--output', `${dir}/junit.xml`], { env: CI });
  return { ...r, json: readFileSync(path.join(dir, 'report.json'), 'utf8'), junit: readFileSync(path.join(dir, 'junit.xml'), 'utf8') };
}

test('e2e: tap on stdout, json and junit files, --jobs 2 identical to --jobs 1, all as in the golden files', async () => {
  const one = scratch();
  const two = scratch();
  try {
    const a = await ciRun(1, one);
    const b = await ciRun(2, two);
    assert.equal(a.code, 1, a.stdout + a.stderr);
    assert.equal(b.code, 1, b.stdout + b.stderr);
    assert.equal(untimed(b.stdout), untimed(a.stdout));
    assert.equal(untimed(b.json), untimed(a.json));
    assert.equal(untimed(b.junit), untimed(a.junit));
    golden('run.tap', untimed(a.stdout));
    golden('run.json', untimed(a.json));
    golden('run.junit.xml', untimed(a.junit));
    const root = parseXml(a.junit);
    assert.deepEqual([root.attributes.tests, root.attributes.failures, root.attributes.skipped], ['13', '3', undefined]);
    assert.equal(root.children.reduce((n, s) => n + Number(s.attributes.skipped), 0), 3);
    const report = JSON.parse(a.json) as JsonReport;
    assert.deepEqual(report.lessons.map((l) => [path.basename(l.file), l.status]), [
      ['basics.md', 'passed'], ['differs.md', 'failed'], ['skipped.md', 'skipped'], ['terminals.md', 'passed'], ['timeout.md', 'failed'],
    ]);
  } finally {
    rmSync(one, { recursive: true, force: true });
    rmSync(two, { recursive: true, force: true });
  }
});

test('e2e: --shard K/N splits the lessons, each in exactly one shard', async () => {
  const dir = scratch();
  try {
    const seen: string[][] = [];
    for (const shard of ['1/2', '2/2']) {
      const file = path.join(dir, `${shard.replace('/', '-')}.json`);
      const r = await runLearn(['test', LESSONS, '--snapshots', SNAPSHOTS, '--shard', shard, '--reporter', `json:${file}`], { env: CI });
      assert.match(r.stderr, new RegExp(`shard ${shard}: \\d of 5 lessons`));
      seen.push((JSON.parse(readFileSync(file, 'utf8')) as JsonReport).lessons.map((l) => path.basename(l.file)));
    }
    assert.deepEqual(seen.flat().sort(), ['basics.md', 'differs.md', 'skipped.md', 'terminals.md', 'timeout.md']);
    assert.equal(new Set(seen.flat()).size, 5);
    assert.deepEqual(seen, [['basics.md', 'skipped.md', 'timeout.md'], ['differs.md', 'terminals.md']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('e2e: a glob picks lessons, --step runs up to a step', async () => {
  const glob = await runLearn(['test', `${LESSONS}/t*.md`, '--snapshots', SNAPSHOTS, '--reporter', 'json'], { env: CI });
  assert.deepEqual((JSON.parse(glob.stdout) as JsonReport).lessons.map((l) => path.basename(l.file)), ['terminals.md', 'timeout.md']);
  const upTo = await runLearn(['test', `${LESSONS}/timeout.md`, '--snapshots', SNAPSHOTS, '--step', 'quick'], { env: CI });
  assert.equal(upTo.code, 0, upTo.stdout + upTo.stderr);
  assert.match(upTo.stdout, /✓ quick/);
  assert.doesNotMatch(upTo.stdout, /slow/);
  const bad = await runLearn(['test', `${LESSONS}/timeout.md`, '--snapshots', SNAPSHOTS, '--step', 'nope'], { env: CI });
  assert.equal(bad.code, 2);
  assert.match(bad.stdout + bad.stderr, /no step "nope" in this lesson \(steps: quick, slow, after\)/);
});

test('e2e: under GitHub Actions the failing fences are annotated next to the human report', async () => {
  const r = await runLearn(['test', `${LESSONS}/differs.md`, '--snapshots', SNAPSHOTS], { env: { ...CI, GITHUB_ACTIONS: 'true' } });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^::error file=test\/fixtures\/ci\/lessons\/differs\.md,line=8,title=learn%3A step "greet" failed \(\d+ ms\)::output differs from the snapshot%0A/m);
  assert.match(r.stdout, /^::error file=test\/fixtures\/ci\/lessons\/differs\.md,line=14,/m);
  assert.match(r.stdout, /✗ greet/);
});

test('e2e: --record writes one asciicast v2 file per lesson with all its terminals', async () => {
  const dir = scratch();
  try {
    const r = await runLearn(['test', `${LESSONS}/terminals.md`, `${LESSONS}/skipped.md`, '--snapshots', SNAPSHOTS, '--record', dir], { env: CI });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /1 recording in /);
    assert.equal(existsSync(path.join(dir, 'skipped.cast')), false);
    const [header, ...events] = readFileSync(path.join(dir, 'terminals.cast'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    assert.deepEqual([(header as { version: number }).version, (header as { width: number }).width], [2, 100]);
    const times = events.map((e) => (e as [number])[0]);
    assert.deepEqual(times, [...times].sort((x, y) => x - y));
    const output = events.filter((e) => (e as string[])[1] === 'o').map((e) => (e as string[])[2]).join('');
    assert.match(output, / other .*\r\n\$ echo listening; sleep 30\r\nlistening/s);
    assert.match(output, / main .*\r\n\$ echo client here\r\nclient here/s);
    assert.deepEqual(events.filter((e) => (e as string[])[1] === 'm').map((e) => (e as string[])[2]), ['server', 'client', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('e2e: doctor passes when only a kernel feature is missing, fails on a missing program', async () => {
  const machine = await runLearn(['doctor', '--json', 'test/fixtures/ci/machine']);
  assert.equal(machine.code, 0, machine.stdout + machine.stderr);
  const report = JSON.parse(machine.stdout) as { ok: boolean; checks: Array<{ area: string; name: string; status: string }>; skippedLessons: Array<{ file: string; fixable: boolean }> };
  assert.equal(report.ok, true);
  const ipvs = report.checks.find((c) => c.area === 'kernel' && c.name === 'ip_vs')!;
  if (ipvs.status === 'warning') assert.deepEqual(report.skippedLessons, [{ file: 'test/fixtures/ci/machine/ipvs.md', reason: 'kernel lacks ip_vs (CONFIG_IP_VS)', fixable: false }]);
  else assert.equal(ipvs.status, 'ok');

  const lessons = await runLearn(['doctor', LESSONS]);
  assert.equal(lessons.code, 1, lessons.stdout + lessons.stderr);
  assert.match(lessons.stdout, /FIX +program no-such-program +not found on the sandbox PATH \[skipped\]/);
  assert.match(lessons.stdout, /ok +privilege +root/);
  assert.match(lessons.stdout, /ok +terminal +@lydell\/node-pty/);

  const setup = await runLearn(['setup', '--dry-run', 'test/fixtures/ci/machine']);
  assert.equal(setup.code, 0, setup.stdout + setup.stderr);
  assert.match(setup.stdout, /nothing to install/);
});

test('e2e: with --jobs 2 a slow first lesson is still reported first, each block whole', async () => {
  const r = await runLearn(['test', `${LESSONS}/timeout.md`, `${LESSONS}/basics.md`, `${LESSONS}/terminals.md`, '--snapshots', SNAPSHOTS, '--jobs', '2'], { env: CI });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  // Piped: the live log lines (a lesson started, a step ended) come as they happen; the blocks after them.
  const live = /^(▶ \S+: \d+ steps?|  \S+ \d+\/\d+ .*)$/;
  const lines = r.stdout.split('\n');
  assert.ok(lines.filter((l) => live.test(l)).length >= 3 + 3 + 3, r.stdout);
  const blocks = lines.filter((l) => !live.test(l)).join('\n').split('\n\n').filter((b) => b.startsWith('test/fixtures'));
  assert.deepEqual(blocks.map((b) => b.split(/\s+/)[0]), [`${LESSONS}/timeout.md`, `${LESSONS}/basics.md`, `${LESSONS}/terminals.md`]);
  assert.match(blocks[0]!, /✓ quick[^\n]*\n\s+⏱ slow[\s\S]*- after/);
  assert.match(blocks[1]!, /✓ hello[^\n]*\n\s+✓ two-lines[^\n]*\n\s+✓ basics-1/);
});
