// Golden cases for the prose renderer, in markdown-it's fixture style: each
// file under test/fixtures/study/prose/ holds many cases, each named by the
// line above it; one test per case. The markdown is parsed as a lesson, so
// prose runs cut by steps are rendered exactly as study mode renders them.
// UPDATE_GOLDEN=1 rewrites the expected parts (review the diff).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseLesson } from '../../src/lesson/parse.js';
import { ansiProseStyle, renderProse, type ProseStyle } from '../../src/study/prose/index.js';
import { fixture } from '../helpers/paths.js';

const WIDTH = 40;
const updating = process.env['UPDATE_GOLDEN'] === '1';

/** Marks as readable tags, so a golden file shows what is styled how. */
const tagStyle: ProseStyle = {
  visible: true,
  inline: (text, marks) => marks.reduceRight((t, m) => `<${m}>${t}</${m}>`, text),
  block: (text, mark) => `{${mark}}${text}{/${mark}}`,
};

interface Case {
  name: string;
  input: string;
  expected: string;
  /** Line indexes of the expected part in the file (start inclusive, end exclusive). */
  at: [number, number];
}

/** Cases of a fixture file: name line(s), `.`, input, `.`, expected, `.`. */
function readCases(lines: string[]): Case[] {
  const cases: Case[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i] === '' || lines[i]!.startsWith('# ')) {
      i++;
      continue;
    }
    const name = lines[i]!;
    i++;
    assert.equal(lines[i], '.', `case "${name}": a "." line must follow the name`);
    const inputStart = ++i;
    while (i < lines.length && lines[i] !== '.') i++;
    const input = lines.slice(inputStart, i).join('\n');
    const expectedStart = ++i;
    while (i < lines.length && lines[i] !== '.') i++;
    assert.ok(i < lines.length, `case "${name}": unterminated`);
    cases.push({ name, input, expected: lines.slice(expectedStart, i).join('\n'), at: [expectedStart, i] });
    i++;
  }
  return cases;
}

function render(markdown: string, style: ProseStyle): string {
  const parsed = parseLesson(markdown + '\n', 'case.md');
  assert.ok(parsed.ok, `the case does not parse: ${JSON.stringify(!parsed.ok && parsed.errors)}`);
  return parsed.lesson.parts
    .map((part) => (part.kind === 'step' ? `[step ${part.step.name}]` : renderProse(part.tokens, { width: WIDTH, style })))
    .filter((text) => text !== '')
    .join('\n\n');
}

for (const [file, style] of [['plain.txt', ansiProseStyle(false)], ['marks.txt', tagStyle]] as const) {
  const path = fixture('study', 'prose', file);
  const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  const cases = readCases(lines);
  if (updating) {
    for (const c of [...cases].reverse()) lines.splice(c.at[0], c.at[1] - c.at[0], ...render(c.input, style).split('\n'));
    writeFileSync(path, lines.join('\n') + '\n');
  }
  for (const c of cases) {
    test(`prose ${file}: ${c.name}`, () => {
      assert.equal(render(c.input, style), updating ? render(c.input, style) : c.expected);
    });
  }
}

test('prose: no rendered line is wider than the width, apart from fences', () => {
  const source = readFileSync(fixture('study', 'prose', 'plain.txt'), 'utf8');
  const markdown = readCases(source.replace(/\n$/, '').split('\n'))
    .filter((c) => !/fence|indented|wider/.test(c.name) && !c.input.includes('{#'))
    .map((c) => c.input)
    .join('\n\n');
  for (const width of [20, 33, 80]) {
    const parsed = parseLesson(markdown + '\n', 'all.md');
    assert.ok(parsed.ok);
    for (const part of parsed.lesson.parts) {
      if (part.kind !== 'prose') continue;
      const text = renderProse(part.tokens, { width, style: ansiProseStyle(true) });
      for (const line of text.split('\n')) {
        const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
        const cells = [...plain].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
        assert.ok(cells <= width, `wider than ${width}: ${JSON.stringify(plain)}`);
      }
    }
  }
});

test('prose: colours are terminal escapes, and none at all when disabled', () => {
  const parsed = parseLesson('# Title\n\nSome **bold** and `code`.\n', 'c.md');
  assert.ok(parsed.ok);
  const tokens = parsed.lesson.parts[0]!.kind === 'prose' ? parsed.lesson.parts[0]!.tokens : [];
  const colored = renderProse(tokens, { width: 40, style: ansiProseStyle(true) });
  assert.match(colored, /\x1b\[1mbold\x1b\[22m/);
  assert.match(colored, /\x1b\[36mcode\x1b\[39m/);
  const plain = renderProse(tokens, { width: 40, style: ansiProseStyle(false) });
  assert.doesNotMatch(plain, /\x1b/);
  assert.match(plain, /`code`/);
});
