import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiveOutput, stripColors } from '../../src/study/live-output.js';
import { renderScreen } from '../../src/render/screen.js';

function collect(color: boolean): { out: LiveOutput; text: () => string } {
  let written = '';
  return { out: new LiveOutput((t) => (written += t), color), text: () => written };
}

test('live output: the prompt first, the raw stream, the trailing prompt taken away', async () => {
  const { out, text } = collect(true);
  out.start();
  out.push('echo hi\r\nhi\r\n');
  out.push('$ ');
  out.end();
  assert.equal(await renderScreen(text()), '$ echo hi\nhi');
});

test('live output: a prompt after output without a newline is taken away, the line ended', async () => {
  const { out, text } = collect(true);
  out.push('printf no-newline\r\nno-newline$ ');
  out.end();
  assert.equal(await renderScreen(text() + 'next'), '$ printf no-newline\nno-newline\nnext');
});

test('live output: progress lines are passed through for the terminal to resolve', async () => {
  const { out, text } = collect(true);
  out.push('prog\r\n10%\r50%\r100%\r\n$ ');
  out.end();
  assert.equal(await renderScreen(text()), '$ prog\n100%');
});

test('live output: colours kept, or dropped when asked, even across chunks', () => {
  const kept = collect(true);
  kept.out.push('\x1b[31mred\x1b[0m\r\n');
  assert.match(kept.text(), /\x1b\[31mred/);
  const dropped = collect(false);
  dropped.out.push('\x1b[3');
  dropped.out.push('1mred\x1b[0m plain\x1b[2K\r\n');
  assert.equal(dropped.text(), '$ red plain\x1b[2K\r\n');
  assert.equal(stripColors('\x1b[1;32mok\x1b[m'), 'ok');
});
