// Unit: the VM's parts that are pure functions: the initramfs's module order
// (from modules.dep) and archive, the KVM decision, the qemu command line,
// the agent's wire format, the kernel cache's helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpioArchive, initramfsEntries, loadOrder, moduleName, parseModulesDep, ROOT_MODULES } from '../../src/sandbox/vm/initramfs.js';
import { chooseAccel, kvmOpenableBy } from '../../src/sandbox/vm/accel.js';
import { qemuArgs, type QemuPlan } from '../../src/sandbox/vm/qemu-args.js';
import { parseEvent, parseReply, b64 } from '../../src/sandbox/vm/agent-channel.js';
import { compareVersions, versionOfPackage, vmCacheDir, xzPayloadOffset } from '../../src/sandbox/vm/kernel-cache.js';
import { envCommand } from '../../src/sandbox/vm/vm-sandbox.js';

// As busybox depmod writes it for Debian's 6.1 kernel (abridged).
const MODULES_DEP = `kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko kernel/fs/fscache/fscache.ko kernel/fs/netfs/netfs.ko
kernel/fs/fscache/fscache.ko: kernel/fs/netfs/netfs.ko
kernel/fs/netfs/netfs.ko:
kernel/net/9p/9pnet.ko:
kernel/net/9p/9pnet_virtio.ko: kernel/drivers/virtio/virtio.ko kernel/net/9p/9pnet.ko kernel/drivers/virtio/virtio_ring.ko
kernel/drivers/virtio/virtio.ko:
kernel/drivers/virtio/virtio_ring.ko:
kernel/drivers/virtio/virtio_pci_modern_dev.ko:
kernel/drivers/virtio/virtio_pci_legacy_dev.ko:
kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio.ko
kernel/drivers/char/virtio_console.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
kernel/fs/overlayfs/overlay.ko:
kernel/net/netfilter/ipvs/ip_vs.ko: kernel/net/netfilter/nf_conntrack.ko
kernel/net/netfilter/nf_conntrack.ko:
`;

test('initramfs modules: every module after its dependencies, each once, nothing unneeded', () => {
  const order = loadOrder(parseModulesDep(MODULES_DEP), ROOT_MODULES).map(moduleName);
  assert.deepEqual(new Set(order), new Set(['virtio', 'virtio_ring', 'virtio_pci_modern_dev', 'virtio_pci_legacy_dev', 'virtio_pci', 'virtio_console', '9pnet', '9pnet_virtio', 'netfs', 'fscache', '9p', 'overlay']));
  assert.equal(order.length, new Set(order).size);
  const deps = parseModulesDep(MODULES_DEP);
  for (const [file, needs] of deps) {
    if (!order.includes(moduleName(file))) continue;
    for (const dep of needs) assert.ok(order.indexOf(moduleName(dep)) < order.indexOf(moduleName(file)), `${moduleName(dep)} before ${moduleName(file)}`);
  }
  assert.ok(!order.includes('ip_vs'));
});

test('initramfs modules: a module the kernel lacks, a dependency without an entry, a cycle are errors', () => {
  assert.throws(() => loadOrder(parseModulesDep(MODULES_DEP), ['wireguard']), /the kernel has no module wireguard/);
  assert.throws(() => loadOrder(parseModulesDep('a.ko: b.ko\n'), ['a']), /names b\.ko \(needed by a\) without an entry/);
  assert.throws(() => loadOrder(parseModulesDep('a.ko: b.ko\nb.ko: a.ko\n'), ['a']), /cycle/);
});

