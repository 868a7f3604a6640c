// Command lines that the terminal would change are refused when the lesson is
// read, with the line; what is accepted reaches bash unchanged (the e2e test
// test/run/typing.e2e.test.ts types the longest accepted lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson } from '../../src/lesson/parse.js';
import { MAX_TYPED_LINE_BYTES, typedLineProblem } from '../../src/lesson/typed-line.js';

const fence = (body: string, info = 'sh'): string => `# t\n\n\`\`\`${info}\n${body}\n\`\`\`\n`;

test('every control character but tab is refused, with its line', () => {
  const allowed = [0x09];
  for (let code = 0; code < 0xa0; code++) {
    if (code === 0x0a || code === 0x0d) continue; // line ends: they make two lines
    const isControl = code < 0x20 || (code >= 0x7f && code < 0xa0);
    const result = parseLesson(fence(`echo a\necho b${String.fromCharCode(code)}c`), 'l.md');
    if (!isControl || allowed.includes(code)) {
      assert.ok(result.ok, `U+${code.toString(16)} should be accepted: ${JSON.stringify(result)}`);
      continue;
    }
    assert.ok(!result.ok, `U+${code.toString(16)} should be refused`);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.line, 5, `U+${code.toString(16)}`);
    const expected = code === 0 ? /^NUL character/ : /^control character U\+00[0-9A-F]{2} .* at column 7: a command holds no control character but tab/;
    assert.match(result.errors[0]!.message, expected);
  }
});

test('the editing keys are named with what the terminal would do', () => {
  assert.match(typedLineProblem('a\x15b')!, /\^U: the terminal erases the line typed so far/);
  assert.match(typedLineProblem('a\x04b')!, /\^D: the terminal ends the input/);
  assert.match(typedLineProblem('a\x03b')!, /\^C: the terminal interrupts/);
  assert.match(typedLineProblem('a\x7fb')!, /DEL: the terminal erases the character before it/);
  assert.match(typedLineProblem('a\x1bb')!, /\^\[: the terminal echoes it as \^\[.*printf '\\x1b'/);
});

test('the limit counts UTF-8 bytes: 4095 pass, 4096 are refused', () => {
  assert.equal(typedLineProblem('x'.repeat(MAX_TYPED_LINE_BYTES)), undefined);
  assert.match(typedLineProblem('x'.repeat(MAX_TYPED_LINE_BYTES + 1))!, /^command line is 4096 bytes long; a terminal line holds at most 4095 bytes/);
  // é is two bytes: 2047 of them and one x are 4095 bytes, one more é is too many.
  assert.equal(typedLineProblem(`${'é'.repeat(2047)}x`), undefined);
  assert.match(typedLineProblem('é'.repeat(2048))!, /4096 bytes/);
});

test('a too long line is refused at its own line, in sh and console fences; norun steps are never typed', () => {
  const long = `echo ${'x'.repeat(5000)}`;
  const sh = parseLesson(fence(`true\n${long}`), 'l.md');
  assert.ok(!sh.ok);
  assert.deepEqual(sh.errors.map((e) => [e.line, e.message.slice(0, 24)]), [[5, 'command line is 5005 byt']]);
  const consoleFence = parseLesson(fence(`$ true\n${'y'.repeat(5000)}\n$ ${long}`, 'console'), 'l.md');
  assert.ok(!consoleFence.ok);
  assert.deepEqual(consoleFence.errors.map((e) => e.line), [6]);
  assert.ok(parseLesson(fence(long, 'sh {norun}'), 'l.md').ok);
});
