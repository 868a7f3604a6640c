import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScreenRenderer, SCROLLED_OUT, renderPlainText, renderScreen } from '../../src/render/screen.js';

test('carriage returns overwrite, as on a terminal', async () => {
  assert.equal(await renderScreen('10%\r50%\r100%\r\n'), '100%');
});

test('backspaces move the cursor back', async () => {
  assert.equal(await renderScreen('abc\b\bX\r\n'), 'aXc');
});

test('colours are dropped from the plain text', async () => {
  assert.equal(await renderScreen('\x1b[1;31mred\x1b[0m plain\r\n'), 'red plain');
});

test('lines longer than the width wrap and are joined again', async () => {
  const long = 'x'.repeat(250);
  assert.equal(await renderScreen(`${long}\r\nnext\r\n`, 100), `${long}\nnext`);
});

test('wide characters take two cells and come back whole', async () => {
  assert.equal(await renderScreen('中文 ok\r\n'), '中文 ok');
});

test('cursor movement and erase are resolved', async () => {
  assert.equal(await renderScreen('first\r\nsecond\x1b[1A\r\x1b[2Kreplaced\r\n\r\n'), 'replaced\nsecond');
});

test('a bare line feed keeps the column, as a terminal does', async () => {
  assert.equal(await renderScreen('ab\ncd\r\n'), 'ab\n  cd');
});

test('trailing blank lines and spaces are dropped', async () => {
  assert.equal(await renderScreen('a   \r\n\r\n\r\n'), 'a');
});

test('the plain-text fast path refuses anything an emulator must interpret', () => {
  for (const text of ['a\rb\r\n', 'a\nb', '\x1b[31mx', 'x'.repeat(96) + '\tb\r\n', 'é\r\n', 'a\bb']) {
    assert.equal(renderPlainText(text), undefined, JSON.stringify(text));
  }
});

test('the fast path agrees with the emulator on plain text', async () => {
  const renderer = new ScreenRenderer();
  const samples = [
    '$ echo hi\r\nhi\r\n',
    '',
    'x'.repeat(100) + '\r\n' + 'y'.repeat(101) + '\r\n',
    'trailing   \r\n\r\n  \r\n',
    '\r\n\r\nlead\r\n',
    'no newline at end',
    '$ ip -br link\r\nlo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\r\n',
    'a\tb\r\n',
    '$ brctl show\r\nbridge name\tbridge id\t\tSTP enabled\tinterfaces\r\nbr01\t\t8000.000000000000\tno\t\tveth01\r\n',
    '\t\r\n\tx\t\r\n',
    'x'.repeat(95) + '\tb\r\n',
  ];
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 200; i++) {
    let s = '';
    const length = Math.floor(random() * 400);
    for (let j = 0; j < length; j++) {
      const r = random();
      s += r < 0.08 ? '\r\n' : r < 0.12 && i % 2 === 0 ? '\t' : String.fromCharCode(32 + Math.floor(random() * 95));
    }
    samples.push(s);
  }
  let fastPaths = 0;
  for (const sample of samples) {
    const fast = renderPlainText(sample);
    // A tab in a line wider than the screen is left to the emulator.
    if (fast === undefined && sample.includes('\t')) continue;
    fastPaths++;
    assert.notEqual(fast, undefined);
    // Force the emulator: a harmless SGR reset disqualifies the fast path.
    const emulated = await renderer.render(`\x1b[0m${sample}`);
    assert.equal(fast, emulated, JSON.stringify(sample));
  }
  assert.ok(fastPaths > 150, `only ${fastPaths} samples took the fast path`);
  renderer.dispose();
});

test('output that overflows the emulator\'s scrollback says so on its first line', async () => {
  const rows = Array.from({ length: 25_000 }, (_, i) => `\x1b[1mrow ${i}\x1b[0m\r\n`).join('');
  const screen = await renderScreen(rows);
  assert.equal(screen.split('\n')[0], SCROLLED_OUT);
  assert.match(screen, /\nrow 24999$/);
  assert.doesNotMatch(await renderScreen(rows.slice(0, 2000 * 14)), /scrolled out/);
});
