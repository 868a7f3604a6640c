// FileSnapshotStore: where files go, reading (missing/ok/corrupt), and
// atomic, serialized writes that never leave a temp file or a half file.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CorruptSnapshotError, FileSnapshotStore, SnapshotFileError, snapshotPathFor, sweepStaleTemps, writeFileAtomic } from '../../src/snapshot/store.js';
import { parseSnapshotFile, serializeSnapshotFile, type SnapshotFile } from '../../src/snapshot/format.js';

let root: string;
before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'learn-store-'));
});
after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

function file(...entries: Array<[string, string]>): SnapshotFile {
  return { entries: entries.map(([name, body]) => ({ name, body })) };
}

async function listAll(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('pathFor', () => {
  const cwd = '/work/project';
  const cases: Array<[string, string | undefined, string]> = [
    ['lessons/bridge.md', undefined, 'snapshots/bridge.snap'],
    ['./lessons/bridge.md', undefined, 'snapshots/bridge.snap'],
    ['lessons/sub/vxlan.md', undefined, 'lessons/snapshots/vxlan.snap'],
    ['bridge.md', undefined, '../snapshots/bridge.snap'],
    ['/srv/course/lessons/bridge.md', undefined, '/srv/course/snapshots/bridge.snap'],
    ['lessons/bridge.markdown', undefined, 'snapshots/bridge.snap'],
    ['lessons/bridge.md', 'out/snaps', 'out/snaps/bridge.snap'],
    ['lessons/sub/vxlan.md', '/tmp/s', '/tmp/s/vxlan.snap'],
  ];
  for (const [lesson, dir, expected] of cases) {
    test(`${lesson}${dir ? ` with --snapshots ${dir}` : ''} -> ${expected}`, () => {
      assert.equal(snapshotPathFor(lesson, { dir, cwd }), expected);
      assert.equal(new FileSnapshotStore({ dir, cwd }).pathFor(lesson), expected);
    });
  }
});

describe('read', () => {
  test('a missing file', async () => {
    const cwd = await freshDir('read-missing');
    const store = new FileSnapshotStore({ cwd });
    assert.deepEqual(await store.read('lessons/none.md'), { kind: 'missing', path: 'snapshots/none.snap' });
  });

  test('a good file', async () => {
    const cwd = await freshDir('read-ok');
    await fs.mkdir(path.join(cwd, 'snapshots'));
    await fs.writeFile(path.join(cwd, 'snapshots', 'a.snap'), '# learn snapshot v1\n\n=== s\nout\n');
    const result = await new FileSnapshotStore({ cwd }).read('lessons/a.md');
    assert.deepEqual(result, { kind: 'ok', path: 'snapshots/a.snap', file: file(['s', 'out']) });
  });

  test('a corrupt file, with path and line', async () => {
    const cwd = await freshDir('read-corrupt');
    await fs.mkdir(path.join(cwd, 'snapshots'));
    await fs.writeFile(path.join(cwd, 'snapshots', 'a.snap'), '# learn snapshot v1\n\n=== s\nx\n\n=== s\ny\n');
    const result = await new FileSnapshotStore({ cwd }).read('lessons/a.md');
    assert.equal(result.kind, 'corrupt');
    if (result.kind !== 'corrupt') return;
    assert.deepEqual(result.error, { path: 'snapshots/a.snap', line: 6, message: 'duplicate entry "s" (first at line 3)' });
  });

  test('an unreadable path rejects instead of passing for missing', async () => {
    const cwd = await freshDir('read-dir');
    await fs.mkdir(path.join(cwd, 'snapshots', 'a.snap'), { recursive: true });
    await assert.rejects(new FileSnapshotStore({ cwd }).read('lessons/a.md'), (error: unknown) =>
      error instanceof SnapshotFileError && error.message === 'snapshots/a.snap:0: not a snapshot file: it is a folder');
  });
});

describe('write', () => {
  test('creates the folder and writes the serialized file, leaving no temp file', async () => {
    const cwd = await freshDir('write-new');
    const store = new FileSnapshotStore({ cwd });
    const content = file(['one', 'a\n=== b'], ['two', '']);
    await store.write('lessons/x.md', content);
    assert.equal(await fs.readFile(path.join(cwd, 'snapshots', 'x.snap'), 'utf8'), serializeSnapshotFile(content));
    assert.deepEqual(await listAll(cwd), ['snapshots', 'snapshots/x.snap']);
    assert.deepEqual(await store.read('lessons/x.md'), { kind: 'ok', path: 'snapshots/x.snap', file: content });
  });

  test('replaces an existing file', async () => {
    const cwd = await freshDir('write-replace');
    const store = new FileSnapshotStore({ cwd, dir: 'snaps' });
    await store.write('l/x.md', file(['a', 'old']));
    await store.write('l/x.md', file(['a', 'new']));
    assert.equal(await fs.readFile(path.join(cwd, 'snaps', 'x.snap'), 'utf8'), '# learn snapshot v1\n\n=== a\nnew\n');
    assert.deepEqual(await listAll(path.join(cwd, 'snaps')), ['x.snap']);
  });

  test('refuses to overwrite a file that does not parse, and leaves it as it was', async () => {
    const cwd = await freshDir('write-corrupt');
    const target = path.join(cwd, 'snapshots', 'x.snap');
    await fs.mkdir(path.dirname(target));
    await fs.writeFile(target, 'hand-edited garbage\n');
    await assert.rejects(new FileSnapshotStore({ cwd }).write('lessons/x.md', file(['a', 'b'])), (error: unknown) => {
      assert.ok(error instanceof CorruptSnapshotError);
      assert.match(error.message, /^snapshots\/x\.snap:1: refusing to overwrite/);
      return true;
    });
    assert.equal(await fs.readFile(target, 'utf8'), 'hand-edited garbage\n');
    assert.deepEqual(await listAll(path.dirname(target)), ['x.snap']);
  });

  test('an invalid entry name fails before anything is written', async () => {
    const cwd = await freshDir('write-invalid');
    const store = new FileSnapshotStore({ cwd });
    await store.write('lessons/x.md', file(['a', 'kept']));
    await assert.rejects(store.write('lessons/x.md', file(['', 'b'])), /invalid snapshot entry name/);
    assert.equal(await fs.readFile(path.join(cwd, 'snapshots', 'x.snap'), 'utf8'), '# learn snapshot v1\n\n=== a\nkept\n');
    assert.deepEqual(await listAll(path.join(cwd, 'snapshots')), ['x.snap']);
  });

  test('concurrent writes to one path run one after another: the last one wins', async () => {
    const cwd = await freshDir('write-concurrent');
    const store = new FileSnapshotStore({ cwd });
    const writes = Array.from({ length: 25 }, (_, i) => store.write('lessons/x.md', file(['step', `version ${i}\n${'x'.repeat(i * 1000)}`])));
    await Promise.all(writes);
    const result = await store.read('lessons/x.md');
    assert.equal(result.kind, 'ok');
    if (result.kind === 'ok') assert.match(result.file.entries[0]?.body ?? '', /^version 24\n/);
    assert.deepEqual(await listAll(path.join(cwd, 'snapshots')), ['x.snap']);
  });

  test('a reader running during writes sees a whole old or new file, never a part', async () => {
    const cwd = await freshDir('write-readers');
    const store = new FileSnapshotStore({ cwd });
    const target = path.join(cwd, 'snapshots', 'x.snap');
    await store.write('lessons/x.md', file(['s', 'start']));
    let writing = true;
    const reads: Promise<void> = (async () => {
      while (writing) {
        const parsed = parseSnapshotFile(await fs.readFile(target, 'utf8'), target);
        assert.equal(parsed.ok, true);
      }
    })();
    for (let i = 0; i < 40; i++) await store.write('lessons/x.md', file(['s', `${i}\n${'line\n'.repeat(2000 + i)}end`]));
    writing = false;
    await reads;
  });

  test('remove deletes the file, and a missing file is fine', async () => {
    const cwd = await freshDir('write-remove');
    const store = new FileSnapshotStore({ cwd });
    await store.write('lessons/x.md', file(['a', 'b']));
    await store.remove('lessons/x.md');
    assert.deepEqual(await store.read('lessons/x.md'), { kind: 'missing', path: 'snapshots/x.snap' });
    await store.remove('lessons/x.md');
  });
});

describe('writeFileAtomic', () => {
  test('a failed rename removes the temp file and leaves the target as it was', async () => {
    const dir = await freshDir('atomic-rename-fails');
    const target = path.join(dir, 'x.snap');
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, 'inside'), 'still here');
    await assert.rejects(writeFileAtomic(target, 'new content'));
    assert.deepEqual(await listAll(dir), ['x.snap', 'x.snap/inside']);
    assert.equal(await fs.readFile(path.join(target, 'inside'), 'utf8'), 'still here');
  });

  test('a folder that cannot be created fails cleanly', async () => {
    const dir = await freshDir('atomic-mkdir-fails');
    await fs.writeFile(path.join(dir, 'blocker'), 'a file where a folder should be');
    await assert.rejects(writeFileAtomic(path.join(dir, 'blocker', 'x.snap'), 'content'));
    assert.deepEqual(await listAll(dir), ['blocker']);
  });

  test('writes exactly the given text', async () => {
    const dir = await freshDir('atomic-ok');
    const target = path.join(dir, 'deep', 'er', 'x.snap');
    await writeFileAtomic(target, 'ünïcode → ✓\n');
    assert.equal(await fs.readFile(target, 'utf8'), 'ünïcode → ✓\n');
    assert.deepEqual(await listAll(path.join(dir, 'deep', 'er')), ['x.snap']);
  });
});

