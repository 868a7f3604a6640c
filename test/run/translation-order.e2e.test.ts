// A run that records snapshots runs a translation only after its original:
// the translation is checked against the snapshots its original writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLearn } from '../helpers/cli.js';

/** The steps every edition shares: a slow one, so that two editions overlap. */
const STEPS = (name: string): string => `# ${name}

\`\`\`sh {#wait}
sleep 0.5
\`\`\`

\`\`\`sh {#greet}
echo hello from ${name}
\`\`\`
`;

const ORIGINAL = (name: string): string => `---\ntitle: ${name}\n---\n\n${STEPS(name)}`;
const TRANSLATION = (name: string): string => `---\ntitle: ${name}（中文）\noriginal: ../${name}.md\n---\n\n${STEPS(name)}`;

/** Two lessons and their translations, in curriculum order, with no snapshots yet. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-translation-order-'));
  mkdirSync(path.join(dir, 'lessons', 'zh'), { recursive: true });
  for (const name of ['one', 'two']) {
    writeFileSync(path.join(dir, 'lessons', `${name}.md`), ORIGINAL(name));
    writeFileSync(path.join(dir, 'lessons', 'zh', `${name}.md`), TRANSLATION(name));
  }
  return dir;
}

for (const jobs of ['1', '2', '4']) {
  test(`translation order: recording new snapshots with --jobs ${jobs}, every translation passes against its original's`, async () => {
    const dir = project();
    const snapshots = path.join(dir, 'snapshots');
    const lessons = ['one.md', 'zh/one.md', 'two.md', 'zh/two.md'].map((file) => path.join(dir, 'lessons', file));
    const r = await runLearn(['test', ...lessons, '--snapshots', snapshots, '--jobs', jobs, '--no-color']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^lessons: 4 passed, 0 failed, 0 skipped/m);
    assert.ok(existsSync(path.join(snapshots, 'one.snap')) && existsSync(path.join(snapshots, 'two.snap')));
    // Reported whole and in the order given, whatever order they ran in.
    const ends = lessons.map((file) => r.stdout.search(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  `, 'm')));
    assert.ok(ends.every((at, i) => at > (ends[i - 1] ?? -1)), `lesson reports out of order: ${ends.join(', ')}`);
  });
}

test('translation order: a translation given before its original is not held back, and fails for want of its snapshots', async () => {
  const dir = project();
  const snapshots = path.join(dir, 'snapshots');
  const r = await runLearn(['test', path.join(dir, 'lessons', 'zh', 'one.md'), path.join(dir, 'lessons', 'one.md'), '--snapshots', snapshots, '--jobs', '1', '--no-color']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^lessons: 1 passed, 1 failed, 0 skipped/m);
});
