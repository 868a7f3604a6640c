// The VM's kernel: Debian's distribution kernel, fetched as a package into
// learn's cache (never installed on the host, which would change its boot
// menu). One folder per kernel version, holding the uncompressed kernel
// (booted directly, without decompressing under emulation) and its modules
// with a modules.dep made by busybox's depmod.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { captured } from '../../text/captured.js';

/** The Debian meta-package that names the current kernel package. */
export const KERNEL_META_PACKAGE = 'linux-image-amd64';
export const BUSYBOX = '/bin/busybox';

export interface CachedKernel {
  version: string;
  /** The cache folder of this version. */
  dir: string;
  /** Uncompressed ELF kernel (PVH entry). */
  vmlinux: string;
  /** <dir>/lib/modules/<version> */
  modulesDir: string;
}

export class KernelCacheError extends Error {}

/** $XDG_CACHE_HOME/learn/vm, or ~/.cache/learn/vm. */
export function vmCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(env.HOME || homedir(), '.cache');
  return path.join(base, 'learn', 'vm');
}

/** The newest complete kernel in the cache (a folder with a `complete` stamp). */
export function findCachedKernel(cacheDir = vmCacheDir()): CachedKernel | undefined {
  if (!existsSync(cacheDir)) return undefined;
  const versions = readdirSync(cacheDir)
    .filter((v) => existsSync(path.join(cacheDir, v, 'complete')))
    .sort(compareVersions);
  const version = versions[versions.length - 1];
  return version === undefined ? undefined : kernelAt(cacheDir, version);
}

function kernelAt(cacheDir: string, version: string): CachedKernel {
  const dir = path.join(cacheDir, version);
  return { version, dir, vmlinux: path.join(dir, 'vmlinux'), modulesDir: path.join(dir, 'lib', 'modules', version) };
}

/** The message for a machine whose cache has no kernel. */
export const NO_KERNEL_MESSAGE = 'the VM kernel is not in learn\'s cache; run `learn setup` (it fetches Debian\'s kernel package into the cache)';

export function requireCachedKernel(cacheDir = vmCacheDir()): CachedKernel {
  const kernel = findCachedKernel(cacheDir);
  if (!kernel) throw new KernelCacheError(NO_KERNEL_MESSAGE);
  return kernel;
}

/** "6.1.0-57-amd64" sorts after "6.1.0-9-amd64". */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The kernel package linux-image-amd64 depends on now (`apt-cache depends`), e.g. linux-image-6.1.0-57-amd64. */
export function currentKernelPackage(): string {
  const result = spawnSync('apt-cache', ['depends', KERNEL_META_PACKAGE], { encoding: 'utf8' });
  const match = /Depends:\s*(linux-image-[0-9][^\s]*-amd64)\b/.exec(result.stdout ?? '');
  if (result.status !== 0 || !match) {
    throw new KernelCacheError(`cannot find the current kernel package: apt-cache depends ${KERNEL_META_PACKAGE} ${result.error ? `failed: ${result.error.message}` : `said: ${(result.stderr || result.stdout || '').trim() || 'nothing'}`}`);
  }
  return captured(match, 1);
}

/** "linux-image-6.1.0-57-amd64" → "6.1.0-57-amd64". */
export function versionOfPackage(pkg: string): string {
  return pkg.replace(/^linux-image-/, '');
}

/**
 * Offset of the compressed payload inside a bzImage (Debian's are xz).
 * The kernel is booted uncompressed: decompressing it under TCG took
 * about four seconds of every boot.
 */
export function xzPayloadOffset(bzImage: Buffer): number {
  const offset = bzImage.indexOf(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  if (offset < 0) throw new KernelCacheError('the kernel image holds no xz payload; cannot unpack it');
  return offset;
}

/**
 * Fetch `pkg` into the cache: apt-get download, dpkg-deb -x, unpack the
 * kernel, depmod. Writes into a temporary folder renamed at the end, so a
 * failure leaves nothing half-made. Returns the cached kernel.
 */
export function fetchKernel(pkg: string, cacheDir = vmCacheDir(), log: (line: string) => void = () => {}): CachedKernel {
  const version = versionOfPackage(pkg);
  const existing = findCachedKernel(cacheDir);
  if (existing?.version === version) return existing;
  mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
  const work = mkdtempSync(path.join(cacheDir, '.fetch-'));
  try {
    log(`apt-get download ${pkg}`);
    run('apt-get', ['download', pkg], work);
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new KernelCacheError(`apt-get download ${pkg} left no .deb`);
    const tree = path.join(work, 'tree');
    log(`dpkg-deb -x ${deb}`);
    run('dpkg-deb', ['-x', deb, tree], work);
    const bzImage = readFileSync(path.join(tree, 'boot', `vmlinuz-${version}`));
    const payload = path.join(work, 'vmlinux.xz');
    writeFileSync(payload, bzImage.subarray(xzPayloadOffset(bzImage)));
    // xz-utils (priority required): busybox's unxz lacks the x86 BCJ filter the kernel uses.
    // xz complains about the bytes after the payload; the kernel itself is whole.
    const unpacked = spawnSync('xz', ['-dc', payload], { maxBuffer: 512 * 1024 * 1024 });
    if (!unpacked.stdout || unpacked.stdout.length < 1024 * 1024 || unpacked.stdout.readUInt32BE(0) !== 0x7f454c46) {
      throw new KernelCacheError(`cannot unpack vmlinuz-${version}: ${unpacked.error?.message ?? unpacked.stderr?.toString().trim()}`);
    }
    const target = path.join(work, 'kernel');
    mkdirSync(path.join(target, 'lib', 'modules'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(target, 'vmlinux'), unpacked.stdout, { mode: 0o644 });
    renameSync(path.join(tree, 'lib', 'modules', version), path.join(target, 'lib', 'modules', version));
    log(`depmod ${version}`);
    run(BUSYBOX, ['depmod', '-b', target, version], work);
    writeFileSync(path.join(target, 'complete'), `${pkg}\n`);
    rmSync(path.join(cacheDir, version), { recursive: true, force: true });
    renameSync(target, path.join(cacheDir, version));
    return kernelAt(cacheDir, version);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(file: string, args: string[], cwd: string): void {
  const result = spawnSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new KernelCacheError(`${file} ${args.join(' ')} failed: ${result.error?.message ?? (result.stderr.trim() || `status ${result.status}`)}`);
  }
}
