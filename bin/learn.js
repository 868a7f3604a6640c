#!/usr/bin/env node
// Entry point: the CLI's bundle (build/src/bundle/learn.js), or the compiled
// modules (build/src/cli/main.js) when there is no bundle or it is older than
// them (`tsc` alone rebuilt them). Both are made by `npm ci` / `npm run build`.
// The bundle starts faster: one file instead of some 200 (docs/performance.md).
import { statSync } from 'node:fs';

const bundle = new URL('../build/src/bundle/learn.js', import.meta.url);
const modules = new URL('../build/src/cli/main.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const entry = mtime(bundle) >= mtime(modules) ? bundle : modules;
import(entry.href).then((m) => m.main(process.argv.slice(2)));
