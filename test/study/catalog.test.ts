import path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLesson } from '../../src/lesson/parse.js';
import type { Lesson } from '../../src/lesson/types.js';
import { makeStyle } from '../../src/report/style.js';
import { catalogLines, type Catalog } from '../../src/study/catalog.js';
import { reportForLesson } from '../../src/sandbox/probe.js';

function lesson(file: string, front: string): Lesson {
  const parsed = parseLesson(`---\n${front}\n---\n# T\n\n\`\`\`sh\ntrue\n\`\`\`\n`, file);
  assert.ok(parsed.ok);
  return parsed.lesson;
}

test('catalog: one shared probe report, judged lesson by lesson', () => {
  const vs = lesson('lessons/ipvs.md', 'title: IPVS\nrequires: [ipvsadm, ip]\nkernel: [ip_vs, veth]');
  const report = { missingPrograms: ['ipvsadm', 'tshark'], missingFeatures: ['ip_vs' as const, 'vxlan' as const], uncheckable: [] };
  assert.deepEqual(reportForLesson(report, vs.meta.requires, vs.meta.kernel), { missingPrograms: ['ipvsadm'], missingFeatures: ['ip_vs'], uncheckable: [] });
});

test('catalog: a closed /dev/net/tun concerns only the lessons that use TUN/TAP', () => {
  const report = { missingPrograms: [], missingFeatures: [], uncheckable: [], closedTunDevice: true };
  const tun = lesson('lessons/tun-tap.md', 'title: TUN\nkernel: [tun, veth]');
  const bridge = lesson('lessons/bridge.md', 'title: Bridge\nkernel: [bridge]');
  assert.equal(reportForLesson(report, tun.meta.requires, tun.meta.kernel).closedTunDevice, true);
  assert.equal(reportForLesson(report, bridge.meta.requires, bridge.meta.kernel).closedTunDevice, undefined);
});

test('catalog lines: name, title, steps and whether it runs; the reason named', () => {
  const ok = lesson('lessons/bridge.md', 'title: Linux bridge\nsummary: A switch inside the kernel');
  const vs = lesson('lessons/ipvs.md', 'title: IPVS');
  const catalog: Catalog = {
    entries: [
      { kind: 'lesson', file: ok.file, lesson: ok, runnable: { ok: true } },
      { kind: 'lesson', file: vs.file, lesson: vs, runnable: { ok: false, reason: 'missing program: ipvsadm; kernel lacks ip_vs (CONFIG_IP_VS)' } },
      { kind: 'invalid', file: 'lessons/broken.md', problems: ['lessons/broken.md:3: unknown attribute "hiden"'] },
    ],
  };
  const progress = {
    [path.resolve('lessons/bridge.md')]: { step: 'step-2', number: 2, total: 3, done: false, solved: [], tasks: 0, updated: '' },
  };
  assert.deepEqual(catalogLines(catalog, makeStyle(false), 80, progress), [
    '1. bridge  Linux bridge  1 step  ✓ runs here',
    '   A switch inside the kernel',
    '   you: at step 2/3 (step-2)',
    '',
    '2. ipvs  IPVS  1 step  ✗ cannot run here',
    '   missing program: ipvsadm; kernel lacks ip_vs (CONFIG_IP_VS)',
    '   you: not started',
    '',
    '3. broken  invalid lesson',
    '   lessons/broken.md:3: unknown attribute "hiden"',
    '',
  ]);
});

test('catalog lines: without sandboxes nothing is checked, and it says why', () => {
  const ok = lesson('lessons/bridge.md', 'title: Linux bridge');
  const lines = catalogLines({ entries: [{ kind: 'lesson', file: ok.file, lesson: ok, runnable: { ok: false, reason: 'x' } }], unchecked: 'cannot create sandboxes: unshare is not installed' }, makeStyle(false), 80);
  assert.equal(lines[0], '1. bridge  Linux bridge  1 step  ? not checked');
  assert.match(lines.join('\n'), /Requirements not checked: cannot create sandboxes: unshare is not installed/);
});