describe('files that must not be read or rewritten', () => {
  test('bytes that are not UTF-8 make the file corrupt at their line, and write() refuses it byte for byte', async () => {
    const cwd = await freshDir('not-utf8');
    const target = path.join(cwd, 'snapshots', 'a.snap');
    await fs.mkdir(path.dirname(target), { recursive: true });
    const bytes = Buffer.concat([Buffer.from('# learn snapshot v1\n\n=== s\nok\n'), Buffer.from([0x66, 0xff, 0xfe, 0x0a])]);
    await fs.writeFile(target, bytes);
    const store = new FileSnapshotStore({ cwd });
    const result = await store.read('lessons/a.md');
    assert.equal(result.kind, 'corrupt');
    assert.equal(result.kind === 'corrupt' ? result.error.line : 0, 5);
    assert.match(result.kind === 'corrupt' ? result.error.message : '', /not valid UTF-8/);
    await assert.rejects(store.write('lessons/a.md', file(['s', 'ok'], ['t', 'new'])), CorruptSnapshotError);
    assert.deepEqual(await fs.readFile(target), bytes);
  });

  test('a snapshot path that is a FIFO is refused without blocking', { timeout: 30_000 }, async () => {
    const cwd = await freshDir('fifo');
    await fs.mkdir(path.join(cwd, 'snapshots'));
    execFileSync('mkfifo', [path.join(cwd, 'snapshots', 'a.snap')]);
    await assert.rejects(new FileSnapshotStore({ cwd }).read('lessons/a.md'), (error: unknown) =>
      error instanceof SnapshotFileError && /snapshots\/a\.snap:0: not a snapshot file: it is not a regular file/.test(error.message));
  });

  test('a --snapshots path that is a file: read and write fail naming the file, not with a bare errno', async () => {
    const cwd = await freshDir('dir-is-file');
    await fs.writeFile(path.join(cwd, 'blocker'), 'a file where a folder should be');
    const store = new FileSnapshotStore({ cwd, dir: 'blocker' });
    await assert.rejects(store.read('lessons/a.md'), (error: unknown) =>
      error instanceof SnapshotFileError && error.message === 'blocker/a.snap:0: cannot read the snapshot file: a part of the path is a file, not a folder');
    await assert.rejects(store.write('lessons/a.md', file(['s', 'x'])), (error: unknown) =>
      error instanceof SnapshotFileError && /^blocker\/a\.snap:0: cannot (read|write) the snapshot file/.test(error.message));
  });
});

