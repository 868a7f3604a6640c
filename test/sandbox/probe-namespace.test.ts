// The requirement probe's network namespace outlives the probe, held by
// learn's own process (an open /proc/PID/ns/net) and by nothing inside the
// sandbox, until the sandbox closes; the lesson sees nothing new, and the
// probe's verdicts are those of a probe whose namespace is not kept. Root and
// rootless: each case runs a fresh node process (as the user, through
// runuser) that makes a real sandbox, while this test looks at it from outside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../helpers/paths.js';
import { ROOTLESS_PLAIN_USER, ROOTLESS_USER, userExists } from '../helpers/users.js';
import { createSandbox } from '../../src/sandbox/sandbox.js';
import { KEEP_NETNS_LINE } from '../../src/sandbox/netns-keeper.js';

const isRoot = process.getuid?.() === 0;
const FEATURES = ['bridge', 'veth', 'vxlan', 'dummy', 'iptables', 'nf_tables', 'ip_vs'];

/** What a lesson could see of new processes, namespaces, mounts and files. */
const LOOK = [
  'ps -e -o comm', 'ip netns list', 'lsns -n -o TYPE,NPROCS,COMMAND', 'findmnt -n -o TARGET,FSTYPE,SOURCE,OPTIONS',
  'ip -o link', 'ls -A /run /run/learn /tmp /dev/shm',
].map((c) => `echo "== ${c}"; ${c} 2>&1`).join('\n');

/** Makes a sandbox, looks, probes, looks again; then waits for a line before closing, and for another before exiting. */
const DRIVER = `
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
const { createSandbox } = await import(${JSON.stringify(path.join(projectRoot, 'build/src/sandbox/sandbox.js'))});
const { parseProbeOutput, probe, probeScript } = await import(${JSON.stringify(path.join(projectRoot, 'build/src/sandbox/probe.js'))});
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const features = ${JSON.stringify(FEATURES)};
const sandbox = await createSandbox({ lessonDir: tmpdir() });
const look = async () => (await sandbox.run(${JSON.stringify(LOOK)})).stdout;
const before = await look();
const report = await probe(sandbox, ['ip', 'no-such-program'], features);
const kept = sandbox.keptNamespaces;
const after = await look();
// A terminal opened after the probe (node-pty forks): must not inherit the hold.
const terminal = await sandbox.openTerminal({ argv: ['/bin/sh', '-c', 'sleep 60'], cols: 80, rows: 24, env: sandbox.env });
// The same checks, their namespace not kept: the verdicts to match.
const plain = parseProbeOutput((await sandbox.run(probeScript(['ip', 'no-such-program'], features))).stdout);
console.log(JSON.stringify({ pid: process.pid, initPid: sandbox.initPid, terminalPid: terminal.process.pid, before, after, report, plain, kept }));
await lines.next();
await sandbox.close();
console.log(JSON.stringify({ closed: true, kept: sandbox.keptNamespaces }));
await lines.next();
`;

interface Opened {
  pid: number;
  initPid: number;
  terminalPid: number;
  before: string;
  after: string;
  report: unknown;
  plain: unknown;
  kept: number;
}

/** Network namespaces (`net:[inode]`) that the fds of `pid` refer to. */
function netnsFds(pid: number): string[] {
  const links = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (link.startsWith('net:')) links.add(link);
    } catch {
      /* closed meanwhile */
    }
  }
  return [...links];
}

/** Every process of the machine with an fd on the namespace `link`. */
function holdersOf(link: string): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
    try {
      return netnsFds(pid).includes(link);
    } catch {
      return false; // gone
    }
  });
}

/** Every process of the machine whose network namespace is `link`. */
function processesIn(link: string): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/ns/net`) === link;
    } catch {
      return false;
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function checkAs(user: string | undefined): Promise<void> {
  const argv = [process.execPath, '--input-type=module', '-e', DRIVER];
  const [file, ...args] = user ? ['runuser', '-u', user, '--', ...argv] : argv;
  const driver: ChildProcessWithoutNullStreams = spawn(file!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  driver.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: driver.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next();
    assert.ok(!done, `the driver ended early: ${stderr}`);
    return JSON.parse(value as string) as Record<string, unknown>;
  };
  try {
    const opened = (await next()) as unknown as Opened;
    // Held by learn's process, and it is not the sandbox's own namespace.
    const held = netnsFds(opened.pid);
    assert.equal(held.length, 1, `network namespaces held by learn's process: ${held.join(', ')}`);
    assert.equal(opened.kept, 1);
    const [probeNs] = held;
    assert.notEqual(probeNs, readlinkSync(`/proc/${opened.initPid}/ns/net`));
    assert.notEqual(probeNs, readlinkSync('/proc/self/ns/net'));
    // ...by no process in it, and by no other process's fd (not the terminal's nsenter, opened since).
    assert.deepEqual(processesIn(probeNs!), []);
    assert.deepEqual(holdersOf(probeNs!), [opened.pid]);
    assert.ok(alive(opened.terminalPid), 'the terminal runs');
    // The lesson sees nothing new.
    assert.equal(opened.after, opened.before);
    assert.match(opened.before, /== ps -e -o comm\n/);
    // The same verdicts as a probe whose namespace goes at once.
    assert.deepEqual(opened.report, opened.plain);
    assert.deepEqual((opened.report as { missingPrograms: string[] }).missingPrograms, ['no-such-program']);

    driver.stdin.write('close\n');
    const closed = await next();
    assert.deepEqual(closed, { closed: true, kept: 0 });
    assert.deepEqual(netnsFds(opened.pid), [], 'learn still holds a network namespace after close');
    assert.ok(!alive(opened.initPid), 'the sandbox\'s PID 1 is gone');
    assert.deepEqual(processesIn(probeNs!), []);
    driver.stdin.end();
    await new Promise((resolve) => driver.once('close', resolve));
    assert.equal(driver.exitCode, 0, stderr);
  } finally {
    driver.kill('SIGKILL');
  }
}

test('root: the probe\'s namespace is held by learn, not inside the sandbox, until the sandbox closes', { skip: !isRoot && 'needs root' }, () =>
  checkAs(undefined));

for (const user of [ROOTLESS_USER, ROOTLESS_PLAIN_USER]) {
  test(`rootless (${user}): the same`, { skip: (!isRoot || !userExists(user)) && `needs root and user ${user} (.ci/run creates it)` }, () =>
    checkAs(user));
}

test('a script that announces no namespace of its own keeps none and runs as without the handshake', { skip: !isRoot && 'needs root' }, async () => {
  const sandbox = await createSandbox({ lessonDir: projectRoot });
  try {
    const result = await sandbox.run(`echo before; echo ${KEEP_NETNS_LINE}; read _ || :; echo after`, undefined, { keepNetworkNamespace: true });
    assert.deepEqual(result, { code: 0, stdout: 'before\nafter\n', stderr: '' });
    assert.equal(sandbox.keptNamespaces, 0);
    assert.deepEqual(netnsFds(process.pid), []);
  } finally {
    await sandbox.close();
  }
});
