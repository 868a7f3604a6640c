// The info-string splitter: language, attribute syntax and quoting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFenceInfo } from '../../src/lesson/fence-info.js';

test('language is the first word, lowercased; braces may follow without a space', () => {
  assert.deepEqual(parseFenceInfo('Console'), { language: 'console', attributes: [], problems: [] });
  assert.deepEqual(parseFenceInfo('sh{#a}').attributes, [{ kind: 'name', value: 'a' }]);
  assert.equal(parseFenceInfo('').language, '');
  assert.equal(parseFenceInfo('{#a}').language, '');
});

test('names, flags and key=value pairs, in order', () => {
  assert.deepEqual(parseFenceInfo('sh {#make-bridge timeout=5s background exit=nonzero}').attributes, [
    { kind: 'name', value: 'make-bridge' },
    { kind: 'pair', key: 'timeout', value: '5s' },
    { kind: 'flag', key: 'background' },
    { kind: 'pair', key: 'exit', value: 'nonzero' },
  ]);
});

test('double quotes escape only \\" and \\\\; other backslashes stay for regexes', () => {
  const { attributes, problems } = parseFenceInfo(String.raw`sh {ready="a \"b\" \\ \d+ {x}"}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(attributes, [{ kind: 'pair', key: 'ready', value: String.raw`a "b" \ \d+ {x}` }]);
});

test('single quotes are literal', () => {
  const backslashEnds = parseFenceInfo(String.raw`sh {ready='a \' x'}`);
  assert.deepEqual(backslashEnds.attributes[0], { kind: 'pair', key: 'ready', value: 'a \\' });
  assert.deepEqual(backslashEnds.problems, [`unexpected "'" in the attribute list`]);
  assert.deepEqual(parseFenceInfo(String.raw`sh {ready='^a \d$'}`).attributes, [
    { kind: 'pair', key: 'ready', value: String.raw`^a \d$` },
  ]);
});

test('an empty value stays a pair, so its reader can say what is missing', () => {
  assert.deepEqual(parseFenceInfo('sh {term=}').attributes, [{ kind: 'pair', key: 'term', value: '' }]);
  assert.deepEqual(parseFenceInfo('sh {ready=""}').attributes, [{ kind: 'pair', key: 'ready', value: '' }]);
});

test('syntax problems', () => {
  const problemsOf = (info: string): string[] => parseFenceInfo(info).problems;
  assert.deepEqual(problemsOf('sh hidden'), ['text after the language must be inside braces: "hidden"']);
  assert.deepEqual(problemsOf('sh {hidden'), ['unbalanced braces in the attribute list: missing "}"']);
  assert.deepEqual(problemsOf('sh {a {b}}'), ['unbalanced braces in the attribute list: unexpected "{"']);
  assert.deepEqual(problemsOf('sh {a} b'), ['text after the attribute list\'s closing brace: "b"']);
  assert.deepEqual(problemsOf('sh {ready="x}'), ['unclosed quote in the value of `ready`']);
  assert.deepEqual(problemsOf('sh {ready=a"b}'), ['stray quote in the value of `ready`']);
  assert.deepEqual(problemsOf('sh {="x"}'), ['unexpected "=" in the attribute list']);
});

test('never throws on odd input', () => {
  for (const info of ['{', '}', '{{', '{"', "{'", '{#', '{=', '{a=', '{a="\\', 'sh {\\}', '\u0000{\u0000}']) {
    assert.doesNotThrow(() => parseFenceInfo(info), info);
  }
});
