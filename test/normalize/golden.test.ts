// One test per golden case in test/fixtures/normalize/*.txt, run through the
// whole built-in chain: normalization cases, idempotence, and must-not-hide
// pairs. Also checks that every built-in rule has its own case file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { BUILTIN_RULES, normalize } from '../../src/normalize/index.js';
import { loadCases, type NormalizeCase } from './cases.js';

const dir = fixture('normalize');
const files = readdirSync(dir).filter((name) => name.endsWith('.txt')).sort();
const casesByFile = new Map(files.map((name) => [name, loadCases(path.join(dir, name))]));

for (const [file, cases] of casesByFile) {
  describe(file, () => {
    for (const c of cases) {
      test(`${c.kind === 'normalizes' ? 'normalizes' : 'still differs'}: ${c.name} (line ${c.line})`, () => runCase(c));
    }
  });
}

function runCase(c: NormalizeCase): void {
  if (c.kind === 'normalizes') {
    const once = normalize(c.input, BUILTIN_RULES);
    assert.equal(once, c.expected);
    assert.equal(normalize(once, BUILTIN_RULES), once, 'normalizing twice changes nothing');
    return;
  }
  assert.notEqual(c.a, c.b, 'the two inputs of a must-not-hide case must differ');
  assert.notEqual(normalize(c.a, BUILTIN_RULES), normalize(c.b, BUILTIN_RULES));
}

describe('case files cover the built-in rules', () => {
  for (const rule of BUILTIN_RULES) {
    test(`${rule.name} has ${rule.name}.txt with a case it changes and a must-not-hide case`, () => {
      const cases = casesByFile.get(`${rule.name}.txt`);
      assert.ok(cases, `missing test/fixtures/normalize/${rule.name}.txt`);
      const before = BUILTIN_RULES.slice(0, BUILTIN_RULES.indexOf(rule));
      const changed = cases.some((c) => c.kind === 'normalizes' && rule.apply(normalize(c.input, before)) !== normalize(c.input, before));
      assert.ok(changed, `no case in ${rule.name}.txt is changed by ${rule.name}`);
      assert.ok(cases.some((c) => c.kind === 'differs'), `no must-not-hide case in ${rule.name}.txt`);
    });
  }

  test('every placeholder in an expected output is declared by a built-in rule', () => {
    const declared = new Set(BUILTIN_RULES.flatMap((rule) => rule.placeholders ?? []));
    const used = new Set<string>();
    for (const cases of casesByFile.values()) {
      for (const c of cases) {
        if (c.kind !== 'normalizes') continue;
        const producedHere = normalize(c.input, BUILTIN_RULES);
        for (const [, name = ''] of c.expected.matchAll(/\[([A-Z][A-Z0-9_]*)\]/g)) {
          if (!c.input.includes(`[${name}]`) && producedHere.includes(`[${name}]`)) used.add(name);
        }
      }
    }
    assert.ok(used.size >= 20, `expected many placeholders in the cases, found ${[...used].join(', ')}`);
    for (const name of used) assert.ok(declared.has(name), `[${name}] is not declared by any rule`);
  });
});
