// Which Debian/Ubuntu package provides a program: a small table of the
// programs lessons use, then `dpkg -S` for installed programs it does not
// know. Used by `learn doctor` to name the fix and by `learn setup`.
import { spawnSync } from 'node:child_process';
import { captured } from '../text/captured.js';

export const PROGRAM_PACKAGES: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  bridge: 'iproute2',
  ss: 'iproute2',
  tc: 'iproute2',
  brctl: 'bridge-utils',
  tcpdump: 'tcpdump',
  ping: 'iputils-ping',
  tracepath: 'iputils-tracepath',
  arping: 'iputils-arping',
  traceroute: 'traceroute',
  iptables: 'iptables',
  'ip6tables': 'iptables',
  nft: 'nftables',
  openvpn: 'openvpn',
  socat: 'socat',
  nc: 'netcat-openbsd',
  tshark: 'tshark',
  python3: 'python3',
  curl: 'curl',
  wget: 'wget',
  ipvsadm: 'ipvsadm',
  ethtool: 'ethtool',
  dig: 'dnsutils',
  conntrack: 'conntrack',
  unshare: 'util-linux',
  nsenter: 'util-linux',
  newuidmap: 'uidmap',
  newgidmap: 'uidmap',
  sysctl: 'procps',
  ps: 'procps',
  bash: 'bash',
  iperf3: 'iperf3',
  dnsmasq: 'dnsmasq',
  jq: 'jq',
  wg: 'wireguard-tools',
  bpftool: 'bpftool',
};

export type DpkgSearch = (program: string) => string | undefined;

/** The package for `program`: the table first, then the lookup (dpkg -S). */
export function packageFor(program: string, dpkg?: DpkgSearch): string | undefined {
  return PROGRAM_PACKAGES[program] ?? dpkg?.(program);
}

/** `dpkg -S '*bin/NAME'`: the installed package owning an executable of that name. */
export function dpkgSearch(program: string): string | undefined {
  if (!/^[A-Za-z0-9._+-]+$/.test(program)) return undefined;
  const result = spawnSync('dpkg', ['-S', `*bin/${program}`], { encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) return undefined;
  return parseDpkgSearch(result.stdout, program);
}

/** Lines `pkg[, pkg2][:arch]: /usr/bin/name` -> the first package of an exact match. */
export function parseDpkgSearch(output: string, program: string): string | undefined {
  for (const line of output.split('\n')) {
    const match = /^(.+?): (\/\S+)$/.exec(line.trim());
    if (!match || line.startsWith('diversion') || !captured(match, 2).endsWith(`bin/${program}`)) continue;
    const [first = ''] = captured(match, 1).split(',');
    return first.trim().replace(/:[a-z0-9-]+$/, '');
  }
  return undefined;
}