describe('stale temp files', () => {
  /** A pid that existed and is gone now. */
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  }

  test('temp files of a dead writer are removed; a live writer\'s, other files\' and other names stay', async () => {
    const dir = await freshDir('sweep');
    const target = path.join(dir, 'a.snap');
    const dead = deadPid();
    const live = spawn('sleep', ['30']);
    try {
      const names = [
        `.a.snap.${dead}.0a1b2c3d4e5f.tmp`,
        `.a.snap.${process.pid}.00112233aabb.tmp`,
        `.a.snap.${live.pid}.ffeeddccbbaa.tmp`,
        `.b.snap.${dead}.0a1b2c3d4e5f.tmp`,
        'a.snap',
        `.a.snap.${dead}.notes`,
      ];
      for (const name of names) await fs.writeFile(path.join(dir, name), '');
      const removed = await sweepStaleTemps(target);
      // `sleep` is not this node: its pid cannot be a learn writer, so its file is stale too.
      assert.deepEqual(removed.sort(), [names[0], names[1], names[2]].sort());
      assert.deepEqual((await fs.readdir(dir)).sort(), [names[3], names[4], names[5]].sort());
    } finally {
      live.kill();
    }
  });

  test('a live learn writer keeps its temp file', async () => {
    const dir = await freshDir('sweep-live');
    const writer = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const name = `.a.snap.${writer.pid}.0a1b2c3d4e5f.tmp`;
      await fs.writeFile(path.join(dir, name), '');
      assert.deepEqual(await sweepStaleTemps(path.join(dir, 'a.snap')), []);
      assert.deepEqual(await fs.readdir(dir), [name]);
    } finally {
      writer.kill();
    }
  });

  test('write() sweeps the stale temp files of its target', async () => {
    const cwd = await freshDir('sweep-write');
    const store = new FileSnapshotStore({ cwd });
    await fs.mkdir(path.join(cwd, 'snapshots'));
    await fs.writeFile(path.join(cwd, 'snapshots', `.a.snap.${deadPid()}.0a1b2c3d4e5f.tmp`), '');
    await store.write('lessons/a.md', file(['s', 'x']));
    assert.deepEqual(await fs.readdir(path.join(cwd, 'snapshots')), ['a.snap']);
  });
});
