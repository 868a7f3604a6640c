// The benchmark's workloads, each as the same list of one-line commands in
// three forms: a lesson (one fence per command), a plain `bash -e` script,
// and a cram test. Everything is written to a temporary folder that becomes
// the sandbox's lesson folder ($LESSON_DIR, read-only inside).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Workload {
  name: string;
  /** Front matter lines (requires/kernel), without the --- fences. */
  frontMatter: string[];
  commands: string[];
  /** Fence attributes of every step, e.g. `{nosnapshot}`. */
  attributes?: string;
}

/** (a) pure runner overhead: N steps that do nothing. */
export function stepsWorkload(count: number): Workload {
  return { name: `steps-${count}`, frontMatter: [], commands: Array.from({ length: count }, () => 'true') };
}

/**
 * (b) a container network, built one command per step: a bridge, two network
 * namespaces joined to it by veth pairs, addresses in 10.1.0.0/24, routes,
 * forwarding and masquerading, one ping between the namespaces, listings.
 * Everything lives in the sandbox's own network namespace.
 */
export const NETWORK_COMMANDS: readonly string[] = [
  'mount -t tmpfs tmpfs /run',
  'ip link add br01 type bridge',
  'ip link set br01 up',
  'ip addr add 10.1.0.1/24 dev br01',
  'ip netns add ns01',
  'ip netns add ns02',
  'ip link add veth01 type veth peer name ceth01',
  'ip link add veth02 type veth peer name ceth02',
  'ip link set veth01 master br01',
  'ip link set veth02 master br01',
  'ip link set veth01 up',
  'ip link set veth02 up',
  'ip link set ceth01 netns ns01',
  'ip link set ceth02 netns ns02',
  'ip -n ns01 link set lo up',
  'ip -n ns02 link set lo up',
  'ip -n ns01 addr add 10.1.0.11/24 dev ceth01',
  'ip -n ns02 addr add 10.1.0.12/24 dev ceth02',
  'ip -n ns01 link set ceth01 up',
  'ip -n ns02 link set ceth02 up',
  'ip -n ns01 route add default via 10.1.0.1',
  'ip -n ns02 route add default via 10.1.0.1',
  'sysctl -w net.ipv4.ip_forward=1',
  'iptables -t nat -A POSTROUTING -s 10.1.0.0/24 ! -o br01 -j MASQUERADE',
  'ip netns exec ns01 ping -c 1 10.1.0.12',
  'ip netns list',
  'ip -br link',
  'ip -br addr',
  'ip route',
  'bridge link',
  'iptables -t nat -S',
  'ip -n ns01 -br addr',
  'ip -n ns02 route',
  'ip -n ns01 -br link',
];

export const networkWorkload: Workload = {
  name: 'network-34',
  frontMatter: ['requires: [ip, bridge, iptables, ping, sysctl]', 'kernel: [bridge, veth, iptables]'],
  commands: [...NETWORK_COMMANDS],
};

/** Bytes of one flood line (79 characters and a newline). */
export const FLOOD_LINE_BYTES = 80;

/** (c) one step printing `bytes` bytes of text, in lines of 80 bytes. */
export function floodWorkload(bytes: number): Workload {
  const lines = Math.round(bytes / FLOOD_LINE_BYTES);
  const line = '0123456789'.repeat(8).slice(0, FLOOD_LINE_BYTES - 1);
  return {
    name: `flood-${Math.round(bytes / 1e6)}mb`,
    frontMatter: [],
    commands: [`yes ${line} | head -n ${lines}`],
    // The middle of a flood is cut (bounded capture) at a place that depends on
    // how the output was chunked, so the step checks its status only.
    attributes: '{nosnapshot}',
  };
}

export function lessonMarkdown(workload: Workload): string {
  const out = ['---', `title: ${workload.name}`, 'timeout: 60s', ...workload.frontMatter, '---', '', `# ${workload.name}`, ''];
  const info = workload.attributes ? `sh ${workload.attributes}` : 'sh';
  for (const command of workload.commands) out.push('```' + info, command, '```', '');
  return out.join('\n');
}

export function floorScript(workload: Workload): string {
  return workload.commands.join('\n') + '\n';
}

/** A cram test with commands only; the expected outputs come from a reference run. */
export function cramSkeleton(workload: Workload): string {
  return `${workload.name}:\n\n` + workload.commands.map((c) => `  $ ${c}\n`).join('');
}

/**
 * Turn cram's actual output (its .err file) into the expected output, with
 * `(re)` matchers for what changes from run to run: MAC addresses, IPv6
 * link-local identifiers and ping's times. Everything else stays literal.
 */
export function cramExpectations(errFile: string): string {
  return errFile
    .split('\n')
    .map((line) => {
      if (!line.startsWith('  ') || line.startsWith('  $ ') || line.startsWith('  > ')) return line;
      const body = line.slice(2);
      let regex = '';
      let literalFrom = 0;
      let volatile = false;
      for (const match of body.matchAll(VOLATILE)) {
        regex += escapeRegex(body.slice(literalFrom, match.index)) + volatilePattern(match[0]);
        literalFrom = match.index! + match[0].length;
        volatile = true;
      }
      if (!volatile) return line;
      return `  ${regex}${escapeRegex(body.slice(literalFrom))} (re)`;
    })
    .join('\n');
}

const VOLATILE = /[0-9a-f]{2}(?::[0-9a-f]{2}){5}|fe80::[0-9a-f:]+|time=\d+(?:\.\d+)? ms|= [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms|time \d+ms/g;

function volatilePattern(text: string): string {
  if (text.startsWith('fe80::')) return 'fe80::[0-9a-f:]+';
  if (text.startsWith('time=')) return 'time=[0-9.]+ ms';
  if (text.startsWith('= ')) return '= [0-9./]+ ms';
  if (text.startsWith('time ')) return 'time [0-9]+ms';
  return '[0-9a-f]{2}(:[0-9a-f]{2}){5}';
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface WorkloadFiles {
  workload: Workload;
  /** Folder holding the files; mounted at $LESSON_DIR in sandboxes. */
  dir: string;
  lesson: string;
  snapshots: string;
  floor: string;
  cram: string;
}

/** Writes the lesson, the floor script and the cram skeleton of `workload`. */
export function writeWorkload(root: string, workload: Workload): WorkloadFiles {
  const dir = path.join(root, workload.name);
  mkdirSync(dir, { recursive: true });
  const files: WorkloadFiles = {
    workload,
    dir,
    lesson: path.join(dir, `${workload.name}.md`),
    snapshots: path.join(root, `${workload.name}.snapshots`),
    floor: path.join(dir, 'floor.sh'),
    cram: path.join(dir, `${workload.name}.t`),
  };
  writeFileSync(files.lesson, lessonMarkdown(workload));
  writeFileSync(files.floor, floorScript(workload));
  writeFileSync(files.cram, cramSkeleton(workload));
  return files;
}
