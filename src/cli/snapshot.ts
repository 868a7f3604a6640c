// The entry of the CLI's start-up snapshot (scripts/snapshot.mjs): the whole
// CLI, loaded and evaluated once when learn is built, its heap saved in a V8
// snapshot that `node --snapshot-blob` restores instead of loading the code
// again (bin/learn starts it so; docs/performance.md). Nothing of the machine
// it is built on may be kept in module state: modules read the environment,
// the terminal and the clock when called, never when loaded.
import { startupSnapshot } from 'node:v8';
import { main } from './main.js';
import { parseLesson } from '../lesson/parse.js';
import { parseSnapshotFile } from '../snapshot/format.js';

/**
 * Performance: a command's first lesson and snapshot file compile the
 * parsers' functions (yaml, markdown-it, learn's own) on first call. Called
 * once here, on text of their own, they are compiled in the snapshot: about
 * 6 ms of `learn test`'s start-up (docs/performance.md). Both are pure: only
 * compiled code stays.
 */
function warmParsers(): void {
  const lesson = [
    '---', 'title: Warm-up', 'requires: [ip]', 'kernel: [bridge]', '---', '',
    '# Warm-up', '', 'A *paragraph* with `code` and a [link](https://example.org/).', '',
    '```sh {#first}', 'ip -br link', '```', '', '```sh {#second hidden}', 'true', '```', '',
  ].join('\n');
  parseLesson(lesson, '/learn/warm-up.md');
  parseSnapshotFile('# learn snapshot v1\n\n=== first\n$ ip -br link\nlo UNKNOWN\n\n=== second\n$ true\n', '/learn/warm-up.snap');
}

if (startupSnapshot.isBuildingSnapshot()) {
  warmParsers();
  // `node --snapshot-blob BLOB -- ARGS`: process.argv is [node, ...ARGS].
  startupSnapshot.setDeserializeMainFunction(() => main(process.argv.slice(1)));
}
