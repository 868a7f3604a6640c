// The package as people get it: `npm pack` of a copy of this checkout, then
// installed with no compiler on the PATH into an empty folder with install
// scripts off, and into a global prefix with them on (its own postinstall
// makes the start-up snapshot), and used from an unrelated folder: help,
// list, test of bundled lessons, a study session without input.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot } from '../helpers/paths.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'learn-package-'));
// npm's own script, run with this node (the PATH of the installs has no npm wrapper).
const npmCli = realpathSync(spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim());
let tarball = '';

/** A PATH with node and the shell tools npm needs, but no compiler, make or python. */
function bareBin(): string {
  const bin = path.join(work, 'bare-bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['node', 'sh', 'bash', 'env', 'tar', 'gzip', 'rm', 'mkdir', 'cp', 'ln', 'chmod', 'cat', 'ls', 'uname']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found && !existsSync(path.join(bin, tool))) symlinkSync(found, path.join(bin, tool));
  }
  return bin;
}

function npm(args: string[], cwd: string, options: { scripts?: boolean } = {}): void {
  const scripts = options.scripts ? [] : ['--ignore-scripts'];
  const r = spawnSync(process.execPath, [npmCli, ...args, '--no-audit', '--no-fund', ...scripts, '--prefer-offline'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: bareBin(), npm_config_build_from_source: 'false', npm_config_update_notifier: 'false' },
  });
  assert.equal(r.status, 0, `npm ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
}

function learn(bin: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(bin, args, { cwd, encoding: 'utf8', input: input ?? '', env: { ...process.env, CI: 'true', NO_COLOR: '1', GITHUB_ACTIONS: '' }, timeout: 300_000 });
}

before(() => {
  // Pack a copy, so building at pack time does not replace this checkout's build/ under the running tests.
  const copy = path.join(work, 'source');
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'LICENSE', 'bin', 'scripts', 'src', 'lessons', 'snapshots', 'docs']) {
    cpSync(path.join(projectRoot, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(copy, 'node_modules'));
  const out = execFileSync(process.execPath, [npmCli, 'pack', '--pack-destination', work, '--json'], { cwd: copy, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(work, info!.filename);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('package: the tarball has the built code, lessons, snapshots, docs and licence, and no tests or sources', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  // bin/learn starts the snapshot its postinstall makes from learn-snapshot.cjs, or bin/learn.js,
  // which loads the bundle (build/src/bundle/) and its chunks, or else the compiled modules.
  for (const needed of ['package/bin/learn', 'package/bin/learn.js', 'package/build/src/bundle/learn.js', 'package/build/src/bundle/learn-snapshot.cjs', 'package/scripts/snapshot.mjs', 'package/build/src/bundle/regexp-worker.js', 'package/build/src/cli/main.js', 'package/src/serve/page/index.js', 'package/lessons/bridge.md', 'package/snapshots/bridge.snap', 'package/docs/lesson-format.md', 'package/README.md', 'package/LICENSE']) {
    assert.ok(listing.includes(needed), `${needed} missing from the tarball`);
  }
  // The web page's own files (src/serve/page/) are the only sources shipped: learn serve reads them as they are.
  const unwanted = listing.filter((f) => /^package\/(test|src(?!\/serve\/page\/)|bench|\.ci|build\/test|build\/bench)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts') || f.endsWith('.map'));
  assert.deepEqual(unwanted, []);
  // A snapshot loads only into the Node.js that made it: made where installed, never shipped.
  assert.deepEqual(listing.filter((f) => f.includes('.blob')), []);
  const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  assert.deepEqual(pkg.os, ['linux']);
  assert.deepEqual(pkg.bin, { learn: 'bin/learn' });
  assert.ok((pkg.engines as Record<string, string>).node);
});

function checkInstalled(bin: string, where: string): void {
  const cwd = mkdtempSync(path.join(work, 'elsewhere-'));
  const help = learn(bin, ['--help'], cwd);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /learn run LESSON/);
  const list = learn(bin, ['list'], cwd);
  assert.equal(list.status, 0, list.stdout + list.stderr);
  assert.match(list.stdout, new RegExp(`from ${where.replace(/[.+]/g, '\\$&')}/lessons \\(bundled with learn\\)`));
  assert.match(list.stdout, /bridge {2}Linux bridge/);
  const tested = learn(bin, ['test', 'netns', 'bridge'], cwd);
  assert.equal(tested.status, 0, tested.stdout + tested.stderr);
  assert.match(tested.stdout, /lessons: 2 passed, 0 failed, 0 skipped/);
  const study = learn(bin, ['run', 'bridge'], cwd);
  assert.equal(study.status, 0, study.stdout + study.stderr);
  assert.match(study.stdout, /End of the lesson: Linux bridge/);
  assert.match(study.stdout, /\d+ as expected · 0 differed/);
  assert.deepEqual(readdirSync(cwd), [], 'nothing written where learn was run');
}

test('package: installed into an empty folder without install scripts or a compiler, learn works from another folder', () => {
  const project = path.join(work, 'local');
  mkdirSync(project);
  npm(['init', '-y'], project);
  npm(['install', tarball], project);
  const installed = path.join(project, 'node_modules', 'learn-linux-net');
  const lock = JSON.parse(readFileSync(path.join(project, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const scripted = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([name]) => name);
  assert.deepEqual(scripted, ['node_modules/learn-linux-net'], 'no dependency needs an install script; learn\'s own makes the start-up snapshot');
  const bin = path.join(project, 'node_modules', '.bin', 'learn');
  checkInstalled(bin, installed);
  // Without its postinstall, learn starts from the bundle and doctor says why.
  assert.match(learn(bin, ['doctor', 'netns'], project).stdout, /warn +start-up +from the bundle, not the start-up snapshot: no start-up snapshot was made/);
  // What that warning advises makes it.
  npm(['rebuild', 'learn-linux-net'], project, { scripts: true });
  assert.match(learn(bin, ['doctor', 'netns'], project).stdout, /ok +start-up +from the start-up snapshot/);
  assert.ok(existsSync(path.join(installed, 'src', 'serve', 'page', 'index.js')), 'the files of learn serve\'s page are installed');

  // Without the terminal library's binary (installed with --omit=optional, or
  // on a platform without a prebuilt one): help, list and doctor still work,
  // and doctor names the problem and the fix.
  rmSync(path.join(project, 'node_modules', '@lydell', `node-pty-${process.platform}-${process.arch}`), { recursive: true, force: true });
  const cwd = mkdtempSync(path.join(work, 'nopty-'));
  assert.equal(learn(bin, ['--help'], cwd).status, 0);
  const list = learn(bin, ['list'], cwd);
  assert.equal(list.status, 0, list.stdout + list.stderr);
  const doctor = learn(bin, ['doctor', 'bridge'], cwd);
  assert.equal(doctor.status, 1, doctor.stdout + doctor.stderr);
  assert.match(doctor.stdout, /FIX +terminal +@lydell\/node-pty 1\.1\.0: cannot spawn a pseudo-terminal: the terminal library @lydell\/node-pty cannot be loaded/);
  assert.match(doctor.stdout, /fix: reinstall learn with its optional dependencies/);
  for (const args of [['test', 'netns'], ['run', 'bridge']]) {
    const run = learn(bin, args, cwd);
    assert.equal(run.status, 3, run.stdout + run.stderr);
    assert.match(run.stderr, /^learn: the terminal library @lydell\/node-pty cannot be loaded .*\n {2}fix: reinstall learn/m);
    assert.doesNotMatch(run.stderr, /internal error/);
  }
});

test('package: installed globally (npm install -g --prefix), learn runs the bundled curriculum by name', () => {
  const prefix = path.join(work, 'global');
  npm(['install', '-g', '--prefix', prefix, tarball], work, { scripts: true });
  const bin = path.join(prefix, 'bin', 'learn');
  const installed = path.join(prefix, 'lib', 'node_modules', 'learn-linux-net');
  assert.ok(existsSync(path.join(installed, 'build/src/bundle/learn.blob')), 'postinstall made the start-up snapshot');
  checkInstalled(bin, installed);
  assert.match(learn(bin, ['doctor', 'netns'], work).stdout, /ok +start-up +from the start-up snapshot/);
  // An author's start: learn init demo && cd demo && learn test.
  const authoring = mkdtempSync(path.join(work, 'author-'));
  const init = learn(bin, ['init', 'demo'], authoring);
  assert.equal(init.status, 0, init.stdout + init.stderr);
  const tested = learn(bin, ['test'], path.join(authoring, 'demo'));
  assert.equal(tested.status, 0, tested.stdout + tested.stderr);
  assert.match(tested.stdout, /lessons: 1 passed, 0 failed, 0 skipped/);
  assert.doesNotMatch(tested.stderr, /bundled/);
});
