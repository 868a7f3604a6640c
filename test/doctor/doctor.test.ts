// learn doctor's verdicts on machines described by fakes: what is a problem
// (fixable here: exit 1) and what is only a warning (a kernel feature).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, type LessonNeeds, type Machine } from '../../src/doctor/doctor.js';
import { formatDoctor } from '../../src/doctor/format.js';
import { packageFor, parseDpkgSearch, PROGRAM_PACKAGES } from '../../src/doctor/packages.js';
import { setupCommands } from '../../src/cli/setup-command.js';
import { makeStyle } from '../../src/report/style.js';
import type { KernelFeature } from '../../src/lesson/kernel-features.js';

const needs: LessonNeeds[] = [
  { file: 'lessons/bridge.md', requires: ['ip', 'bridge', 'tcpdump'], kernel: ['bridge', 'veth'] },
  { file: 'lessons/ipvs.md', requires: ['ipvsadm'], kernel: ['ip_vs'] },
  { file: 'lessons/nft.md', requires: ['nft'], kernel: ['nf_tables'] },
];

function machine(over: Partial<Machine> & { missing?: string[]; lacking?: KernelFeature[]; uncheckable?: Array<{ feature: KernelFeature; tool: string }> } = {}): Machine {
  const { missing = [], lacking = [], uncheckable = [], ...rest } = over;
  return {
    nodeVersion: 'v20.11.0',
    privilege: () => ({ mode: 'root', range: { hostUid: 100000, hostGid: 100000, count: 65536 } }),
    apparmorRestrictsUserns: () => false,
    probe: async (_p, programs, features) => ({
      ok: true,
      ms: 50,
      report: { missingPrograms: programs.filter((p) => missing.includes(p)), missingFeatures: features.filter((f) => lacking.includes(f)), uncheckable },
    }),
    hostProgram: (p) => (missing.includes(p) ? undefined : `/usr/bin/${p}`),
    terminal: async () => ({ ok: true, detail: 'node-pty: fine' }),
    kernelModule: () => 'unknown',
    ...rest,
  };
}

test('doctor: everything present is ok', async () => {
  const report = await diagnose(needs, machine());
  assert.equal(report.ok, true);
  assert.deepEqual(report.missingPackages, []);
  assert.deepEqual(report.skippedLessons, []);
  assert.ok(report.checks.every((c) => c.status === 'ok'));
  const ip = report.checks.find((c) => c.area === 'program' && c.name === 'ip')!;
  assert.deepEqual([ip.package, ip.lessons], ['iproute2', ['lessons/bridge.md', '(learn)']]);
});

test('doctor: a missing program is a problem with its package; setup installs it', async () => {
  const report = await diagnose(needs, machine({ missing: ['tcpdump', 'bridge'] }));
  assert.equal(report.ok, false);
  assert.deepEqual(report.missingPackages, ['iproute2', 'tcpdump']);
  assert.deepEqual(report.skippedLessons, [{ file: 'lessons/bridge.md', reason: 'missing programs: bridge, tcpdump', fixable: true }]);
  assert.deepEqual(setupCommands(report.missingPackages), [['apt-get', 'update'], ['apt-get', 'install', '-y', '--no-install-recommends', 'iproute2', 'tcpdump']]);
  const text = formatDoctor(report, makeStyle(false));
  assert.match(text, /FIX {3}program tcpdump +not found on the sandbox PATH \[bridge\]\n +fix: apt-get install tcpdump/);
  assert.match(text, /install them with: sudo learn setup/);
});

test('doctor: a kernel feature the machine lacks is a warning naming the skipped lessons, not a failure', async () => {
  const report = await diagnose(needs, machine({ lacking: ['ip_vs'], kernelModule: () => 'loadable' }));
  assert.equal(report.ok, true);
  assert.deepEqual(report.skippedLessons, [{ file: 'lessons/ipvs.md', reason: 'kernel lacks ip_vs (CONFIG_IP_VS)', fixable: false }]);
  const check = report.checks.find((c) => c.area === 'kernel' && c.name === 'ip_vs')!;
  assert.equal(check.status, 'warning');
  assert.match(check.note!, /sudo modprobe ip_vs/);
  const text = formatDoctor(report, makeStyle(false));
  assert.match(text, /warning: 1 lesson will be skipped on this machine/);
  assert.match(text, /lessons\/ipvs\.md: kernel lacks ip_vs \(CONFIG_IP_VS\)/);
  assert.match(text, /ok: every other lesson can run here/);
});

