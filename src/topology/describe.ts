// The words both renderers put on a namespace and an interface: titles,
// state, the facts worth a mention (a non-default MTU, a VXLAN's VNI and
// remote, a TUN's owners), route and NAT lines. Details (MAC, ifindex,
// every route) only when asked. Pure.
import { shownRoutes, type Iface, type Namespace } from './model.js';

export interface IfaceWords {
  /** `br-veth01`, with `├ ` / `└ ` in front for a bridge port listed under its bridge. */
  name: string;
  kind: string;
  state: string;
  addresses: string[];
  extras: string[];
}

export function namespaceTitle(ns: Namespace): string {
  const what = ns.kind === 'sandbox' ? `${ns.id} · the sandbox's own` : ns.kind === 'process' ? `${ns.id} · held by ${ns.holder}` : ns.id;
  return ns.ipForward ? `${what} · ip_forward on` : what;
}

/** Interfaces in the order shown: each bridge followed by its ports. */
export function orderedIfaces(ns: Namespace): Array<{ iface: Iface; port?: 'mid' | 'last' }> {
  const names = new Set(ns.interfaces.map((i) => i.name));
  const ports = (bridge: string): Iface[] => ns.interfaces.filter((i) => i.master === bridge);
  const out: Array<{ iface: Iface; port?: 'mid' | 'last' }> = [];
  for (const iface of ns.interfaces) {
    if (iface.master && names.has(iface.master)) continue;
    out.push({ iface });
    const mine = ports(iface.name);
    mine.forEach((port, i) => out.push({ iface: port, port: i === mine.length - 1 ? 'last' : 'mid' }));
  }
  return out;
}

export function ifaceWords(iface: Iface, port: 'mid' | 'last' | undefined, details: boolean): IfaceWords {
  const extras: string[] = [];
  const defaultMtu = iface.kind === 'loopback' ? 65536 : 1500;
  if (details || iface.mtu !== defaultMtu) extras.push(`mtu ${iface.mtu}`);
  if (iface.master && !port) extras.push(`port of ${iface.master}`);
  if (iface.portState && (details || iface.portState !== 'forwarding')) extras.push(`port ${iface.portState}`);
  if (iface.vxlan) {
    const v = iface.vxlan;
    extras.push(`vni ${v.vni}`);
    const remotes = [...new Set([...(v.remote ? [v.remote] : []), ...v.fdbRemotes])];
    if (remotes.length > 0) extras.push(`remote ${remotes.join(',')}:${v.port}`);
    if (v.group) extras.push(`group ${v.group}:${v.port}`);
    if (v.local) extras.push(`local ${v.local}`);
    if (!remotes.length && !v.group) extras.push(`port ${v.port}`);
  }
  if (iface.lower && iface.kind !== 'vxlan') extras.push(`on ${iface.lower}`);
  else if (iface.lower && iface.vxlan) extras.push(`dev ${iface.lower}`);
  if (iface.owners) extras.push(iface.owners.length > 0 ? `open by ${iface.owners.join(', ')}` : iface.persist ? 'persistent, no program attached' : 'no program attached');
  if (details && iface.mac) extras.push(iface.mac);
  if (details) extras.push(`ifindex ${iface.ifindex}`);
  const tree = port === 'mid' ? '├ ' : port === 'last' ? '└ ' : '';
  // IPv6 link-local addresses come from the (random) MAC: details only.
  const addresses = details ? iface.addresses : iface.addresses.filter((a) => !a.startsWith('fe80:'));
  return { name: tree + iface.name, kind: iface.kind, state: iface.state, addresses, extras };
}

/** `route default via 10.1.0.254 dev veth01`, `nat saddr 10.1.0.0/24 masquerade (ip nat POSTROUTING)`. */
export function factLines(ns: Namespace, details: boolean): Array<{ label: string; text: string }> {
  const lines = shownRoutes(ns, details).map((r) => ({ label: 'route', text: r.text }));
  const nat = ns.nat.slice(0, details ? undefined : 6);
  for (const rule of nat) lines.push({ label: 'nat', text: `${rule.text} (${rule.chain})` });
  if (nat.length < ns.nat.length) lines.push({ label: 'nat', text: `… ${ns.nat.length - nat.length} more rules` });
  return lines;
}
