// Study mode reads snapshots and never writes them: a learner's run is not a
// recording. A read-only view of the store keeps the runner's verdicts
// (the same as `learn test` gives) while nothing reaches the disk.
import type { SnapshotStore } from '../snapshot/store.js';

export function readOnlyStore(store: SnapshotStore): SnapshotStore {
  return {
    pathFor: (file) => store.pathFor(file),
    read: (file) => store.read(file),
    write: () => Promise.resolve(),
  };
}

/** A store with no snapshots at all (for `learn shell`, where outputs are not compared). */
export function emptyStore(): SnapshotStore {
  return {
    pathFor: () => '(none)',
    read: () => Promise.resolve({ kind: 'missing', path: '(none)' }),
    write: () => Promise.resolve(),
  };
}

/** Names of the steps that have a stored snapshot (none when the file is missing or corrupt). */
export async function storedStepNames(store: SnapshotStore, lessonFile: string): Promise<Set<string>> {
  const read = await store.read(lessonFile);
  return new Set(read.kind === 'ok' ? read.file.entries.map((e) => e.name) : []);
}

/** The stored output of each step that has one (empty when the file is missing or corrupt). */
export async function storedOutputs(store: SnapshotStore, lessonFile: string): Promise<Map<string, string>> {
  const read = await store.read(lessonFile);
  return new Map(read.kind === 'ok' ? read.file.entries.map((e) => [e.name, e.body] as const) : []);
}
