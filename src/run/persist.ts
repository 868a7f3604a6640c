// Saving a lesson's snapshot file at the end of its run: written, removed
// when no entry is left, or a problem that names the file (the steps'
// results stand either way).
import type { LessonDiagnostic } from '../lesson/types.js';
import type { SnapshotFile } from '../snapshot/format.js';
import { SnapshotFileError, type SnapshotStore } from '../snapshot/store.js';

export interface SaveResult {
  written: boolean;
  removedFile: boolean;
  problems: LessonDiagnostic[];
}

export async function saveSnapshots(store: SnapshotStore, lessonFile: string, file: SnapshotFile): Promise<SaveResult> {
  // A lesson left with no entry at all keeps no file.
  const remove = file.entries.length === 0 && store.remove !== undefined;
  try {
    if (remove) await store.remove!(lessonFile);
    else await store.write(lessonFile, file);
    return { written: !remove, removedFile: remove, problems: [] };
  } catch (error) {
    if (!(error instanceof SnapshotFileError)) throw error;
    return { written: false, removedFile: false, problems: [{ file: error.path, line: error.line, message: error.problem }] };
  }
}
