// `learn doctor`: can this machine run these lessons? Collects what the
// lessons need (programs, kernel features), asks the machine (through the
// Machine interface, so the logic is testable without one) and returns the
// checks as values. Problems are what can be fixed here (a missing program,
// no privilege for namespaces); a kernel feature the machine lacks is a
// warning: the lessons that need it are skipped, and no package fixes it.
import { loadLesson } from '../lesson/load.js';
import { describeKernelFeature, KERNEL_FEATURES, type KernelFeature } from '../lesson/kernel-features.js';
import type { Privilege } from '../sandbox/privilege.js';
import { CLOSED_TUN_REASON, type ProbeReport } from '../sandbox/probe.js';
import { packageFor, type DpkgSearch } from './packages.js';
import { PTY_FIX } from '../session/pty-module.js';
import { vmChecks, type VmFacts } from './vm.js';
import type { Check } from './check.js';
import { startCheck } from './start.js';

export type { Check, CheckArea, CheckStatus } from './check.js';

export interface DoctorReport {
  /** True when nothing needs fixing (warnings allowed). */
  ok: boolean;
  lessons: string[];
  checks: Check[];
  /** Packages to install for the missing programs (what `learn setup` installs). */
  missingPackages: string[];
  /** Missing programs whose package is not known. */
  unknownPrograms: string[];
  /** Lessons `learn test` would skip on this machine now. */
  skippedLessons: Array<{ file: string; reason: string; fixable: boolean }>;
}

export interface LessonNeeds {
  file: string;
  requires: string[];
  kernel: KernelFeature[];
  /** `sandbox: vm` lessons: their kernel features are the VM kernel's, checked when they run. */
  sandbox?: 'ns' | 'vm';
}

export type ProbeOutcome = { ok: true; report: ProbeReport; ms: number } | { ok: false; error: string };

export interface Machine {
  nodeVersion: string;
  /** How this process started (LEARN_START of bin/learn; see start.ts). */
  startedAs?: string;
  privilege(): Privilege;
  /** kernel.apparmor_restrict_unprivileged_userns = 1 (Ubuntu 23.10 and later). */
  apparmorRestrictsUserns(): boolean;
  /** Start a sandbox and probe programs and features inside it, as `learn test` does. */
  probe(privilege: Privilege, programs: string[], features: KernelFeature[]): Promise<ProbeOutcome>;
  /** Where a program is on the host (sandbox PATH), when no sandbox can start. */
  hostProgram(program: string): string | undefined;
  dpkg?: DpkgSearch;
  /** Can we spawn a pseudo-terminal? */
  terminal(): Promise<{ ok: boolean; detail: string }>;
  /** Is a kernel module on disk for the running kernel (modules.dep)? */
  kernelModule?(name: string): 'loadable' | 'absent' | 'unknown';
  /** What VM lessons need, asked only when some lesson is one. */
  vm?(privilege: Privilege): VmFacts;
}

/** Programs learn itself runs inside the sandbox. */
const OWN_PROGRAMS = ['bash', 'unshare', 'nsenter'];
/** Needed by the kernel feature probes. */
const PROBE_PROGRAM = 'ip';
export const LEARN = '(learn)';
export const MIN_NODE_MAJOR = 20;

export async function lessonNeeds(files: string[]): Promise<{ needs: LessonNeeds[]; invalid: Array<{ file: string; message: string }> }> {
  const needs: LessonNeeds[] = [];
  const invalid: Array<{ file: string; message: string }> = [];
  for (const file of files) {
    const parsed = await loadLesson(file);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      invalid.push({ file, message: first ? `${first.file}:${first.line}: ${first.message}` : 'does not parse' });
      continue;
    }
    needs.push({ file, requires: parsed.lesson.meta.requires, kernel: parsed.lesson.meta.kernel, sandbox: parsed.lesson.meta.sandbox });
  }
  return { needs, invalid };
}