test('the initramfs archive is a newc cpio that cpio itself lists and unpacks', { skip: !existsSync('/bin/busybox') && 'no busybox' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-cpio-'));
  try {
    const archive = cpioArchive(initramfsEntries(Buffer.from('#!fake busybox\n'), [{ name: '9p', data: Buffer.from('odd-length') }, { name: 'overlay', data: Buffer.from('xy') }]));
    writeFileSync(path.join(dir, 'a.cpio'), archive);
    const listing = execFileSync('/bin/busybox', ['cpio', '-t', '-F', path.join(dir, 'a.cpio')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
    for (const name of ['init', 'bin/busybox', 'bin/sh', 'lib/learn/agent', 'lib/learn/order', 'lib/learn/9p.ko', 'lib/learn/overlay.ko']) assert.ok(listing.includes(name), name);
    execFileSync('/bin/busybox', ['cpio', '-i', '-d', '-F', path.join(dir, 'a.cpio')], { cwd: dir, stdio: 'ignore' });
    assert.equal(execFileSync('cat', [path.join(dir, 'lib/learn/order')], { encoding: 'utf8' }), '9p\noverlay\n');
    assert.equal(execFileSync('cat', [path.join(dir, 'lib/learn/9p.ko')], { encoding: 'utf8' }), 'odd-length');
    assert.match(execFileSync('cat', [path.join(dir, 'init')], { encoding: 'utf8' }), /^#!\/bin\/busybox sh\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('KVM or TCG: probe, never assume', () => {
  assert.deepEqual(chooseAccel({ present: false, openable: false }), { accel: 'tcg', tryKvm: false, reason: 'no /dev/kvm (no hardware virtualisation here): software emulation (TCG)' });
  assert.equal(chooseAccel({ present: true, openable: false }).accel, 'tcg');
  assert.match(chooseAccel({ present: true, openable: false }).reason, /not open to the sandbox's unprivileged user/);
  // Openable: try it, with a deadline; the boot decides.
  assert.deepEqual(chooseAccel({ present: true, openable: true }).tryKvm, true);
  assert.equal(chooseAccel({ present: true, openable: true, kvmBoot: 'hung' }).accel, 'tcg');
  assert.match(chooseAccel({ present: true, openable: true, kvmBoot: 'hung' }).reason, /did not come up within 4 s/);
  assert.equal(chooseAccel({ present: true, openable: true, kvmBoot: 'failed' }).accel, 'tcg');
  assert.deepEqual(chooseAccel({ present: true, openable: true, kvmBoot: 'ready' }), { accel: 'kvm', tryKvm: false, reason: 'KVM works' });
  assert.equal(chooseAccel({ present: true, openable: true, forced: 'tcg' }).accel, 'tcg');
});

test('/dev/kvm openable: owner, group or others, read and write', () => {
  const dev = { uid: 0, gid: 108, mode: 0o20660 };
  assert.equal(kvmOpenableBy(0, 0, dev), true);
  assert.equal(kvmOpenableBy(100000, 108, dev), true);
  assert.equal(kvmOpenableBy(100000, 100000, dev), false);
  assert.equal(kvmOpenableBy(100000, 100000, { ...dev, mode: 0o20666 }), true);
  assert.equal(kvmOpenableBy(100000, 100000, { ...dev, mode: 0o20600 }), false);
  assert.equal(kvmOpenableBy(100000, 100000, { ...dev, mode: 0o20664 }), false);
});

const PLAN: QemuPlan = {
  accel: 'tcg', vmlinux: '/run/learn/kernel/vmlinux', initramfs: '/run/learn/kernel/initramfs-x.cpio', kernelVersion: '6.1.0-57-amd64',
  hostname: 'learn', memoryMiB: 768, cpus: 1, controlFd: 5, eventsFd: 6, terminalFds: [3, 4],
};

test('the qemu command line: no network, no reboot, a read-only share, the ports on the given descriptors', () => {
  const args = qemuArgs(PLAN);
  const line = args.join(' ');
  assert.ok(args.includes('-nodefaults') && args.includes('-no-reboot'));
  assert.doesNotMatch(line, /-net|-nic|netdev|virtio-net/);
  assert.match(line, /-virtfs local,path=\/,mount_tag=learnroot,security_model=none,readonly=on,multidevs=remap/);
  const append = args[args.indexOf('-append') + 1]!;
  assert.match(append, /\bpanic=-1\b/);
  // After --, init's arguments: exactly the version and the hostname.
  assert.deepEqual(append.split(' -- ')[1]!.split(' '), ['6.1.0-57-amd64', 'learn']);
  assert.match(line, /-chardev socket,id=term0,fd=3 -device virtconsole,bus=ports\.0,chardev=term0,name=learn\.term0,nr=0/);
  assert.match(line, /-chardev socket,id=term1,fd=4 -device virtconsole,bus=ports\.0,chardev=term1,name=learn\.term1,nr=1/);
  assert.match(line, /-chardev socket,id=ctl,fd=5 -device virtserialport,bus=ports\.0,chardev=ctl,name=learn\.ctl,nr=2/);
  assert.match(line, /-chardev socket,id=ev,fd=6 -device virtserialport,bus=ports\.0,chardev=ev,name=learn\.ev,nr=3/);
  assert.equal(args[args.indexOf('-accel') + 1], 'tcg,thread=multi');
  assert.ok(!args.includes('-cpu'));
  const kvm = qemuArgs({ ...PLAN, accel: 'kvm' });
  assert.equal(kvm[kvm.indexOf('-accel') + 1], 'kvm');
  assert.equal(kvm[kvm.indexOf('-cpu') + 1], 'host,-arch-capabilities');
});

test('the agent wire format: base64 replies and events, anything else ignored', () => {
  assert.deepEqual(parseReply(`7 0 ${b64('out\n')} ${b64('')}`), { id: 7, reply: { status: 0, stdout: 'out\n', stderr: '' } });
  assert.deepEqual(parseReply(`8 127  ${b64('unknown')}`), { id: 8, reply: { status: 127, stdout: '', stderr: 'unknown' } });
  assert.equal(parseReply('learn-vm-ready'), undefined);
  assert.equal(parseReply('7 0 not base64!'), undefined);
  assert.deepEqual(parseEvent('pid 2 345'), { kind: 'pid', port: 2, pid: 345 });
  assert.deepEqual(parseEvent('exit 2 130'), { kind: 'exit', port: 2, status: 130 });
  assert.equal(parseEvent('exit 2'), undefined);
});

test('a guest command: exec env -i with the pinned environment, every word quoted', () => {
  assert.equal(envCommand({ PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', X: "it's" }, ['/bin/sh', '-c', 'echo $HOME']),
    `exec env -i PATH=/usr/bin:/bin LANG=C.UTF-8 'X=it'\\''s' /bin/sh -c 'echo $HOME'`);
});

test('kernel cache: its folder, versions in numeric order, the package name, the xz payload', () => {
  assert.equal(vmCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' }), '/c/learn/vm');
  assert.equal(vmCacheDir({ HOME: '/h' }), '/h/.cache/learn/vm');
  assert.equal(vmCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' }), '/h/.cache/learn/vm');
  assert.deepEqual(['6.1.0-57-amd64', '6.1.0-9-amd64', '6.1.0-10-amd64'].sort(compareVersions), ['6.1.0-9-amd64', '6.1.0-10-amd64', '6.1.0-57-amd64']);
  assert.equal(versionOfPackage('linux-image-6.1.0-57-amd64'), '6.1.0-57-amd64');
  assert.equal(xzPayloadOffset(Buffer.concat([Buffer.alloc(100, 1), Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 9])])), 100);
  assert.throws(() => xzPayloadOffset(Buffer.alloc(100)), /no xz payload/);
});
