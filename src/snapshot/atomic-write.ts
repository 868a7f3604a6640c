// Writing a file so that readers see the old or the new one, never a mix
// (temp file, fsync, rename, fsync the folder), and sweeping the temp files
// a killed writer left behind. Knows nothing of the snapshot format.
import { promises as fs, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from '../random.js';

/** Replace `target` with `content` so that readers see the old or the new file, never a mix. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const owner = await ownerFor(target, dir);
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      // `sudo learn test -u`: the file stays the author's, with its mode.
      if (owner.mode !== undefined) await handle.chmod(owner.mode);
      if (owner.ids) await handle.chown(owner.ids.uid, owner.ids.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/**
 * Mode and owner the new file takes: those of the file it replaces; for a new
 * file written by root, the owner of its folder (no root-owned file in an
 * author's project). Nothing to change for an ordinary user's new file.
 */
async function ownerFor(target: string, dir: string): Promise<{ mode?: number; ids?: { uid: number; gid: number } }> {
  const isRoot = process.getuid?.() === 0;
  try {
    const old = await fs.stat(target);
    return { mode: old.mode & 0o7777, ...(isRoot ? { ids: { uid: old.uid, gid: old.gid } } : {}) };
  } catch (error) {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  }
  if (!isRoot) return {};
  const folder = await fs.stat(dir);
  return { ids: { uid: folder.uid, gid: folder.gid } };
}

/** Make the rename durable. Some filesystems cannot fsync a directory; that is not an error. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isErrorCode(error, 'EINVAL') && !isErrorCode(error, 'EISDIR') && !isErrorCode(error, 'EPERM')) throw error;
  } finally {
    await handle?.close();
  }
}

const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Remove `.NAME.snap.PID.HEX.tmp` files beside `target` whose writer is gone:
 * its pid no longer exists, or now belongs to another program than this
 * node (pid reuse). Runs inside the target's write queue, so this process's
 * own temp files for it are stale too. Failures are ignored: sweeping is a
 * courtesy, and a read-only folder has nothing to sweep.
 */
export async function sweepStaleTemps(target: string): Promise<string[]> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || match[1] !== base) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && writerMayBeAlive(pid)) continue;
    try {
      await fs.rm(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      /* left for a later run */
    }
  }
  return removed;
}

function writerMayBeAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return !isErrorCode(error, 'ESRCH');
  }
  try {
    return readlinkSync(`/proc/${pid}/exe`) === readlinkSync('/proc/self/exe') && isNotZombie(pid);
  } catch {
    return true; // cannot tell: keep it
  }
}

function isNotZombie(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
