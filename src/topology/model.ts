// The topology model: namespaces, their interfaces, and the links between
// them (veth pairs, VXLAN tunnels), built from a recording of the sandbox's
// network (raw.ts). Pure and deterministic: everything sorted, nothing taken
// from the clock, so the same state gives the same model.
import { natFromIptablesSave, natFromNft, type NatRule } from './nat.js';
import { parseRaw, RawFormatError, type RawNamespace, type RawSnapshot } from './raw.js';

export interface Endpoint {
  ns: string;
  iface: string;
}

export interface Iface {
  name: string;
  /** veth, bridge, vxlan, tun, tap, macvlan, loopback, ether... */
  kind: string;
  /** up, down (switched off), no-carrier (on, nothing behind it), dormant... */
  state: string;
  mtu: number;
  /** The bridge (or bond...) this interface is a port of. */
  master?: string;
  /** A bridge port's STP state: forwarding, blocking... */
  portState?: string;
  addresses: string[];
  mac?: string;
  ifindex: number;
  /** The other end of a veth pair, when found. */
  peer?: Endpoint;
  /** The lower device of a vlan/macvlan/ipvlan/vxlan. */
  lower?: string;
  vxlan?: { vni: number; remote?: string; group?: string; local?: string; port: number; fdbRemotes: string[] };
  /** Processes with the TUN/TAP device open, `python3 (pid 74)`. */
  owners?: string[];
  persist?: boolean;
}

export interface Route {
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  /** `default via 10.1.0.254 dev veth01` */
  text: string;
}

export interface Namespace {
  /** Stable id: `host` for the sandbox's own, the name under /run/netns, or `pid N`. */
  id: string;
  kind: 'sandbox' | 'named' | 'process';
  /** The program of the lowest pid holding a process-only namespace (its id is `pid N`). */
  holder?: string;
  interfaces: Iface[];
  routes: Route[];
  ipForward: boolean;
  nat: NatRule[];
}

export interface Link {
  kind: 'veth' | 'vxlan';
  a: Endpoint;
  b: Endpoint;
}

export interface Topology {
  namespaces: Namespace[];
  links: Link[];
  /** Things the model could not work out (a veth whose peer is not found). */
  notes: string[];
}

export const SANDBOX_NS = 'host';

type Json = Record<string, any>;

export function buildTopology(raw: string | RawSnapshot, source?: string): Topology {
  const snapshot = typeof raw === 'string' ? parseRaw(raw, source) : raw;
  const ids = namespaceIds(snapshot);
  const namespaces = snapshot.namespaces.map((ns) => buildNamespace(ns, idOf(ids, ns.inode), snapshot));
  const notes: string[] = [];
  const links = [...vethLinks(snapshot, namespaces, ids, notes), ...vxlanLinks(namespaces)];
  const order = (id: string): string => (id === SANDBOX_NS ? '' : id);
  namespaces.sort((x, y) => cmp(order(x.id), order(y.id)));
  links.sort((x, y) => cmp(key(x), key(y)));
  return { namespaces, links, notes: [...new Set(notes)].sort() };
}

function key(link: Link): string {
  return `${link.kind} ${link.a.ns}/${link.a.iface} ${link.b.ns}/${link.b.iface}`;
}

