// The rule machinery: placeholder and rule name validation, the built-in
// list, lesson rules from front matter, and wildcards surviving normalization.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import {
  BUILTIN_RULES,
  defineRule,
  isPlaceholderName,
  lessonRules,
  LessonRuleError,
  normalize,
  placeholder,
  rulesForLesson,
  validateRuleSpec,
} from '../../src/normalize/index.js';
import type { NormalizeRuleSpec } from '../../src/lesson/types.js';
import { loadCases } from './cases.js';

describe('placeholder names', () => {
  for (const good of ['MAC', 'IFINDEX', 'TS_VAL', 'A1']) {
    test(`accepts ${good}`, () => {
      assert.equal(isPlaceholderName(good), true);
      assert.equal(placeholder(good), `[${good}]`);
    });
  }
  for (const bad of ['', 'mac', 'Mac', '1ST', 'A B', '..', 'A-B', '[MAC]']) {
    test(`rejects ${JSON.stringify(bad)}`, () => {
      assert.equal(isPlaceholderName(bad), false);
      assert.throws(() => placeholder(bad), /invalid placeholder name/);
    });
  }
});

describe('defineRule', () => {
  test('rejects a rule name that is not kebab-case', () => {
    assert.throws(() => defineRule({ name: 'Mac Address', description: '', apply: (t) => t }), /invalid rule name/);
  });
  test('rejects a bad placeholder declaration', () => {
    assert.throws(() => defineRule({ name: 'x', description: '', placeholders: ['mac'], apply: (t) => t }), /invalid placeholder/);
  });
});

describe('BUILTIN_RULES', () => {
  test('names are unique', () => {
    const names = BUILTIN_RULES.map((rule) => rule.name);
    assert.equal(new Set(names).size, names.length);
  });
  test('is frozen', () => {
    assert.equal(Object.isFrozen(BUILTIN_RULES), true);
  });
  test('every rule has a description and declares its placeholders', () => {
    for (const rule of BUILTIN_RULES) {
      assert.ok(rule.description.length > 10, rule.name);
      assert.ok((rule.placeholders ?? []).length > 0, rule.name);
    }
  });
  test('leaves empty text and plain prose alone', () => {
    assert.equal(normalize('', BUILTIN_RULES), '');
    const prose = 'Every interface has a name, a state and an MTU.\nSee ip-link(8).';
    assert.equal(normalize(prose, BUILTIN_RULES), prose);
  });
});

function spec(pattern: RegExp, replace: string, line = 7): NormalizeRuleSpec {
  return { pattern, replace, line };
}

describe('lesson rules', () => {
  test('replace every match, even when the pattern has no g flag', () => {
    const [rule] = lessonRules([spec(/conn \d+/, 'conn [CONN]')]);
    assert.ok(rule);
    assert.equal(rule.apply('conn 1 and conn 22'), 'conn [CONN] and conn [CONN]');
  });
  test('keep the pattern flags and support $1 references', () => {
    const [rule] = lessonRules([spec(/^(token): \w+$/im, '$1: [TOKEN]')]);
    assert.ok(rule);
    assert.equal(rule.apply('x\nTOKEN: abc\ny'), 'x\nTOKEN: [TOKEN]\ny');
  });
  test('are named after their front matter line', () => {
    assert.equal(lessonRules([spec(/a/, 'b', 12)])[0]?.name, 'lesson-line-12');
  });
  test('run after the built-in rules', () => {
    const rules = rulesForLesson([spec(/id \d+/, 'id [ID]')]);
    assert.deepEqual(rules.slice(0, BUILTIN_RULES.length), [...BUILTIN_RULES]);
    assert.equal(rules.length, BUILTIN_RULES.length + 1);
    assert.equal(normalize('vxlan id 42 and 10.1.0.1.40000 > x', rules), 'vxlan id [ID] and 10.1.0.1.[PORT] > x');
  });
  test('a sticky flag does not stop replacement after the first match', () => {
    const [rule] = lessonRules([spec(/n\d/y, '[N]')]);
    assert.equal(rule?.apply('a n1 n2'), 'a [N] [N]');
  });

  const rejected: Array<[string, NormalizeRuleSpec, RegExp]> = [
    ['a pattern that matches empty text', spec(/\d*/, '[N]'), /matches empty text/],
    ['a replacement with the [..] wildcard', spec(/x/, '[..]'), /wildcard \[\.\.\]/],
    ['a replacement that is the ... line', spec(/x/, '...'), /wildcard line/],
    ['a lower-case placeholder', spec(/x/, 'id [id]'), /invalid placeholder \[id\].*\[ID\]/],
    ['a placeholder with a dash', spec(/x/, '[MY-ID]'), /invalid placeholder \[MY-ID\].*\[MY_ID\]/],
  ];
  for (const [what, bad, message] of rejected) {
    test(`reject ${what}`, () => {
      assert.match(validateRuleSpec(bad) ?? '', message);
      assert.throws(
        () => lessonRules([bad]),
        (error: unknown) => error instanceof LessonRuleError && error.line === 7 && error.message.startsWith('front matter line 7: ') && message.test(error.problem),
      );
    });
  }
  test('accept bracketed text that is not a name, like flags [DF] or [$1]', () => {
    assert.equal(validateRuleSpec(spec(/x/, 'flags [DF] [$1] [a b]')), undefined);
  });
});

describe('wildcards survive normalization', () => {
  const cases = loadCases(path.join(fixture('normalize'), 'real-output.txt'));
  for (const c of cases) {
    if (c.kind !== 'normalizes') continue;
    test(`[..] and ... in: ${c.name}`, () => {
      const lines = c.input.split('\n');
      const withWildcards = lines.flatMap((line, index) => (index % 3 === 1 ? ['...', line.slice(0, 8) + '[..]' + line.slice(8)] : [line])).join('\n');
      const out = normalize(withWildcards, BUILTIN_RULES).split('\n');
      const before = withWildcards.split('\n');
      assert.equal(out.length, before.length);
      before.forEach((line, index) => {
        if (line === '...') assert.equal(out[index], '...', `line ${index + 1}`);
        assert.equal(out[index]?.split('[..]').length, line.split('[..]').length, `line ${index + 1}`);
      });
    });
  }
  test('a snapshot made only of wildcards is unchanged', () => {
    const text = '...\n[..]\n[..] [..]\n...\n[..]:[..]';
    assert.equal(normalize(text, BUILTIN_RULES), text);
  });
});
