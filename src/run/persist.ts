// A lesson run's snapshot file: read when the run opens (the stored side
// normalized by the same rules as the output), and at its end saved, removed
// when no entry is left, or a problem that names the file (the steps'
// results stand either way).
import type { LessonDiagnostic } from '../lesson/types.js';
import { normalize, type NormalizeRule } from '../normalize/index.js';
import type { SnapshotFile } from '../snapshot/format.js';
import { SnapshotState } from '../snapshot/state.js';
import { SnapshotFileError, type SnapshotStore } from '../snapshot/store.js';
import type { LessonRunOptions, SnapshotSummary } from './result.js';

export interface SaveResult {
  written: boolean;
  removedFile: boolean;
  problems: LessonDiagnostic[];
}

/**
 * The snapshots of lesson file `source` (an original, never a translation),
 * with where they live. Stale temporary files are swept first when the run
 * may write. A file that cannot be read or used throws SnapshotFileError.
 */
export async function readSnapshots(source: string, options: LessonRunOptions, rules: NormalizeRule[]): Promise<{ state: SnapshotState; path: string }> {
  if (options.updateMode !== 'none') await options.store.sweep?.(source);
  const stored = await options.store.read(source);
  if (stored.kind === 'corrupt') {
    throw new SnapshotFileError(stored.error.path, stored.error.line, `corrupt snapshot file: ${stored.error.message}`);
  }
  // The stored side is normalized too: a real MAC or round-trip time in a
  // hand-written snapshot (or one recorded before a rule existed) matches.
  const state = new SnapshotState(stored.kind === 'ok' ? stored.file : undefined, options.updateMode, {
    normalizeExpected: (text) => normalize(text, rules),
  });
  return { state, path: options.store.pathFor(source) };
}

export interface FinishOptions {
  /** The lesson's step names, in order. */
  order: string[];
  /** The steps this run ran, skipped or judged: the entries of the others stay, and are not obsolete. */
  attempted: ReadonlySet<string>;
  /** The run was not cut short (study mode may end early): with every step attempted, obsolete entries may go. */
  fullRun: boolean;
  store: SnapshotStore;
  updateMode: LessonRunOptions['updateMode'];
  /** The lesson file the snapshots belong to, and where they live. */
  source: string;
  path: string;
}

/** At the end of the run: save what changed, and say what became of the file. */
export async function finishSnapshots(state: SnapshotState, options: FinishOptions): Promise<{ summary: SnapshotSummary; problems: LessonDiagnostic[] }> {
  for (const name of options.order) {
    if (!options.attempted.has(name)) state.skip(name);
  }
  const fullRun = options.fullRun && options.order.every((name) => options.attempted.has(name));
  const obsolete = state.obsolete();
  const { file, changed } = state.result(options.order, fullRun);
  const { written, removedFile, problems } = changed && options.updateMode !== 'none'
    ? await saveSnapshots(options.store, options.source, file)
    : { written: false, removedFile: false, problems: [] };
  const removedObsolete = (written || removedFile) && fullRun && options.updateMode === 'all' && obsolete.length > 0;
  return { summary: { path: options.path, written, obsolete, removedObsolete, removedFile }, problems };
}

export async function saveSnapshots(store: SnapshotStore, lessonFile: string, file: SnapshotFile): Promise<SaveResult> {
  // A lesson left with no entry at all keeps no file.
  const remove = file.entries.length === 0 ? store.remove?.bind(store) : undefined;
  try {
    if (remove) await remove(lessonFile);
    else await store.write(lessonFile, file);
    return { written: !remove, removedFile: remove !== undefined, problems: [] };
  } catch (error) {
    if (!(error instanceof SnapshotFileError)) throw error;
    return { written: false, removedFile: false, problems: [{ file: error.path, line: error.line, message: error.problem }] };
  }
}
