// The entry of the CLI's start-up snapshot (scripts/snapshot.mjs): the whole
// CLI, loaded and evaluated once when learn is built, its heap saved in a V8
// snapshot that `node --snapshot-blob` restores instead of loading the code
// again (bin/learn starts it so; docs/performance.md). Nothing of the machine
// it is built on may be kept in module state: modules read the environment,
// the terminal and the clock when called, never when loaded.
import { startupSnapshot } from 'node:v8';
import { main } from './main.js';

if (startupSnapshot.isBuildingSnapshot()) {
  // `node --snapshot-blob BLOB -- ARGS`: process.argv is [node, ...ARGS].
  startupSnapshot.setDeserializeMainFunction(() => main(process.argv.slice(1)));
}
