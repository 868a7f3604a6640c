// Bundles the CLI into build/src/bundle/ (run by `npm run build` and `prepare`,
// after tsc): one file for the start-up path of every command, and chunks for
// the code a command imports when used (study mode, serve, doctor, topology).
// Loading one file instead of some 200 modules is most of learn's start-up
// (docs/performance.md). bin/learn.js loads the bundle when it is there.
//
// The bundle sits at the same depth as build/src/cli/main.js, so the paths the
// code finds from its own location (the package root, src/serve/page/) hold.
// Packages loaded with require() at run time (node-pty, native; xterm, yaml,
// markdown-it, diff) stay in node_modules, loaded as before.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('build/src/bundle', { recursive: true, force: true });

await build({
  entryPoints: { learn: 'src/cli/bundle.ts', 'regexp-worker': 'src/normalize/regexp-worker.ts' },
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
  external: ['@lydell/node-pty', 'bufferutil', 'utf-8-validate', '@xterm/*', 'diff'],
  chunkNames: 'chunk-[hash]',
  // The CommonJS packages inside require() Node's own modules (yaml needs
  // `process`): give every chunk a real require for them.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});
