// Snapshot bookkeeping for one lesson run, apart from file access: which
// stored entries were checked, which steps got new or changed output, which
// entries are obsolete, and what the file should hold afterwards.
//
// Update modes: 'none' (CI) records nothing and reports missing snapshots;
// 'new' (default outside CI) records missing snapshots only; 'all'
// (--update) records new and changed ones and, after a full unfiltered run,
// drops obsolete entries.
import type { SnapshotEntry, SnapshotFile } from './format.js';
import { literalPattern, matchOutput } from './match.js';

export type UpdateMode = 'none' | 'new' | 'all';

export type SnapshotCheck =
  | { kind: 'matched' }
  | { kind: 'differed'; expected: string; adjusted: string }
  | { kind: 'missing' }
  | { kind: 'written' }
  | { kind: 'updated'; previous: string; expected: string; adjusted: string };

export interface SnapshotStateOptions {
  /** Applied to stored bodies before comparison (e.g. rules added since they were recorded). */
  normalizeExpected?: (text: string) => string;
}

export class SnapshotState {
  private readonly stored: ReadonlyMap<string, string>;
  private readonly storedOrder: readonly string[];
  /** Stored keys not yet checked or skipped: what is left at the end is obsolete. */
  private readonly unchecked: Set<string>;
  /** Bodies to store for new and changed steps. */
  private readonly recorded = new Map<string, string>();

  constructor(
    private readonly storedFile: SnapshotFile | undefined,
    readonly mode: UpdateMode,
    private readonly options: SnapshotStateOptions = {},
  ) {
    const entries = storedFile?.entries ?? [];
    this.stored = new Map(entries.map((entry) => [entry.name, entry.body]));
    this.storedOrder = entries.map((entry) => entry.name);
    this.unchecked = new Set(this.storedOrder);
  }

  /**
   * Compare one step's normalized output with its stored snapshot.
   * `alsoMatches`: a second look when they differ (what may differ without
   * counting, such as matchesWithInterruptEchoMoved); a match there is a
   * match, and the stored body stays as it is.
   */
  check(name: string, actual: string, alsoMatches?: (expected: string, actual: string) => boolean): SnapshotCheck {
    this.unchecked.delete(name);
    const stored = this.stored.get(name);
    if (stored === undefined) {
      if (this.mode === 'none') return { kind: 'missing' };
      this.recorded.set(name, literalPattern(actual));
      return { kind: 'written' };
    }
    const expected = this.options.normalizeExpected ? this.options.normalizeExpected(stored) : stored;
    const { pass, adjusted } = matchOutput(expected, actual);
    if (pass || alsoMatches?.(expected, actual)) {
      this.recorded.delete(name);
      return { kind: 'matched' };
    }
    // No diff here: whoever shows the difference renders it, once.
    if (this.mode === 'all') {
      this.recorded.set(name, adjusted);
      return { kind: 'updated', previous: stored, expected, adjusted };
    }
    return { kind: 'differed', expected, adjusted };
  }

  /** A step that did not run this time: its entry stays and is not obsolete. */
  skip(name: string): void {
    this.unchecked.delete(name);
  }

  /** Stored entries that no step checked or skipped, in file order. */
  obsolete(): string[] {
    return this.storedOrder.filter((name) => this.unchecked.has(name));
  }

  /**
   * The file to store, entries in `order` (the lesson's step names), then any
   * kept entries the lesson no longer has, in their old order. `changed` says
   * whether it differs from what was read; it is always false in mode 'none'.
   */
  result(order: string[], fullRun: boolean): { file: SnapshotFile; changed: boolean } {
    const before = this.storedFile ?? { entries: [] };
    if (this.mode === 'none') return { file: before, changed: false };
    const dropObsolete = this.mode === 'all' && fullRun;
    const removed = new Set(dropObsolete ? this.obsolete() : []);
    const bodyOf = (name: string): string | undefined => this.recorded.get(name) ?? this.stored.get(name);

    const names = [...new Set([...order.filter((name) => bodyOf(name) !== undefined), ...this.storedOrder])];
    const entries: SnapshotEntry[] = names
      .filter((name) => !removed.has(name))
      .map((name) => ({ name, body: bodyOf(name) as string }));
    const file = { entries };

    // 'new' only adds entries; it never rewrites a file just to reorder it.
    if (this.mode === 'new' && this.recorded.size === 0) return { file: before, changed: false };
    return { file, changed: !sameEntries(before.entries, entries) };
  }
}

function sameEntries(a: SnapshotEntry[], b: SnapshotEntry[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry.name === b[index]?.name && entry.body === b[index]?.body);
}
