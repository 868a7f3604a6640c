// Bundles the CLI into build/src/bundle/ (run by `npm run build` and `prepare`,
// after tsc): one file for the start-up path of every command, and chunks for
// the code a command imports when used (study mode, serve, doctor, topology).
// Loading one file instead of some 200 modules is most of learn's start-up
// (docs/performance.md). bin/learn.js loads the bundle when it is there.
//
// The bundle sits at the same depth as build/src/cli/main.js, so the paths the
// code finds from its own location (the package root, src/serve/page/) hold.
// Packages loaded with require() at run time (node-pty, native; the terminal
// emulators; diff) stay in node_modules.
//
// A third build, learn-snapshot.cjs, is the whole CLI as one classic script,
// the form a V8 start-up snapshot is made from (scripts/snapshot.mjs).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('build/src/bundle', { recursive: true, force: true });

const outside = ['@lydell/node-pty', 'bufferutil', 'utf-8-validate', '@xterm/*', 'diff'];

await build({
  entryPoints: { learn: 'src/cli/main.ts', 'regexp-worker': 'src/normalize/regexp-worker.ts' },
  outdir: 'build/src/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Inside the bundle: the pure-JavaScript packages of the start-up path, so
  // that Node looks up no module of theirs (markdown-it alone is some twenty
  // files of CommonJS). Outside: node-pty, native; ws's optional native
  // helpers; the terminal emulators, loaded with require() on first use.
  external: outside,
  chunkNames: 'chunk-[hash]',
  // The CommonJS packages inside require() Node's own modules (yaml needs
  // `process`): give every chunk a real require for them.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});

// One script, no chunks (a snapshot holds one), every command's code in it.
// import.meta.url is the script's own URL, as in the ESM bundle beside it.
await build({
  entryPoints: { 'learn-snapshot': 'src/cli/snapshot.ts' },
  outdir: 'build/src/bundle',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'iife',
  platform: 'node',
  target: 'node20',
  external: outside,
  define: { 'import.meta.url': 'learnScriptUrl' },
  banner: { js: "var learnScriptUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
