// The model built from recordings of our lessons: namespaces, kinds, states,
// bridge ports, veth peers across namespaces, VXLAN tunnels, TUN owners, NAT,
// ip_forward; and that the same state always gives the same model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTopology, type Topology } from '../../src/topology/model.js';
import { parseRaw, RawFormatError } from '../../src/topology/raw.js';
import { recording, recordings } from './fixtures.js';

function iface(t: Topology, ns: string, name: string) {
  const found = t.namespaces.find((n) => n.id === ns)?.interfaces.find((i) => i.name === name);
  assert.ok(found, `${ns}/${name} is in the model`);
  return found;
}

const veths = (t: Topology): string[] => t.links.filter((l) => l.kind === 'veth').map((l) => `${l.a.ns}/${l.a.iface}=${l.b.ns}/${l.b.iface}`);

test('model: bridge lesson, after the ports are plugged in', () => {
  const t = buildTopology(recording('bridge@ports'));
  assert.deepEqual(t.namespaces.map((n) => n.id), ['host', 'blue', 'lan', 'red']);
  assert.equal(t.namespaces[0]!.kind, 'sandbox');
  assert.deepEqual(veths(t), ['blue/eth0=host/veth-blue', 'host/ens33=lan/eth0', 'host/veth-red=red/eth0']);
  const br0 = iface(t, 'host', 'br0');
  assert.equal(br0.kind, 'bridge');
  assert.equal(br0.state, 'up');
  for (const port of ['ens33', 'veth-red', 'veth-blue']) {
    assert.equal(iface(t, 'host', port).master, 'br0');
    assert.equal(iface(t, 'host', port).portState, 'forwarding');
  }
  assert.deepEqual(iface(t, 'host', 'ens33').addresses, ['192.168.1.10/24']);
  assert.deepEqual(iface(t, 'lan', 'eth0').addresses, ['192.168.1.1/24']);
  assert.equal(iface(t, 'lan', 'lo').state, 'down');
  assert.deepEqual(t.notes, []);
});

test('model: container network, with forwarding and a MASQUERADE rule made by iptables', () => {
  const t = buildTopology(recording('container-network@nat-counters'));
  assert.deepEqual(veths(t), ['host/br-veth01=ns01/veth01', 'host/br-veth02=ns02/veth02', 'host/ens33=internet/eth0']);
  const host = t.namespaces.find((n) => n.id === 'host')!;
  assert.equal(host.ipForward, true);
  assert.equal(t.namespaces.find((n) => n.id === 'ns01')!.ipForward, false);
  assert.deepEqual(host.nat.map((r) => [r.action, r.chain, r.text]), [['masquerade', 'ip nat POSTROUTING', 'saddr 10.1.0.0/24 masquerade']]);
  assert.deepEqual(t.namespaces.find((n) => n.id === 'ns01')!.routes.filter((r) => r.dst === 'default').map((r) => r.text), ['default via 10.1.0.254 dev veth01']);
});

test('model: overlay, veth ends both named eth0 matched by index and nsid; one VXLAN tunnel', () => {
  const t = buildTopology(recording('overlay-vxlan@fix-mtu'));
  assert.deepEqual(veths(t), ['host1/br-veth01=ns01/veth01', 'host1/eth0=host2/eth0', 'host2/br-veth02=ns02/veth02']);
  assert.deepEqual(t.links.filter((l) => l.kind === 'vxlan').map((l) => `${l.a.ns}/${l.a.iface}=${l.b.ns}/${l.b.iface}`), ['host1/vxlan0=host2/vxlan0']);
  const vx = iface(t, 'host1', 'vxlan0');
  assert.equal(vx.master, 'br01');
  assert.equal(vx.vxlan?.vni, 42);
  assert.equal(vx.vxlan?.remote, '192.0.2.2');
  assert.equal(vx.vxlan?.port, 4789);
  assert.equal(vx.lower, 'eth0');
  assert.equal(vx.mtu, 1450);
});

test('model: tun-tap, a TUN device in each host namespace, each open by its own forwarder', () => {
  const t = buildTopology(recording('tun-tap@ping-tunnel'));
  const left = iface(t, 'left', 'tun0');
  const right = iface(t, 'right', 'tun0');
  assert.equal(left.kind, 'tun');
  assert.equal(left.owners?.length, 1);
  assert.equal(right.owners?.length, 1);
  assert.match(left.owners![0]!, /^python3 \(pid \d+\)$/);
  assert.notEqual(left.owners![0], right.owners![0]);
  // The sandbox's own tun0 from the first part of the lesson, with nobody attached.
  assert.deepEqual(iface(t, 'host', 'tun0').owners, []);
  assert.equal(iface(t, 'host', 'tun0').state, 'no-carrier');
});

test('model: veth, both ends in one namespace are each other\'s peer (named, not numbered)', () => {
  const t = buildTopology(recording('veth@create'));
  assert.deepEqual(veths(t), ['host/veth0=host/veth1']);
  assert.deepEqual(t.notes, []);
});

test('model: the carrier decides up or no-carrier, not an operstate the kernel updates later', () => {
  // Recorded right after the uplink came up: LOWER_UP set, NO-CARRIER and operstate DOWN not yet updated.
  const raw = recording('ipvs-backends@listening');
  assert.match(raw, /"ifname":"ens33","flags":\["NO-CARRIER","BROADCAST","MULTICAST","UP","LOWER_UP"\]/);
  assert.equal(iface(buildTopology(raw), 'host', 'ens33').state, 'up');
});

test('model: every recording gives the same model when the kernel lists things in another order', () => {
  for (const name of recordings()) {
    const raw = parseRaw(recording(name), name);
    const shuffled = structuredClone(raw);
    shuffled.namespaces.reverse();
    for (const ns of shuffled.namespaces) {
      ns.links.reverse();
      ns.routes4.reverse();
      ns.nsids.reverse();
    }
    shuffled.processes.reverse();
    assert.deepEqual(buildTopology(shuffled), buildTopology(raw), name);
  }
});

test('model: processes inside named namespaces add no namespace of their own', () => {
  const t = buildTopology(recording('tun-tap@ping-tunnel'));
  assert.match(recording('tun-tap@ping-tunnel'), /comm:python3/);
  assert.deepEqual(t.namespaces.map((n) => [n.id, n.kind]), [['host', 'sandbox'], ['left', 'named'], ['right', 'named']]);
});

test('model: a truncated or corrupt recording is an error naming the line', () => {
  const raw = recording('veth@create');
  assert.throws(() => buildTopology(raw.slice(0, raw.indexOf('@@done')), 'x.raw'), (e: Error) => e instanceof RawFormatError && /x\.raw: not a complete/.test(e.message));
  const lines = raw.split('\n');
  const at = lines.findIndex((l) => l.startsWith('[{"ifindex"'));
  lines[at] = lines[at]!.slice(0, 40);
  assert.throws(() => buildTopology(lines.join('\n'), 'x.raw'), (e: Error) => e instanceof RawFormatError && e.message.startsWith(`x.raw:${at + 1}: bad JSON in section links`));
});
