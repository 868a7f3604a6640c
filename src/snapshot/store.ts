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
// within the process. A file that does not parse (or is not UTF-8) is never
// overwritten. Temp files left by a killed learn are swept when their
// writer is provably gone. I/O failures become SnapshotFileError, naming
// the file, never a bare errno.
import { promises as fs, constants } from 'node:fs';
import path from 'node:path';
import { sweepStaleTemps, writeFileAtomic } from './atomic-write.js';
import { InputError } from '../error.js';
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
  /** Removes temp files that a killed writer left beside the file. Never fails. */
  sweep?(lessonFile: string): Promise<void>;
}

export interface FileSnapshotStoreOptions {
  /** `--snapshots DIR`: keep every snapshot file directly in this folder. */
  dir?: string | undefined;
  /** Base for relative lesson paths (default: process.cwd()). */
  cwd?: string;
}

export const SNAPSHOT_EXTENSION = '.snap';
export const SNAPSHOT_DIR_NAME = 'snapshots';

/** A snapshot file that cannot be read, used or written: names the file (and line, 0 for the whole file). */
export class SnapshotFileError extends InputError {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${path}:${line}: ${problem}`);
  }
}

/** Thrown by write() when the file on disk is corrupt: fix or delete it first. */
export class CorruptSnapshotError extends SnapshotFileError {
  constructor(readonly error: SnapshotFormatError) {
    super(error.path, error.line, `refusing to overwrite a snapshot file that does not parse: ${error.message}`);
  }
}

export { writeFileAtomic, sweepStaleTemps };

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
      await sweepStaleTemps(target);
      try {
        await writeFileAtomic(target, serializeSnapshotFile(file));
      } catch (error) {
        throw ioError(shown, 'cannot write the snapshot file (the old one is unchanged)', error);
      }
    });
  }

  remove(lessonFile: string): Promise<void> {
    const shown = this.pathFor(lessonFile);
    const target = this.absolute(shown);
    return serialized(target, () =>
      fs.rm(target, { force: true }).catch((error: unknown) => {
        throw ioError(shown, 'cannot remove the snapshot file', error);
      }));
  }

  async sweep(lessonFile: string): Promise<void> {
    const target = this.absolute(this.pathFor(lessonFile));
    await serialized(target, () => sweepStaleTemps(target));
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
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(absolutePath, shownPath);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return { kind: 'missing', path: shownPath };
    if (error instanceof SnapshotFileError) throw error;
    throw ioError(shownPath, 'cannot read the snapshot file', error);
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') {
    return { kind: 'corrupt', path: shownPath, error: { path: shownPath, line: text.line, message: 'not valid UTF-8 text; snapshot files are UTF-8 (the file is left as it is)' } };
  }
  const parsed = parseSnapshotFile(text, shownPath);
  return parsed.ok ? { kind: 'ok', path: shownPath, file: parsed.file } : { kind: 'corrupt', path: shownPath, error: parsed.error };
}

/** The bytes of a regular file. Opened without blocking: a FIFO at the path must not hang learn. */
async function readRegularFile(absolutePath: string, shownPath: string): Promise<Buffer> {
  const handle = await fs.open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new SnapshotFileError(shownPath, 0, 'not a snapshot file: it is a folder');
    if (!stat.isFile()) throw new SnapshotFileError(shownPath, 0, 'not a snapshot file: it is not a regular file (a FIFO or a device?)');
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The text, or the 1-based line of the first byte that is not UTF-8. */
function decodeUtf8(bytes: Buffer): string | { line: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Decoding prefix by prefix would be quadratic; find the first bad line instead.
    let start = 0;
    for (let line = 1; start <= bytes.length; line++) {
      const end = bytes.indexOf(0x0a, start);
      const slice = bytes.subarray(start, end < 0 ? bytes.length : end);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(slice);
      } catch {
        return { line };
      }
      if (end < 0) break;
      start = end + 1;
    }
    return { line: 1 };
  }
}

function ioError(shownPath: string, what: string, error: unknown): SnapshotFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ? ERRNO_TEXT[code] ?? code : error instanceof Error ? error.message : String(error);
  return new SnapshotFileError(shownPath, 0, `${what}: ${reason}`);
}

const ERRNO_TEXT: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EIO: 'input/output error',
};

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
