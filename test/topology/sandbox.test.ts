// The collector in a real sandbox: a small network built by hand (two named
// namespaces, veth pairs across them, a bridge with ports, addresses, a
// macvlan, a TAP device, and a namespace only a process holds), read back
// into the model. Reading must change nothing. Also `learn topo` end to end,
// and its bad input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.js';
import { collectRaw } from '../../src/topology/collect.js';
import { buildTopology, type Topology } from '../../src/topology/model.js';
import { renderText } from '../../src/topology/text.js';
import { makeStyle } from '../../src/report/style.js';
import { runLearn } from '../helpers/cli.js';
import { fixture, projectRoot } from '../helpers/paths.js';

let sandbox: Sandbox;
let holder: number;

const BUILD = `
set -e
ip netns add left
ip netns add right
ip link add ha type veth peer name lb
ip link set lb netns left
ip -n left link add br0 type bridge
ip -n left link set br0 up
ip -n left link set lb master br0 up
ip link add lx netns left type veth peer name ry netns right
ip -n left link set lx master br0 up
ip -n left addr add 10.9.0.1/24 dev br0
ip -n right addr add 10.9.0.2/24 dev ry
ip -n right link set ry up
ip addr add 10.9.0.3/24 dev ha
ip link set ha up
ip -n right link add mv0 link ry type macvlan mode bridge
ip -n right tuntap add dev tap0 mode tap
unshare --net sleep 1000 </dev/null >/dev/null 2>&1 &
pid=$!
until [ "$(stat -L -c %i /proc/$pid/ns/net)" != "$(stat -L -c %i /proc/self/ns/net)" ]; do sleep 0.05; done
ip link add hp type veth peer name pq netns $pid
ip -n left link add lm type veth peer name pn netns $pid
ip addr add 10.8.0.1/24 dev hp
echo $pid
`;

/** What must not change: interfaces and addresses everywhere, the named namespaces, the processes. */
const STATE = `
for ns in "" "-n left" "-n right"; do ip $ns -br link; ip $ns -4 -br addr; done
nsenter --net=/proc/$1/ns/net ip -br link
ls /run/netns; pgrep -c -x sleep; pgrep -c -x nsenter || true
`;

before(async () => {
  sandbox = await createSandbox({ lessonDir: projectRoot });
  const built = await sandbox.run(BUILD);
  assert.equal(built.code, 0, built.stderr);
  holder = Number(built.stdout.trim());
});

after(async () => {
  await sandbox?.close();
});

const veths = (t: Topology): string[] => t.links.filter((l) => l.kind === 'veth').map((l) => `${l.a.ns}/${l.a.iface}=${l.b.ns}/${l.b.iface}`);

