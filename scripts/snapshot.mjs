// Makes the CLI's start-up snapshot, build/src/bundle/learn.blob, from
// learn-snapshot.cjs (scripts/bundle.mjs), with the Node.js that runs this
// script (`npm run build`, and `postinstall` where the package is installed:
// a snapshot only loads into the very Node.js binary and V8 flags that made
// it, so it is never shipped). Beside it, learn.blob.id names, a line each,
// the Node.js binary that made it (its path; its size and modification
// time) and the package folder (the snapshot holds the paths it was made
// at). bin/learn starts the snapshot in that binary when all still match,
// and the bundle otherwise.
//
// Failure to make it is not an error of the install: learn works without it,
// only its start-up is slower; the reason is printed and `learn doctor` says so.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const dir = path.join(root, 'build/src/bundle');
const script = path.join(dir, 'learn-snapshot.cjs');
const blob = path.join(dir, 'learn.blob');
const id = `${blob}.id`;

/** The lines bin/learn reads: the binary, what `stat -L -c '%s %Y' BINARY` prints, the package folder. */
function snapshotId(nodeBinary, packageRoot) {
  const stat = statSync(nodeBinary);
  return [nodeBinary, `${stat.size} ${Math.floor(stat.mtimeMs / 1000)}`, packageRoot].join('\n');
}

function make() {
  rmSync(id, { force: true });
  rmSync(blob, { force: true });
  // A development checkout runs `postinstall` before its first build, which makes it.
  if (!existsSync(script)) return undefined;
  const partial = `${blob}.partial`;
  const made = spawnSync(process.execPath, ['--no-warnings', '--snapshot-blob', partial, '--build-snapshot', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (made.status !== 0 || !existsSync(partial)) {
    rmSync(partial, { force: true });
    return `node --build-snapshot failed (exit ${made.status}): ${(made.stderr || made.error?.message || '').trim().split('\n').slice(-3).join(' ')}`;
  }
  renameSync(partial, blob);
  writeFileSync(id, `${snapshotId(process.execPath, root)}\n`);
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = make();
  if (problem) process.stderr.write(`learn: no start-up snapshot (${problem}); learn starts without it, a little slower\n`);
}
