// The VM's initramfs, built by learn at first use: busybox-static, the few
// kernel modules needed to mount the root (in dependency order, read from the
// kernel's modules.dep) and the two guest scripts. A newc cpio archive,
// uncompressed: the kernel unpacks it faster than it would decompress it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GUEST_AGENT, GUEST_INIT } from './guest-scripts.js';

/** What the guest needs before its root exists: the PCI transport, consoles, 9p, overlayfs. */
export const ROOT_MODULES = ['virtio_pci', 'virtio_console', '9pnet_virtio', '9p', 'overlay'] as const;

export class InitramfsError extends Error {}

/** modules.dep: module path → the paths it depends on. */
export function parseModulesDep(text: string): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    deps.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim().split(/\s+/).filter(Boolean));
  }
  return deps;
}

/** A module's name from its path (kernel/fs/9p/9p.ko → 9p). */
export function moduleName(file: string): string {
  return path.basename(file).replace(/\.ko(\.[a-z]+)?$/, '');
}

/**
 * The module files to load, each after everything it depends on, for the
 * named modules. Throws naming a module missing from modules.dep.
 */
export function loadOrder(deps: Map<string, string[]>, wanted: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const file of deps.keys()) byName.set(moduleName(file), file);
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (file: string): void => {
    if (order.includes(file)) return;
    if (visiting.has(file)) throw new InitramfsError(`modules.dep has a dependency cycle through ${moduleName(file)}`);
    visiting.add(file);
    for (const dep of deps.get(file) ?? []) {
      if (!deps.has(dep)) throw new InitramfsError(`modules.dep names ${dep} (needed by ${moduleName(file)}) without an entry of its own`);
      visit(dep);
    }
    visiting.delete(file);
    order.push(file);
  };
  for (const name of wanted) {
    const file = byName.get(name);
    if (!file) throw new InitramfsError(`the kernel has no module ${name} (not in modules.dep)`);
    visit(file);
  }
  return order;
}

export interface CpioEntry {
  name: string;
  /** Undefined: a directory. */
  data?: Buffer;
  mode?: number;
  /** A symbolic link to this target. */
  symlink?: string;
}

/** A newc ("070701") cpio archive of the entries, with its trailer. */
export function cpioArchive(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  const pad4 = (n: number): Buffer => Buffer.alloc((4 - (n % 4)) % 4);
  const add = (name: string, mode: number, data: Buffer): void => {
    const nameBytes = Buffer.from(`${name}\0`);
    const fields = [ino++, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0];
    const header = Buffer.from(`070701${fields.map((f) => f.toString(16).padStart(8, '0')).join('')}`);
    parts.push(header, nameBytes, pad4(header.length + nameBytes.length), data, pad4(data.length));
  };
  for (const entry of entries) {
    if (entry.symlink !== undefined) add(entry.name, 0o120777, Buffer.from(entry.symlink));
    else if (entry.data === undefined) add(entry.name, 0o040000 | (entry.mode ?? 0o755), Buffer.alloc(0));
    else add(entry.name, 0o100000 | (entry.mode ?? 0o644), entry.data);
  }
  add('TRAILER!!!', 0, Buffer.alloc(0));
  return Buffer.concat(parts);
}

/** The archive's entries: busybox, /init, the agent, the modules and their order. */
export function initramfsEntries(busybox: Buffer, modules: Array<{ name: string; data: Buffer }>): CpioEntry[] {
  const entries: CpioEntry[] = ['bin', 'dev', 'proc', 'sys', 'lib', 'lib/learn'].map((name) => ({ name }));
  entries.push({ name: 'bin/busybox', data: busybox, mode: 0o755 });
  entries.push({ name: 'bin/sh', symlink: 'busybox' });
  entries.push({ name: 'init', data: Buffer.from(GUEST_INIT), mode: 0o755 });
  entries.push({ name: 'lib/learn/agent', data: Buffer.from(GUEST_AGENT), mode: 0o644 });
  entries.push({ name: 'lib/learn/order', data: Buffer.from(modules.map((m) => m.name).join('\n') + '\n') });
  for (const m of modules) entries.push({ name: `lib/learn/${m.name}.ko`, data: m.data });
  return entries;
}

/**
 * The initramfs for the kernel whose modules are in `modulesDir`, built on
 * first use next to them (named by a hash of its content, so a new learn
 * with other guest scripts builds a new one). Returns its path.
 */
export function ensureInitramfs(modulesDir: string, busyboxPath: string): string {
  if (!existsSync(busyboxPath)) throw new InitramfsError(`${busyboxPath} is missing; install busybox-static (learn setup)`);
  const depFile = path.join(modulesDir, 'modules.dep');
  if (!existsSync(depFile)) throw new InitramfsError(`${depFile} is missing; run learn setup to fetch the VM kernel again`);
  const order = loadOrder(parseModulesDep(readFileSync(depFile, 'utf8')), ROOT_MODULES);
  const busybox = readFileSync(busyboxPath);
  const modules = order.map((file) => ({ name: moduleName(file), data: readFileSync(path.join(modulesDir, file)) }));
  const archive = cpioArchive(initramfsEntries(busybox, modules));
  const hash = createHash('sha256').update(archive).digest('hex').slice(0, 16);
  const target = path.join(path.dirname(path.dirname(path.dirname(modulesDir))), `initramfs-${hash}.cpio`);
  if (!existsSync(target)) {
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, archive, { mode: 0o644 });
    renameSync(temp, target);
  }
  return target;
}
