// Can this machine run a lesson? Checks its `requires` (programs on the
// sandbox's PATH) and `kernel` features, inside the sandbox, the kernel probes
// in a throwaway network namespace, so probing changes nothing on the host and
// leaves nothing in the lesson's namespace (the sandbox keeps that namespace
// from outside until it closes). Never loads modules on the host;
// inside a VM (its own disposable kernel) it loads what a check needs.
import { describeKernelFeature, type KernelFeature } from '../lesson/kernel-features.js';
import type { LessonSandbox } from './kind.js';
import { KEEP_NETNS_LINE } from './netns-keeper.js';

/** Shell commands that succeed only when the kernel has the feature. */
export const KERNEL_PROBES: Record<KernelFeature, string> = {
  bridge: 'ip link add p0 type bridge',
  veth: 'ip link add p0 type veth peer name p1',
  tun: 'ip tuntap add dev p0 mode tun',
  tap: 'ip tuntap add dev p0 mode tap',
  vxlan: 'ip link add p0 type vxlan id 1 dstport 4789',
  macvlan: 'ip link add p0 type veth peer name p1 && ip link add p2 link p0 type macvlan',
  ipvlan: 'ip link add p0 type veth peer name p1 && ip link add p2 link p0 type ipvlan',
  dummy: 'ip link add p0 type dummy',
  vrf: 'ip link add p0 type vrf table 10',
  nf_tables: 'nft add table inet learn_probe',
  iptables: 'iptables -t filter -L -n',
  ip_vs: 'test -e /proc/net/ip_vs',
};

/** Features whose check sees them only once their module is loaded (a VM loads it first). */
const PROBE_MODULES: Partial<Record<KernelFeature, string>> = { ip_vs: 'ip_vs' };

/** Programs a probe itself needs, so a missing tool is not taken for a missing feature. */
const PROBE_TOOLS: Partial<Record<KernelFeature, string>> = { nf_tables: 'nft', iptables: 'iptables' };

/**
 * Programs that, run as root, switch to a system user of their own, which
 * must then exist inside the sandbox: a rootless sandbox without subordinate
 * ids maps the invoking user alone.
 */
export const PRIVILEGE_DROPPERS: Readonly<Record<string, string>> = { tcpdump: 'tcpdump' };

export interface ProbeReport {
  missingPrograms: string[];
  /** Required programs whose own user (PRIVILEGE_DROPPERS) has no uid inside the sandbox. */
  unmappedUsers?: Array<{ program: string; user: string }>;
  missingFeatures: KernelFeature[];
  /** Features that could not be checked (their probe tool is missing). */
  uncheckable: Array<{ feature: KernelFeature; tool: string }>;
  /** TUN/TAP present but /dev/net/tun closed to the sandbox (mode 0600, rootless). */
  closedTunDevice?: boolean;
}

/**
 * One script for all checks: one process start, whatever the lesson asks.
 *
 * Performance: every kernel check shares one throwaway network namespace
 * (each with device names of its own, so checks cannot meet). The kernel
 * tears a namespace down in the background once its last process is gone,
 * holding the rtnl lock meanwhile, so one namespace per feature used to slow
 * the lesson's first `ip` commands by tens of milliseconds (measured in
 * docs/performance.md). Deleting the devices first would only move that work
 * into the probe. `keepNamespace`: the namespace announces itself and waits
 * for its stdin to close, so that the sandbox can keep it alive until the
 * lesson ends (netns-keeper.ts). If the namespace cannot be made, every
 * feature is missing.
 */
export function probeScript(programs: string[], features: KernelFeature[], options: { loadModules?: boolean; keepNamespace?: boolean } = {}): string {
  const lines: string[] = [];
  for (const program of programs) {
    lines.push(`command -v ${shellQuote(program)} >/dev/null 2>&1 || echo "program ${program}"`);
    const user = PRIVILEGE_DROPPERS[program];
    if (user) {
      lines.push(`u=$(id -u ${user} 2>/dev/null) && { awk -v u="$u" '$1 <= u && u < $1 + $3 { f = 1 } END { exit !f }' /proc/self/uid_map || echo "unmapped ${program} ${user}"; }`);
    }
  }
  if (features.length === 0) return lines.join('\n');
  lines.push('checks=');
  const cases: string[] = [];
  features.forEach((feature, index) => {
    if (feature === 'tun' || feature === 'tap') {
      // The device node can be there and still closed to us (mode 0600, rootless).
      lines.push(`if [ -c /dev/net/tun ] && ! (exec 3<>/dev/net/tun) 2>/dev/null; then echo "device ${feature}"; closed_${feature}=yes; fi`);
    }
    const tool = PROBE_TOOLS[feature];
    const guard = feature === 'tun' || feature === 'tap' ? `[ "$closed_${feature}" = yes ] || ` : '';
    lines.push(tool
      ? `if ! command -v ${tool} >/dev/null 2>&1; then echo "tool ${feature} ${tool}"; else checks="$checks ${feature}"; fi`
      : `${guard}checks="$checks ${feature}"`);
    // p0, p1, p2 of the probe become d<index>p0... : unique in the shared namespace.
    const module = options.loadModules ? PROBE_MODULES[feature] : undefined;
    const check = (module ? `modprobe -q ${module} 2>/dev/null; ` : '') + KERNEL_PROBES[feature].replace(/\bp(\d)\b/g, `d${index}p$1`);
    cases.push(`${feature}) { ${check}; } </dev/null >/dev/null 2>&1 || echo "feature ${feature}" ;;`);
  });
  // Kept (netns-keeper.ts): announced first, so learn holds it while the checks run.
  const announce = options.keepNamespace ? [`echo ${KEEP_NETNS_LINE}`] : [];
  const wait = options.keepNamespace ? ['read _ || :'] : [];
  const inner = [...announce, 'for feature in "$@"; do', '  case $feature in', ...cases.map((c) => `    ${c}`), '  esac', 'done', ...wait, 'exit 0'].join('\n');
  lines.push(`if [ -n "$checks" ]; then unshare --net sh -c ${shellQuote(inner)} learn-probe $checks || for feature in $checks; do echo "feature $feature"; done; fi`);
  return lines.join('\n');
}