export async function diagnose(needs: LessonNeeds[], machine: Machine, invalid: Array<{ file: string; message: string }> = []): Promise<DoctorReport> {
  const checks: Check[] = [nodeCheck(machine.nodeVersion), startCheck(machine.startedAs)];
  const privilege = machine.privilege();
  checks.push(privilegeCheck(privilege, machine.apparmorRestrictsUserns()));

  const programUsers = usersOf(needs, (n) => n.requires);
  for (const own of OWN_PROGRAMS) addUser(programUsers, own, LEARN);
  // The host's kernel is probed for namespace lessons; a VM lesson brings its own.
  const featureUsers = usersOf(needs.filter((n) => n.sandbox !== 'vm'), (n) => n.kernel);
  if (featureUsers.size > 0) addUser(programUsers, PROBE_PROGRAM, LEARN);
  const programs = [...programUsers.keys()];
  const features = [...featureUsers.keys()];

  let missingPrograms: Set<string>;
  let missingFeatures = new Set<KernelFeature>();
  let uncheckable = new Map<KernelFeature, string>();
  let featuresKnown = true;
  let closedTunDevice = false;
  if (privilege.mode === 'unavailable') {
    checks.push({ area: 'sandbox', name: 'sandbox', status: 'problem', detail: 'not tried: no privilege to create namespaces (see above)' });
    missingPrograms = new Set(programs.filter((p) => machine.hostProgram(p) === undefined));
    featuresKnown = false;
  } else {
    const probed = await machine.probe(privilege, programs, features);
    if (probed.ok) {
      checks.push({ area: 'sandbox', name: 'sandbox', status: 'ok', detail: `a test sandbox started, answered and was torn down (${Math.round(probed.ms)} ms)` });
      missingPrograms = new Set(probed.report.missingPrograms);
      missingFeatures = new Set(probed.report.missingFeatures);
      uncheckable = new Map(probed.report.uncheckable.map((u) => [u.feature, u.tool]));
      closedTunDevice = probed.report.closedTunDevice === true;
      for (const [feature, tool] of uncheckable) {
        missingPrograms.add(tool);
        for (const user of featureUsers.get(feature) ?? []) addUser(programUsers, tool, user);
      }
    } else {
      checks.push({ area: 'sandbox', name: 'sandbox', status: 'problem', detail: `cannot start a sandbox: ${probed.error}`, fix: 'see docs/setup.md (privilege and namespaces)' });
      missingPrograms = new Set(programs.filter((p) => machine.hostProgram(p) === undefined));
      featuresKnown = false;
    }
  }

  const terminal = await machine.terminal();
  checks.push({ area: 'terminal', name: 'terminal', status: terminal.ok ? 'ok' : 'problem', detail: terminal.detail, ...(terminal.ok ? {} : { fix: PTY_FIX }) });

  const missingPackages = new Set<string>();
  const unknownPrograms: string[] = [];
  const hasNewuidmap = machine.hostProgram('newuidmap') !== undefined;
  checks.push(idMappingCheck(privilege, hasNewuidmap));
  if (!hasNewuidmap) missingPackages.add('uidmap');
  for (const [program, users] of [...programUsers].sort(byName)) {
    if (!missingPrograms.has(program)) {
      const pkg = packageFor(program, machine.dpkg);
      checks.push({ area: 'program', name: program, status: 'ok', detail: pkg ? `installed (${pkg})` : 'installed', ...(pkg ? { package: pkg } : {}), lessons: users });
      continue;
    }
    const pkg = packageFor(program);
    if (pkg) missingPackages.add(pkg);
    else unknownPrograms.push(program);
    checks.push({
      area: 'program',
      name: program,
      status: 'problem',
      detail: 'not found on the sandbox PATH',
      fix: pkg ? `apt-get install ${pkg}` : `install the package that provides ${program}`,
      ...(pkg ? { package: pkg } : {}),
      lessons: users,
    });
  }

  for (const [feature, users] of [...featureUsers].sort(byName)) {
    if (!featuresKnown) {
      checks.push({ area: 'kernel', name: feature, status: 'warning', detail: 'not checked (no sandbox)', lessons: users });
    } else if (uncheckable.has(feature)) {
      checks.push({ area: 'kernel', name: feature, status: 'warning', detail: `not checked: ${uncheckable.get(feature)} is missing (see above)`, lessons: users });
    } else if (closedTunDevice && (feature === 'tun' || feature === 'tap')) {
      checks.push({ area: 'kernel', name: feature, status: 'warning', detail: `${CLOSED_TUN_REASON}; these lessons will be skipped`, lessons: users });
    } else if (missingFeatures.has(feature)) {
      const module = KERNEL_FEATURES[feature].module;
      const onDisk = machine.kernelModule?.(module) ?? 'unknown';
      checks.push({
        area: 'kernel',
        name: feature,
        status: 'warning',
        detail: `kernel lacks ${describeKernelFeature(feature)}; these lessons will be skipped (no package fixes a kernel)`,
        note: onDisk === 'loadable'
          ? `module ${module} is on disk but not loaded; the host's admin can load it with \`sudo modprobe ${module}\` (learn never loads modules)`
          : `needs a kernel built with ${KERNEL_FEATURES[feature].config}${onDisk === 'absent' ? ` (no ${module} module for this kernel)` : ''}: run these lessons on another machine`,
        lessons: users,
      });
    } else {
      checks.push({ area: 'kernel', name: feature, status: 'ok', detail: 'available', lessons: users });
    }
  }

  const vmLessons = needs.filter((n) => n.sandbox === 'vm').map((n) => n.file);
  if (vmLessons.length > 0 && machine.vm) {
    const vm = vmChecks(machine.vm(privilege), vmLessons);
    checks.push(...vm.checks);
    for (const pkg of vm.missingPackages) missingPackages.add(pkg);
  }

  for (const bad of invalid) {
    checks.push({ area: 'lesson', name: bad.file, status: 'warning', detail: `does not parse: ${bad.message}`, fix: `learn test ${bad.file} shows every problem` });
  }

  const skippedLessons = needs.flatMap((n) => {
    const programsMissing = n.requires.filter((p) => missingPrograms.has(p));
    const featuresMissing = featuresKnown && n.sandbox !== 'vm' ? n.kernel.filter((f) => missingFeatures.has(f)) : [];
    const reasons = [
      ...(programsMissing.length > 0 ? [`missing program${programsMissing.length > 1 ? 's' : ''}: ${programsMissing.join(', ')}`] : []),
      ...featuresMissing.map((f) => `kernel lacks ${describeKernelFeature(f)}`),
      ...n.kernel.filter((f) => uncheckable.has(f)).map((f) => `cannot check kernel feature ${f}: ${uncheckable.get(f)} is not installed`),
    ];
    return reasons.length > 0 ? [{ file: n.file, reason: reasons.join('; '), fixable: featuresMissing.length === 0 }] : [];
  });

  return {
    ok: !checks.some((c) => c.status === 'problem'),
    lessons: needs.map((n) => n.file).concat(invalid.map((i) => i.file)),
    checks,
    missingPackages: [...missingPackages].sort(),
    unknownPrograms,
    skippedLessons,
  };
}