/** The namespace `id` of the topology (a layout names only its own). */
export function namespaceById(topology: Topology, id: string): Namespace {
  const ns = topology.namespaces.find((n) => n.id === id);
  if (!ns) throw new Error(`no namespace "${id}" in this topology`);
  return ns;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The id of the namespace recorded with this inode; every recorded one has one. */
function idOf(ids: Map<string, string>, inode: string): string {
  const id = ids.get(inode);
  if (id === undefined) throw new RawFormatError(`no namespace with inode ${inode} in the recording`);
  return id;
}

function namespaceIds(snapshot: RawSnapshot): Map<string, string> {
  const ids = new Map<string, string>();
  for (const ns of snapshot.namespaces) {
    // A namespace named "host" under /run/netns keeps its name; the sandbox's own then says so.
    const own = snapshot.namespaces.some((n) => n.kind === 'named' && n.name === SANDBOX_NS) ? `${SANDBOX_NS} (sandbox)` : SANDBOX_NS;
    ids.set(ns.inode, ns.kind === 'self' ? own : ns.kind === 'named' && ns.name !== undefined ? ns.name : `pid ${ns.pid}`);
  }
  return ids;
}

function buildNamespace(raw: RawNamespace, id: string, snapshot: RawSnapshot): Namespace {
  const interfaces = (raw.links as Json[]).map((link) => buildIface(link, raw, snapshot));
  interfaces.sort((a, b) => cmp(ifaceOrder(a), ifaceOrder(b)));
  const nat = raw.iptables.trim() !== '' ? natFromIptablesSave(raw.iptables) : natFromNft(raw.nft);
  const holder = raw.kind === 'process' ? snapshot.processes.find((p) => p.pid === raw.pid)?.comm ?? '?' : undefined;
  return {
    id,
    kind: raw.kind === 'self' ? 'sandbox' : raw.kind,
    ...(holder ? { holder } : {}),
    interfaces,
    routes: [...(raw.routes4 as Json[]), ...(raw.routes6 as Json[])].map(buildRoute).sort((a, b) => cmp(routeOrder(a), routeOrder(b))),
    ipForward: raw.forward,
    nat: nat.sort((a, b) => cmp(`${a.chain} ${a.text}`, `${b.chain} ${b.text}`)),
  };
}

/** lo first, then by name. */
function ifaceOrder(iface: Iface): string {
  return iface.kind === 'loopback' ? '' : iface.name;
}

function routeOrder(route: Route): string {
  return route.dst === 'default' ? '' : route.text;
}

function buildIface(link: Json, ns: RawNamespace, snapshot: RawSnapshot): Iface {
  const info: Json = link.linkinfo ?? {};
  const data: Json = info.info_data ?? {};
  const flags: string[] = link.flags ?? [];
  let kind: string = info.info_kind ?? (link.link_type === 'loopback' ? 'loopback' : link.link_type === 'ether' ? 'ether' : String(link.link_type ?? 'unknown'));
  if (kind === 'tun') kind = data.type === 'tap' ? 'tap' : 'tun';
  // The carrier (LOWER_UP) rather than operstate or NO-CARRIER: those follow
  // it asynchronously (the kernel's linkwatch, up to a second later), so a
  // picture taken right after a step would depend on timing.
  const state = !flags.includes('UP') ? 'down' : !flags.includes('LOWER_UP') ? 'no-carrier' : link.operstate === 'DORMANT' ? 'dormant' : 'up';
  const addresses = ((link.addr_info ?? []) as Json[])
    .filter((a) => a.family === 'inet' || a.family === 'inet6')
    .map((a) => `${a.local}${a.address && a.address !== a.local ? ` peer ${a.address}` : ''}/${a.prefixlen}`)
    .sort(addressOrder);
  const iface: Iface = { name: link.ifname, kind, state, mtu: link.mtu, addresses, ifindex: link.ifindex };
  if (link.master) iface.master = link.master;
  if (info.info_slave_data?.state) iface.portState = info.info_slave_data.state;
  if (link.address && kind !== 'loopback' && link.link_type === 'ether') iface.mac = link.address;
  if (kind !== 'veth' && (link.link !== undefined || data.link !== undefined)) iface.lower = data.link ?? link.link;
  if (kind === 'vxlan') {
    const fdbRemotes = ((ns.fdb ?? []) as Json[])
      .filter((e) => e.ifname === link.ifname && e.dst && e.mac === '00:00:00:00:00:00')
      .map((e) => String(e.dst));
    iface.vxlan = {
      vni: data.id, port: data.port ?? 4789, fdbRemotes: [...new Set(fdbRemotes)].sort(),
      ...(data.remote ? { remote: data.remote } : {}),
      ...(data.group ? { group: data.group } : {}),
      ...(data.local ? { local: data.local } : {}),
    };
  }
  if (kind === 'tun' || kind === 'tap') {
    iface.persist = data.persist === true;
    iface.owners = tunOwners(link.ifname, ns, snapshot);
  }
  return iface;
}

/** IPv4 before IPv6, link-local IPv6 last. */
function addressOrder(a: string, b: string): number {
  const rank = (s: string): number => (s.includes(':') ? (s.startsWith('fe80:') ? 2 : 1) : 0);
  return rank(a) - rank(b) || cmp(a, b);
}

/**
 * Processes attached to a TUN/TAP device. The kernel's fdinfo names the
 * interface but not its namespace: a process is counted for the namespace
 * it is in itself, or, when it is elsewhere, for the one namespace that has
 * an interface of that name.
 */
function tunOwners(ifname: string, ns: RawNamespace, snapshot: RawSnapshot): string[] {
  const has = (n: RawNamespace): boolean => (n.links as Json[]).some((l) => l.ifname === ifname);
  const holders = snapshot.namespaces.filter(has);
  const owners = new Set<string>();
  for (const fd of snapshot.tunFds) {
    const proc = snapshot.processes.find((p) => p.pid === fd.pid);
    if (fd.iface !== ifname || !proc) continue;
    const home = snapshot.namespaces.find((n) => n.inode === proc.inode);
    const where = home && has(home) ? home : holders.length === 1 ? holders[0] : undefined;
    if (where === ns) owners.add(`${proc.comm} (pid ${proc.pid})`);
  }
  return [...owners].sort();
}

function buildRoute(route: Json): Route {
  const parts = [route.dst === 'default' ? 'default' : route.dst];
  if (route.gateway) parts.push(`via ${route.gateway}`);
  if (route.dev) parts.push(`dev ${route.dev}`);
  if (route.type && route.type !== 'unicast') parts.unshift(route.type);
  const r: Route = { dst: route.dst, text: parts.join(' ') };
  if (route.gateway) r.gateway = route.gateway;
  if (route.dev) r.dev = route.dev;
  if (route.protocol) r.protocol = route.protocol;
  return r;
}

/** Routes worth showing: those the kernel did not add for an address. */
export function shownRoutes(ns: Namespace, details: boolean): Route[] {
  if (details) return ns.routes;
  return ns.routes.filter((r) => r.protocol !== 'kernel' && !(r.dst.startsWith('fe80:') || r.dst.startsWith('ff00:')));
}

/**
 * veth pairs. Each end names its peer by ifindex and, across namespaces, by
 * a netnsid local to its own namespace; `ip netns list-id` maps an nsid to a
 * name only for named namespaces. So an nsid is resolved by name where it
 * can be, else by elimination (the only unnamed namespace left), else by the
 * peer naming us back (its ifindex and peer ifindex mirror ours).
 */
function vethLinks(snapshot: RawSnapshot, namespaces: Namespace[], ids: Map<string, string>, notes: string[]): Link[] {
  type End = { ns: RawNamespace; link: Json };
  const ends: End[] = snapshot.namespaces.flatMap((ns) => (ns.links as Json[]).filter((l) => l.linkinfo?.info_kind === 'veth').map((link) => ({ ns, link })));
  const unnamed = snapshot.namespaces.filter((n) => n.kind !== 'named');
  const resolve = (end: End): RawNamespace[] => {
    const nsid = end.link.link_netnsid;
    if (nsid === undefined) return [end.ns];
    const entry = end.ns.nsids.find((e) => e.nsid === nsid);
    if (entry?.name) return snapshot.namespaces.filter((n) => n.kind === 'named' && n.name === entry.name);
    return unnamed.filter((n) => n !== end.ns);
  };
  const links: Link[] = [];
  const done = new Set<End>();
  for (const end of ends) {
    if (done.has(end)) continue;
    const places = resolve(end);
    // A peer in the same namespace is named (`"link": "veth1"`), one elsewhere numbered.
    const candidates = typeof end.link.link === 'string' && end.link.link_netnsid === undefined
      ? ends.filter((o) => o !== end && !done.has(o) && o.ns === end.ns && o.link.ifname === end.link.link)
      : ends.filter((o) => o !== end && !done.has(o) && places.includes(o.ns) && o.link.ifindex === end.link.link_index
        && (o.link.link_index === undefined || o.link.link_index === end.link.ifindex) && resolve(o).includes(end.ns));
    const nsName = idOf(ids, end.ns.inode);
    const [other] = candidates;
    if (candidates.length !== 1 || !other) {
      notes.push(candidates.length === 0 ? `${nsName}/${end.link.ifname}: the other end of this veth is not in any namespace we can see` : `${nsName}/${end.link.ifname}: its veth peer is ambiguous`);
      continue;
    }
    done.add(end);
    done.add(other);
    const a: Endpoint = { ns: nsName, iface: end.link.ifname };
    const b: Endpoint = { ns: idOf(ids, other.ns.inode), iface: other.link.ifname };
    setPeer(namespaces, a, b);
    setPeer(namespaces, b, a);
    links.push(cmp(`${a.ns}/${a.iface}`, `${b.ns}/${b.iface}`) <= 0 ? { kind: 'veth', a, b } : { kind: 'veth', a: b, b: a });
  }
  return links;
}

function setPeer(namespaces: Namespace[], at: Endpoint, peer: Endpoint): void {
  const iface = namespaces.find((n) => n.id === at.ns)?.interfaces.find((i) => i.name === at.iface);
  if (iface) iface.peer = peer;
}

/**
 * VXLAN tunnels: a VTEP whose remote (or a static all-zeros fdb entry's
 * destination) is an address of another namespace holding a VTEP with the
 * same VNI. Each pair once.
 */
function vxlanLinks(namespaces: Namespace[]): Link[] {
  const vteps = namespaces.flatMap((ns) => ns.interfaces.flatMap((iface) => (iface.vxlan ? [{ ns, iface, vxlan: iface.vxlan }] : [])));
  const links = new Map<string, Link>();
  for (const from of vteps) {
    const remotes = [from.vxlan.remote, ...from.vxlan.fdbRemotes].filter((r): r is string => r !== undefined);
    for (const remote of remotes) {
      for (const to of vteps) {
        if (to.ns === from.ns || to.vxlan.vni !== from.vxlan.vni) continue;
        const owns = to.ns.interfaces.some((i) => i.addresses.some((a) => a.split('/')[0] === remote));
        if (!owns) continue;
        const here = { ns: from.ns.id, iface: from.iface.name };
        const there = { ns: to.ns.id, iface: to.iface.name };
        const [a, b] = cmp(`${here.ns}/${here.iface}`, `${there.ns}/${there.iface}`) <= 0 ? [here, there] : [there, here];
        links.set(`${a.ns}/${a.iface} ${b.ns}/${b.iface}`, { kind: 'vxlan', a, b });
      }
    }
  }
  return [...links.values()];
}
