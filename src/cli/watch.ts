// `learn test --watch`: run the lessons, then run a lesson again whenever its
// file or its snapshot file changes, one lesson (one sandbox) at a time,
// until Ctrl-C (main's signal handler tears the open run down and exits).
// A change is a change of content: learn's own snapshot writes and editors
// that save without changing anything start no run.
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  files: string[];
  /** The snapshot file of a lesson (may not exist yet). */
  snapshotOf: (file: string) => string;
  /** Run these lessons (in order) and report them. */
  run: (files: string[]) => Promise<unknown>;
  write: (text: string) => void;
  /** Wait this long after the last change before running (editors write in bursts). */
  settleMs?: number;
}

/** Runs until the process ends; resolves only if every watched folder disappears. */
export async function watchLessons(options: WatchOptions): Promise<void> {
  const seen = new Map<string, string>();
  const fingerprint = (file: string): string => `${read(file)}\0${read(options.snapshotOf(file))}`;
  const queue: string[] = [];
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  const runQueued = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, queue.length);
        await options.run(batch);
        // After the run: what it wrote (new snapshots) is not a change to react to.
        for (const file of batch) seen.set(file, fingerprint(file));
        watchFolders();
      }
    } finally {
      running = false;
    }
    options.write(`\nwatching ${options.files.length} lesson${options.files.length === 1 ? '' : 's'} and ${options.files.length === 1 ? 'its snapshot' : 'their snapshots'}; Ctrl-C ends\n`);
  };

  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const file of options.files) {
        if (seen.get(file) !== fingerprint(file) && !queue.includes(file)) queue.push(file);
      }
      if (queue.length > 0 && !running) {
        options.write(`\nchanged: ${queue.join(', ')}\n`);
        void runQueued();
      }
    }, options.settleMs ?? 200);
  };

  // Folders, not files: editors and learn itself replace files by renaming.
  // A snapshots/ folder made by the first run is watched from then on.
  const dirs = new Set(options.files.flatMap((f) => [path.dirname(path.resolve(f)), path.dirname(path.resolve(options.snapshotOf(f)))]));
  const watchers = new Map<string, FSWatcher>();
  let ended: () => void = () => {};
  const watchFolders = (): void => {
    for (const dir of dirs) {
      if (watchers.has(dir) || !existsSync(dir)) continue;
      const watcher = watch(dir, changed);
      watcher.on('close', () => {
        watchers.delete(dir);
        if (watchers.size === 0) ended();
      });
      watchers.set(dir, watcher);
    }
  };
  queue.push(...options.files);
  watchFolders();
  await runQueued();
  if (watchers.size === 0) return;
  await new Promise<void>((resolve) => (ended = resolve));
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