function nodeCheck(version: string): Check {
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
  return major >= MIN_NODE_MAJOR
    ? { area: 'node', name: 'node', status: 'ok', detail: `${version} (${MIN_NODE_MAJOR} or later needed)` }
    : { area: 'node', name: 'node', status: 'problem', detail: `${version}: learn needs Node ${MIN_NODE_MAJOR} or later`, fix: `install Node ${MIN_NODE_MAJOR} or later (for example from nodesource.com or with nvm)` };
}

/**
 * newuidmap (package uidmap) gives a rootless sandbox a whole id range, which
 * programs that switch to a user of their own (tcpdump) need. Checked whatever
 * the mode: `sudo learn setup` prepares the machine for rootless use too.
 */
function idMappingCheck(privilege: Privilege, hasNewuidmap: boolean): Check {
  const base = { area: 'privilege' as const, name: 'uidmap', package: 'uidmap' };
  if (!hasNewuidmap) {
    return {
      ...base,
      status: 'warning',
      detail: 'newuidmap is missing: a sandbox started without sudo maps only your own uid, so lessons that use tcpdump are skipped there',
      fix: 'apt-get install uidmap',
    };
  }
  if (privilege.mode === 'rootless' && !privilege.subordinate) {
    return {
      ...base,
      status: 'warning',
      detail: 'newuidmap is installed, but your user has no range in /etc/subuid and /etc/subgid: lessons that use tcpdump are skipped',
      fix: 'sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 "$USER" (pick a range no other user has)',
    };
  }
  return { ...base, status: 'ok', detail: 'newuidmap installed' };
}

function privilegeCheck(privilege: Privilege, apparmor: boolean): Check {
  switch (privilege.mode) {
    case 'root': {
      const { hostUid, count } = privilege.range;
      const note = apparmor ? '; AppArmor restricts unprivileged user namespaces here, so without sudo learn would need the fix in docs/setup.md' : '';
      return { area: 'privilege', name: 'privilege', status: 'ok', detail: `root: sandbox uids 0..${count - 1} map to host uids ${hostUid}..${hostUid + count - 1}${note}` };
    }
    case 'rootless':
      return {
        area: 'privilege',
        name: 'privilege',
        status: 'ok',
        detail: privilege.subordinate
          ? 'rootless: unprivileged user namespaces, with subordinate ids (/etc/subuid) for a full id range'
          : 'rootless: unprivileged user namespaces (only your own uid is mapped; files owned by other users show as nobody)',
      };
    case 'unavailable': {
      const persistent = privilege.problem.includes('apparmor_restrict_unprivileged_userns')
        ? "; to keep it after a reboot: echo 'kernel.apparmor_restrict_unprivileged_userns=0' | sudo tee /etc/sysctl.d/60-learn-userns.conf"
        : '';
      return { area: 'privilege', name: 'privilege', status: 'problem', detail: privilege.problem, fix: privilege.remedy + persistent };
    }
  }
}

function usersOf<T extends string>(needs: LessonNeeds[], pick: (n: LessonNeeds) => T[]): Map<T, string[]> {
  const users = new Map<T, string[]>();
  for (const n of needs) for (const item of pick(n)) addUser(users, item, n.file);
  return users;
}

/** Entries in the order of their names, as `sort()` orders strings. */
function byName([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addUser<T extends string>(users: Map<T, string[]>, item: T, user: string): void {
  const list = users.get(item) ?? [];
  if (!list.includes(user)) list.push(user);
  users.set(item, list);
}
