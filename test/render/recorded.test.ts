// Rendering from byte streams recorded from real steps (test/fixtures/render/
// NAME.json: what the pty sent, markers removed; NAME.txt: the screen text,
// checked by eye when recorded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { renderScreen } from '../../src/render/screen.js';
import { fixture } from '../helpers/paths.js';

const dir = fixture('render');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5))) {
  test(`recorded stream: ${name}`, async () => {
    const raw = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8')) as string;
    const expected = readFileSync(`${dir}/${name}.txt`, 'utf8').replace(/\n$/, '');
    assert.equal(await renderScreen(raw), expected);
  });
}