test('topology in a real sandbox: namespaces, veth peers across them, bridge ports, addresses', async () => {
  const t = buildTopology(await collectRaw(sandbox));
  const pidNs = `pid ${holder}`;
  assert.deepEqual(t.namespaces.map((n) => n.id), ['host', 'left', pidNs, 'right'].sort((a, b) => (a === 'host' ? -1 : b === 'host' ? 1 : a < b ? -1 : 1)));
  const held = t.namespaces.find((n) => n.id === pidNs)!;
  assert.equal(held.kind, 'process');
  assert.equal(held.holder, 'sleep');
  // Peers found by index and nsid: two unnamed namespaces (the sandbox's and
  // the process's) are told apart by the ends naming each other back.
  assert.deepEqual(veths(t), ['host/ha=left/lb', `host/hp=${pidNs}/pq`, `left/lm=${pidNs}/pn`, 'left/lx=right/ry'].sort());
  const left = t.namespaces.find((n) => n.id === 'left')!;
  assert.equal(left.interfaces.find((i) => i.name === 'br0')?.kind, 'bridge');
  assert.deepEqual(left.interfaces.filter((i) => i.master === 'br0').map((i) => i.name), ['lb', 'lx']);
  const v4 = (addresses: string[] | undefined): string[] => (addresses ?? []).filter((a) => !a.includes(':'));
  assert.deepEqual(v4(left.interfaces.find((i) => i.name === 'br0')?.addresses), ['10.9.0.1/24']);
  assert.deepEqual(v4(t.namespaces.find((n) => n.id === 'right')!.interfaces.find((i) => i.name === 'ry')?.addresses), ['10.9.0.2/24']);
  const right = t.namespaces.find((n) => n.id === 'right')!;
  const kinds = Object.fromEntries(right.interfaces.map((i) => [i.name, i.kind]));
  assert.deepEqual(kinds, { lo: 'loopback', mv0: 'macvlan', ry: 'veth', tap0: 'tap' });
  assert.equal(right.interfaces.find((i) => i.name === 'mv0')?.lower, 'ry');
  assert.deepEqual(right.interfaces.find((i) => i.name === 'tap0')?.owners, []);
  assert.equal(right.interfaces.find((i) => i.name === 'tap0')?.persist, true);
  const host = t.namespaces.find((n) => n.id === 'host')!;
  assert.deepEqual(v4(host.interfaces.find((i) => i.name === 'ha')?.addresses), ['10.9.0.3/24']);
  // IPv6 is on here: the link-local addresses (made from random MACs) are in the model, not in the picture.
  const linkLocal = host.interfaces.find((i) => i.name === 'ha')!.addresses.find((a) => a.startsWith('fe80:'));
  assert.ok(linkLocal);
  const text = renderText(t, { width: 100, style: makeStyle(false) });
  assert.ok(!text.includes(linkLocal) && renderText(t, { width: 100, details: true, style: makeStyle(false) }).includes(linkLocal));
  assert.match(text, new RegExp(`┌─ pid ${holder} · held by sleep ─`));
  assert.equal(host.interfaces.find((i) => i.name === 'ha')?.state, 'up');
  assert.equal(host.interfaces.find((i) => i.name === 'hp')?.state, 'down');
  assert.deepEqual(t.notes, []);
});

test('topology in a real sandbox: reading it changes nothing', async () => {
  const state = (): Promise<string> => sandbox.run(`set -- ${holder}\n${STATE}`).then((r) => r.stdout);
  const before = await state();
  await collectRaw(sandbox);
  await collectRaw(sandbox);
  assert.equal(await state(), before);
});

test('learn topo: the fixture lesson after its veth step, as text and as SVG; the sandbox goes away', async () => {
  const cwd = fixture('study', 'lessons');
  const text = await runLearn(['topo', 'basics', '--after', 'veth', '--width', '60'], { cwd });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^Study basics, after step 2\/4 \(veth\)\n/);
  assert.match(text.stdout, /│ v0 +veth +down +├─┐\n│ v1 +veth +down +├─┘/);
  for (const line of text.stdout.split('\n')) assert.ok([...line].length <= 60, line);
  const svg = await runLearn(['topo', 'basics', '--after', '2', '--svg'], { cwd });
  assert.equal(svg.code, 0, svg.stderr);
  assert.match(svg.stdout, /^<svg [^]*<path class="veth"[^]*<\/svg>\n$/);
});

test('learn topo: an unknown step, or --svg with --raw, is a usage error', async () => {
  const cwd = fixture('study', 'lessons');
  const unknown = await runLearn(['topo', 'basics', '--after', 'nope'], { cwd });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--after: no step "nope" in .*basics\.md \(steps: prep \(hidden\), 1:hello/);
  const both = await runLearn(['topo', 'basics', '--svg', '--raw'], { cwd });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--svg and --raw exclude each other/);
  const width = await runLearn(['topo', 'basics', '--width', 'wide'], { cwd });
  assert.equal(width.code, 2);
  assert.match(width.stderr, /--width: expected a number of columns from 40 to 1000, got "wide"/);
});
