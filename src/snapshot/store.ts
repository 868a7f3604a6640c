// Snapshot files on disk: where a lesson's file lives, reading it, and
// writing it atomically. Knows nothing of matching or update modes.
//
// Location: `<parent of the lesson's folder>/snapshots/<lesson name>.snap`
// (lessons/bridge.md -> snapshots/bridge.snap), or `<dir>/<lesson name>.snap`
// with the `dir` option (`--snapshots DIR`). The lesson name is the file name
// without its extension, so lessons in different folders must not share one.
//
// Writing: a uniquely named temp file in the target folder, write, fsync,
// rename over the target, fsync the folder. On any error the temp file is
// removed and the old file is untouched. Writes to one path are serialized
// within the process. A file that does not parse is never overwritten.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseSnapshotFile, serializeSnapshotFile, type SnapshotFile, type SnapshotFormatError } from './format.js';

export type ReadResult =
  | { kind: 'missing'; path: string }
  | { kind: 'ok'; path: string; file: SnapshotFile }
  | { kind: 'corrupt'; path: string; error: SnapshotFormatError };

export interface SnapshotStore {
  /** Where the snapshot file of `lessonFile` lives. */
  pathFor(lessonFile: string): string;
  /** Rejects only on I/O errors other than a missing file. */
  read(lessonFile: string): Promise<ReadResult>;
  /** Atomic replace. Rejects (writing nothing) if the existing file does not parse. */
  write(lessonFile: string, file: SnapshotFile): Promise<void>;
  /** Deletes the file; a missing file is fine. */
  remove?(lessonFile: string): Promise<void>;
}

export interface FileSnapshotStoreOptions {
  /** `--snapshots DIR`: keep every snapshot file directly in this folder. */
  dir?: string | undefined;
  /** Base for relative lesson paths (default: process.cwd()). */
  cwd?: string;
}

export const SNAPSHOT_EXTENSION = '.snap';
export const SNAPSHOT_DIR_NAME = 'snapshots';

/** Thrown by write() when the file on disk is corrupt: fix or delete it first. */
export class CorruptSnapshotError extends Error {
  constructor(readonly error: SnapshotFormatError) {
    super(`${error.path}:${error.line}: refusing to overwrite a snapshot file that does not parse: ${error.message}`);
    this.name = 'CorruptSnapshotError';
  }
}

export class FileSnapshotStore implements SnapshotStore {
  private readonly dir: string | undefined;
  private readonly cwd: string;

  constructor(options: FileSnapshotStoreOptions = {}) {
    this.dir = options.dir;
    this.cwd = options.cwd ?? process.cwd();
  }

  pathFor(lessonFile: string): string {
    return snapshotPathFor(lessonFile, { dir: this.dir, cwd: this.cwd });
  }

  async read(lessonFile: string): Promise<ReadResult> {
    return readSnapshot(this.absolute(this.pathFor(lessonFile)), this.pathFor(lessonFile));
  }

  write(lessonFile: string, file: SnapshotFile): Promise<void> {
    const shown = this.pathFor(lessonFile);
    const target = this.absolute(shown);
    return serialized(target, async () => {
      const existing = await readSnapshot(target, shown);
      if (existing.kind === 'corrupt') throw new CorruptSnapshotError(existing.error);
      await writeFileAtomic(target, serializeSnapshotFile(file));
    });
  }

  remove(lessonFile: string): Promise<void> {
    const target = this.absolute(this.pathFor(lessonFile));
    return serialized(target, () => fs.rm(target, { force: true }));
  }

  private absolute(file: string): string {
    return path.resolve(this.cwd, file);
  }
}

/**
 * The snapshot path for a lesson. Relative when the lesson path is relative
 * (relative to `cwd`), absolute when it is absolute.
 */
export function snapshotPathFor(lessonFile: string, options: { dir?: string | undefined; cwd: string }): string {
  const name = path.basename(lessonFile, path.extname(lessonFile)) + SNAPSHOT_EXTENSION;
  if (options.dir !== undefined) return path.join(options.dir, name);
  const lessonDir = path.dirname(path.resolve(options.cwd, lessonFile));
  const target = path.join(path.dirname(lessonDir), SNAPSHOT_DIR_NAME, name);
  return path.isAbsolute(lessonFile) ? target : path.relative(options.cwd, target);
}

async function readSnapshot(absolutePath: string, shownPath: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await fs.readFile(absolutePath, 'utf8');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return { kind: 'missing', path: shownPath };
    throw error;
  }
  const parsed = parseSnapshotFile(text, shownPath);
  return parsed.ok ? { kind: 'ok', path: shownPath, file: parsed.file } : { kind: 'corrupt', path: shownPath, error: parsed.error };
}

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
      if (owner.uid !== undefined) await handle.chown(owner.uid, owner.gid!);
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
async function ownerFor(target: string, dir: string): Promise<{ mode?: number; uid?: number; gid?: number }> {
  const isRoot = process.getuid?.() === 0;
  try {
    const old = await fs.stat(target);
    return { mode: old.mode & 0o7777, ...(isRoot ? { uid: old.uid, gid: old.gid } : {}) };
  } catch (error) {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  }
  if (!isRoot) return {};
  const folder = await fs.stat(dir);
  return { uid: folder.uid, gid: folder.gid };
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

// One queue per absolute path: each operation starts when the previous one settled.
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, operation: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(operation, operation);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