export function parseProbeOutput(output: string): ProbeReport {
  const report: ProbeReport = { missingPrograms: [], missingFeatures: [], uncheckable: [] };
  for (const line of output.split('\n')) {
    const [kind, name, tool] = line.trim().split(' ');
    if (kind === 'program' && name) report.missingPrograms.push(name);
    if (kind === 'feature' && name) report.missingFeatures.push(name as KernelFeature);
    if (kind === 'tool' && name && tool) report.uncheckable.push({ feature: name as KernelFeature, tool });
    if (kind === 'device') report.closedTunDevice = true;
    if (kind === 'unmapped' && name && tool) (report.unmappedUsers ??= []).push({ program: name, user: tool });
  }
  return report;
}

/** The part of a report made for many lessons that concerns one of them. */
export function reportForLesson(report: ProbeReport, requires: readonly string[], kernel: readonly string[]): ProbeReport {
  const features = new Set(kernel);
  const usesTun = features.has('tun') || features.has('tap');
  const unmappedUsers = report.unmappedUsers?.filter((u) => requires.includes(u.program)) ?? [];
  return {
    missingPrograms: report.missingPrograms.filter((p) => requires.includes(p)),
    ...(unmappedUsers.length > 0 ? { unmappedUsers } : {}),
    missingFeatures: report.missingFeatures.filter((f) => features.has(f)),
    uncheckable: report.uncheckable.filter((u) => features.has(u.feature)),
    ...(report.closedTunDevice && usesTun ? { closedTunDevice: true } : {}),
  };
}

/** Why a TUN/TAP lesson cannot run in a rootless sandbox here. */
export const CLOSED_TUN_REASON = 'cannot open /dev/net/tun: on this machine only the host\'s root may (mode 0600), which a rootless sandbox is not; run learn as root (sudo) for TUN/TAP lessons';

/** The skip reason, or undefined when everything is there. */
export function skipReason(report: ProbeReport): string | undefined {
  const reasons: string[] = [];
  if (report.missingPrograms.length > 0) reasons.push(`missing program${report.missingPrograms.length > 1 ? 's' : ''}: ${report.missingPrograms.join(', ')}`);
  for (const feature of report.missingFeatures) reasons.push(`kernel lacks ${describeKernelFeature(feature)}`);
  for (const { feature, tool } of report.uncheckable) reasons.push(`cannot check kernel feature ${feature}: ${tool} is not installed`);
  for (const { program, user } of report.unmappedUsers ?? []) {
    reasons.push(`${program} switches to user ${user}, which this sandbox cannot map: it has your own uid only, no subordinate ids; ` +
      'install uidmap (apt-get install uidmap) and give your user a range in /etc/subuid (usermod --add-subuids, --add-subgids), or run learn as root');
  }
  if (report.closedTunDevice) reasons.push(CLOSED_TUN_REASON);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

export async function probe(sandbox: LessonSandbox, programs: string[], features: KernelFeature[]): Promise<ProbeReport> {
  if (programs.length === 0 && features.length === 0) return { missingPrograms: [], missingFeatures: [], uncheckable: [] };
  // A VM's guest is disposable as a whole; in a namespace sandbox the probe's
  // namespace is kept until the sandbox closes, so that its teardown does
  // not slow the lesson's first commands.
  const keepNamespace = sandbox.kind === 'ns';
  const result = await sandbox.run(probeScript(programs, features, { loadModules: sandbox.kind === 'vm', keepNamespace }), undefined, { keepNetworkNamespace: keepNamespace });
  return parseProbeOutput(result.stdout);
}

export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