test('doctor: a probe tool that is missing makes its feature uncheckable and the tool a problem', async () => {
  const report = await diagnose(needs, machine({ missing: ['nft'], uncheckable: [{ feature: 'nf_tables', tool: 'nft' }] }));
  assert.equal(report.ok, false);
  assert.deepEqual(report.missingPackages, ['nftables']);
  assert.equal(report.checks.find((c) => c.area === 'kernel' && c.name === 'nf_tables')!.status, 'warning');
  assert.equal(report.skippedLessons[0]!.fixable, true);
});

test('doctor: AppArmor restriction is a problem with the exact fix', async () => {
  const problem = 'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1, as on Ubuntu 24.04)';
  const report = await diagnose(needs, machine({
    privilege: () => ({ mode: 'unavailable', problem, remedy: 'run `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`' }),
  }));
  assert.equal(report.ok, false);
  const check = report.checks.find((c) => c.area === 'privilege')!;
  assert.equal(check.status, 'problem');
  assert.match(check.fix!, /sudo sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0/);
  assert.match(check.fix!, /\/etc\/sysctl\.d\//);
  assert.equal(report.checks.find((c) => c.area === 'kernel')!.detail, 'not checked (no sandbox)');
});

test('doctor: a sandbox that does not start, a broken pty, an old Node are problems', async () => {
  const report = await diagnose([], machine({
    nodeVersion: 'v18.19.0',
    probe: async () => ({ ok: false, error: 'unshare: Operation not permitted' }),
    terminal: async () => ({ ok: false, detail: 'cannot spawn' }),
  }));
  assert.deepEqual(report.checks.filter((c) => c.status === 'problem').map((c) => c.area), ['node', 'sandbox', 'terminal']);
});

test('packages: the table covers the programs lessons use; dpkg -S output is read', () => {
  for (const [program, pkg] of Object.entries({ ip: 'iproute2', bridge: 'iproute2', ss: 'iproute2', brctl: 'bridge-utils', ping: 'iputils-ping', nft: 'nftables', unshare: 'util-linux', nsenter: 'util-linux', newuidmap: 'uidmap', tshark: 'tshark' })) {
    assert.equal(PROGRAM_PACKAGES[program], pkg);
  }
  assert.equal(packageFor('zzz', () => 'from-dpkg'), 'from-dpkg');
  assert.equal(parseDpkgSearch('iproute2: /bin/ip\niproute2: /sbin/ip\n', 'ip'), 'iproute2');
  assert.equal(parseDpkgSearch('coreutils, foo:amd64: /usr/bin/zip\nzip: /usr/bin/zip\n', 'zip'), 'coreutils');
  assert.equal(parseDpkgSearch('libc-bin:amd64: /usr/bin/ldd\n', 'ldd'), 'libc-bin');
  assert.equal(parseDpkgSearch('diversion by x from: /usr/bin/ip\n', 'ip'), undefined);
});

test('doctor: without newuidmap, uidmap is a warning and learn setup installs it, whatever the mode', async () => {
  for (const privilege of [
    () => ({ mode: 'root', range: { hostUid: 100000, hostGid: 100000, count: 65536 } }) as const,
    () => ({ mode: 'rootless', subordinate: false }) as const,
  ]) {
    const report = await diagnose(needs, machine({ missing: ['newuidmap'], privilege }));
    const check = report.checks.find((c) => c.name === 'uidmap')!;
    assert.equal(check.status, 'warning');
    assert.equal(check.fix, 'apt-get install uidmap');
    assert.deepEqual(report.missingPackages, ['uidmap']);
    assert.equal(report.ok, true);
  }
});

test('doctor: rootless with newuidmap but no subordinate range says how to add one', async () => {
  const report = await diagnose(needs, machine({ privilege: () => ({ mode: 'rootless', subordinate: false }) }));
  const check = report.checks.find((c) => c.name === 'uidmap')!;
  assert.equal(check.status, 'warning');
  assert.match(check.fix!, /usermod --add-subuids/);
  assert.deepEqual(report.missingPackages, []);
});
