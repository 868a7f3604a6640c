#!/usr/bin/env node
// Entry point: the compiled CLI lives in build/ (made by `npm ci` / `npm run build`).
import('../build/src/cli/main.js').then((m) => m.main(process.argv.slice(2)));
