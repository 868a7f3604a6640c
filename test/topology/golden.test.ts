// Golden pictures of three lessons, from their recordings: text at 100 and
// at 60 columns, and SVG. UPDATE_GOLDEN=1 rewrites them (then look at them:
// the text in a terminal, the SVG in a browser).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { makeStyle } from '../../src/report/style.js';
import { buildTopology } from '../../src/topology/model.js';
import { renderSvg } from '../../src/topology/svg.js';
import { renderText } from '../../src/topology/text.js';
import { recording, TOPOLOGY_FIXTURES } from './fixtures.js';

const updating = process.env['UPDATE_GOLDEN'] === '1';
const GOLDEN = ['bridge@ports', 'container-network@nat-counters', 'overlay-vxlan@fix-mtu'];

function compare(file: string, actual: string): void {
  const path = `${TOPOLOGY_FIXTURES}/${file}`;
  if (updating) writeFileSync(path, actual);
  assert.ok(existsSync(path), `${file} is missing (write it with UPDATE_GOLDEN=1, then look at it)`);
  assert.equal(actual, readFileSync(path, 'utf8'), file);
}

for (const name of GOLDEN) {
  const title = name.replace('@', ', after ');
  test(`golden topology: ${name} as text, 100 and 60 columns`, () => {
    const topology = buildTopology(recording(name), name);
    compare(`${name}.txt`, renderText(topology, { title, width: 100, style: makeStyle(false) }) + '\n');
    compare(`${name}.60.txt`, renderText(topology, { title, width: 60, style: makeStyle(false) }) + '\n');
  });
  test(`golden topology: ${name} as SVG`, () => {
    compare(`${name}.svg`, renderSvg(buildTopology(recording(name), name), { title }));
  });
}

test('svg: an interface name with control characters (Linux allows them) still gives valid XML, the characters shown as ^X', () => {
  const raw = recording('bridge@ports').replaceAll('"ifname":"br0"', '"ifname":"br\\u0001x"');
  const svg = renderSvg(buildTopology(raw, 'bridge'), { title: 'odd name' });
  assert.doesNotMatch(svg, /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
  assert.match(svg, /br\^Ax/);
});
