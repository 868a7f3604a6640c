// Which edition `learn run` shows: the language from --lang or the locale,
// and the translation's file when one exists, on real files.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { editionFile, localeLanguage } from '../../src/cli/edition.js';
import { curriculumOrder } from '../../src/cli/discover.js';

test('edition: the language comes from LC_ALL, then LC_MESSAGES, then LANG', () => {
  assert.equal(localeLanguage({ LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(localeLanguage({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_TW.UTF-8' }), 'zh');
  assert.equal(localeLanguage({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' }), 'en');
  assert.equal(localeLanguage({ LANG: 'C.UTF-8' }), undefined);
  assert.equal(localeLanguage({ LANG: 'POSIX' }), undefined);
  assert.equal(localeLanguage({}), undefined);
  assert.equal(localeLanguage({ LANG: 'zh' }), 'zh');
});

test('edition: a translation in lessons/LANG/ is picked when it exists, the original otherwise', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-edition-'));
  mkdirSync(path.join(dir, 'zh'));
  for (const f of ['bridge.md', 'veth.md', 'zh/bridge.md']) writeFileSync(path.join(dir, f), '# x\n');
  const bridge = path.join(dir, 'bridge.md');
  assert.equal(editionFile(bridge, 'zh'), path.join(dir, 'zh', 'bridge.md'));
  assert.equal(editionFile(bridge, 'en'), bridge);
  assert.equal(editionFile(bridge, undefined), bridge);
  assert.equal(editionFile(path.join(dir, 'veth.md'), 'zh'), path.join(dir, 'veth.md'));
  assert.equal(editionFile(path.join(dir, 'zh', 'bridge.md'), 'zh'), path.join(dir, 'zh', 'bridge.md'));
});

test('edition: in curriculum order a translation follows its original', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learn-order-'));
  mkdirSync(path.join(dir, 'zh'));
  writeFileSync(path.join(dir, 'README.md'), '[b](b.md) [a](a.md)\n');
  const files = ['a.md', 'b.md', 'zh/a.md', 'zh/b.md', 'other.md'].map((f) => path.join(dir, f));
  assert.deepEqual(curriculumOrder(dir, files).map((f) => path.relative(dir, f)), ['b.md', 'zh/b.md', 'a.md', 'zh/a.md', 'other.md']);
});
