// Where each namespace goes in a picture, shared by the text and the SVG
// renderers: a layered layout in columns. The hub (the sandbox's own
// namespace, or the most connected one) sits in column 0; namespaces behind
// its bridges go to the left, the others (uplinks, the other host) to the
// right, and each further hop one column further out. Pure; sorted by name
// wherever a choice is free, so the same model gives the same layout.
import { orderedIfaces } from './describe.js';
import { cmp, SANDBOX_NS, type Topology } from './model.js';

export interface Placed {
  ns: string;
  /** Column, hub at 0, negative to the left. */
  column: number;
  /** Row within the column, from 0. */
  row: number;
  /** Which connected group of namespaces (0 is the hub's). */
  group: number;
}

export function layoutNamespaces(topology: Topology): Placed[] {
  const neighbours = new Map<string, Set<string>>(topology.namespaces.map((n) => [n.id, new Set()]));
  for (const link of topology.links) {
    if (link.a.ns === link.b.ns) continue;
    neighbours.get(link.a.ns)?.add(link.b.ns);
    neighbours.get(link.b.ns)?.add(link.a.ns);
  }
  const placed = new Map<string, Placed>();
  const ids = topology.namespaces.map((n) => n.id);
  let group = 0;
  while (placed.size < ids.length) {
    const left = ids.filter((id) => !placed.has(id));
    const degree = (id: string): number => neighboursOf(neighbours, id).size;
    const [mostConnected] = [...left].sort((a, b) => degree(b) - degree(a) || cmp(a, b));
    const hub = left.includes(SANDBOX_NS) && degree(SANDBOX_NS) > 0 ? SANDBOX_NS : mostConnected;
    if (hub === undefined) break;
    placeGroup(topology, hub, neighbours, placed, group++);
  }
  return [...placed.values()].sort((a, b) => a.group - b.group || a.column - b.column || a.row - b.row);
}

function placeGroup(topology: Topology, hub: string, neighbours: Map<string, Set<string>>, placed: Map<string, Placed>, group: number): void {
  const column = new Map<string, number>([[hub, 0]]);
  const parentOf = new Map<string, string>();
  // The hub's neighbours, grouped by the bridge their link hangs off on the hub's side.
  const viaBridge = (ns: string): string => {
    const hubSide = topology.links.find((l) => (l.a.ns === hub && l.b.ns === ns) || (l.b.ns === hub && l.a.ns === ns));
    const end = hubSide && (hubSide.a.ns === hub ? hubSide.a : hubSide.b);
    const iface = topology.namespaces.find((n) => n.id === hub)?.interfaces.find((i) => i.name === end?.iface);
    return iface?.master ?? '';
  };
  const size = (start: string): number => reach(start, hub, neighbours).size;
  const buckets = new Map<string, string[]>();
  for (const ns of [...neighboursOf(neighbours, hub)].filter((n) => !placed.has(n)).sort(cmp)) {
    const key = viaBridge(ns);
    buckets.set(key, [...(buckets.get(key) ?? []), ns]);
  }
  const weight = (members: string[]): number => members.reduce((sum, m) => sum + size(m), 0);
  const ordered = [...buckets.entries()].sort(([ka, a], [kb, b]) => weight(b) - weight(a) || cmp(ka, kb));
  const ports = ordered.filter(([k]) => k !== '');
  const others = ordered.filter(([k]) => k === '');
  let sides: Array<[string[], number]>;
  if (ports.length > 0 && others.length > 0) sides = [...ports.map(([, m]): [string[], number] => [m, -1]), ...others.map(([, m]): [string[], number] => [m, 1])];
  else {
    let balance = 0;
    sides = ordered.map(([, members]) => {
      const side = balance <= 0 ? 1 : -1;
      balance += side * weight(members);
      return [members, side];
    });
  }
  for (const [members, side] of sides) for (const m of members) {
    column.set(m, side);
    parentOf.set(m, hub);
  }
  // Breadth first from there, outwards.
  let frontier = [...column.entries()].filter(([n]) => n !== hub);
  while (frontier.length > 0) {
    const next: Array<[string, number]> = [];
    for (const [ns, c] of frontier.sort(([a], [b]) => cmp(a, b))) {
      for (const n of [...neighboursOf(neighbours, ns)].sort(cmp)) {
        if (column.has(n) || placed.has(n)) continue;
        column.set(n, c + Math.sign(c));
        parentOf.set(n, ns);
        next.push([n, c + Math.sign(c)]);
      }
    }
    frontier = next;
  }
  // Rows: the inner columns first, each namespace near its parent.
  const rows = new Map<string, number>();
  const columns = [...new Set(column.values())].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  for (const c of columns) {
    const members = [...column.entries()].filter(([, col]) => col === c).map(([ns]) => ns);
    const rank = (ns: string): [number, number] => [rows.get(parentOf.get(ns) ?? '') ?? 0, linkPosition(topology, parentOf.get(ns), ns)];
    members.sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1] || cmp(a, b));
    members.forEach((ns, row) => {
      rows.set(ns, row);
      placed.set(ns, { ns, column: c, row, group });
    });
  }
}

/** The namespaces linked to `id` (none for one the map does not know). */
function neighboursOf(neighbours: Map<string, Set<string>>, id: string): Set<string> {
  return neighbours.get(id) ?? new Set();
}

/** Where, in the parent's list of interfaces, the first link to `ns` hangs: so that lines do not cross. */
function linkPosition(topology: Topology, parent: string | undefined, ns: string): number {
  const box = topology.namespaces.find((n) => n.id === parent);
  if (!box) return 0;
  const order = orderedIfaces(box).map((e) => e.iface.name);
  const positions = topology.links.flatMap((l) => (l.a.ns === parent && l.b.ns === ns ? [l.a.iface] : l.b.ns === parent && l.a.ns === ns ? [l.b.iface] : []))
    .map((name) => order.indexOf(name));
  return positions.length === 0 ? 0 : Math.min(...positions);
}

/** The namespaces reachable from `start` without passing `block`. */
function reach(start: string, block: string, neighbours: Map<string, Set<string>>): Set<string> {
  const seen = new Set([start]);
  const todo = [start];
  for (let at = todo.pop(); at !== undefined; at = todo.pop()) {
    for (const n of neighboursOf(neighbours, at)) {
      if (n === block || seen.has(n)) continue;
      seen.add(n);
      todo.push(n);
    }
  }
  return seen;
}
