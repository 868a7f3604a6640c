// docs/snapshots.md lists every built-in rule and the placeholders it makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../helpers/paths.js';
import { BUILTIN_RULES } from '../../src/normalize/index.js';

test('docs/snapshots.md has a table row for every built-in rule, with its placeholders', () => {
  const doc = readFileSync(path.join(projectRoot, 'docs', 'snapshots.md'), 'utf8');
  for (const rule of BUILTIN_RULES) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${rule.name}\` |`));
    assert.ok(row, `no row for ${rule.name}`);
    for (const name of rule.placeholders ?? []) assert.ok(row.includes(`\`[${name}]\``), `${rule.name} row lacks [${name}]`);
  }
});
