// The text picture over every recording: it fits the width it is given,
// down to 60 columns and below; every interface and address is on it;
// MACs and interface indexes only with details; colours only when asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeStyle } from '../../src/report/style.js';
import { displayWidth } from '../../src/text/width.js';
import { stripEscapes as stripAnsi } from '../../src/text/escapes.js';
import { buildTopology } from '../../src/topology/model.js';
import { renderSvg } from '../../src/topology/svg.js';
import { renderText } from '../../src/topology/text.js';
import { recording, recordings } from './fixtures.js';

const MAC = /\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/;

test('text: every line fits the width, at 40, 60, 80, 100 and 160 columns', () => {
  for (const name of recordings()) {
    const topology = buildTopology(recording(name), name);
    for (const width of [40, 60, 80, 100, 160]) {
      const text = renderText(topology, { title: `${name} after a step with a long title that must wrap`, width, style: makeStyle(false) });
      for (const line of text.split('\n')) assert.ok(displayWidth(line) <= width, `${name} at ${width}: ${displayWidth(line)} columns: ${line}`);
    }
  }
});

test('text: every namespace, interface and address is shown, at any width', () => {
  for (const name of recordings()) {
    const topology = buildTopology(recording(name), name);
    for (const width of [60, 100]) {
      const text = renderText(topology, { width, style: makeStyle(false) });
      for (const ns of topology.namespaces) {
        assert.match(text, new RegExp(`┌─ ${ns.id.replace(/[()]/g, '\\$&')}\\b`), `${name}: namespace ${ns.id}`);
        for (const iface of ns.interfaces) {
          assert.ok(text.includes(` ${iface.name} `), `${name} at ${width}: ${ns.id}/${iface.name}`);
          for (const address of iface.addresses.filter((a) => !a.startsWith('fe80:'))) assert.ok(text.includes(address), `${name} at ${width}: ${address}`);
        }
      }
    }
  }
});

test('text: a link whose rails do not fit names its peer instead', () => {
  const topology = buildTopology(recording('container-network@nat-counters'));
  const wide = renderText(topology, { width: 100, style: makeStyle(false) });
  assert.match(wide, /├─┐/);
  assert.doesNotMatch(wide, /peer ns01\/veth01/);
  const narrow = renderText(topology, { width: 40, style: makeStyle(false) });
  assert.doesNotMatch(narrow, /├─/);
  assert.match(narrow, /peer ns01\/veth01/);
  assert.match(narrow, /peer host\/br-veth01/);
});

test('text and SVG: MACs and interface indexes only with details', () => {
  for (const name of recordings()) {
    const topology = buildTopology(recording(name), name);
    const plain = renderText(topology, { width: 100, style: makeStyle(false) });
    assert.doesNotMatch(plain, MAC, name);
    assert.doesNotMatch(plain, /ifindex/, name);
    assert.doesNotMatch(renderSvg(topology), MAC, name);
  }
  const detailed = renderText(buildTopology(recording('bridge@ports')), { width: 100, details: true, style: makeStyle(false) });
  assert.match(detailed, MAC);
  assert.match(detailed, /ifindex \d+/);
  assert.match(detailed, /route 192\.168\.1\.0\/24 dev ens33/);
});

test('text: colours only when the style has them, and the same picture under them', () => {
  const topology = buildTopology(recording('bridge@ports'));
  const plain = renderText(topology, { width: 80, style: makeStyle(false) });
  const colored = renderText(topology, { width: 80, style: makeStyle(true) });
  assert.doesNotMatch(plain, /\x1b\[/);
  assert.match(colored, /\x1b\[32mup/);
  assert.equal(stripAnsi(colored), plain);
});

test('SVG: well-formed enough to be one svg element with a box per namespace and a path per link', () => {
  for (const name of recordings()) {
    const topology = buildTopology(recording(name), name);
    const svg = renderSvg(topology, { title: name });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+(\.\d)?" height="\d+(\.\d)?"/);
    assert.equal(svg.match(/<rect [^>]*class="ns/g)?.length, topology.namespaces.length, name);
    const kinds = new Set(topology.links.map((l) => l.kind)).size;
    assert.equal(svg.match(/<path /g)?.length ?? 0, topology.links.length + kinds, `${name}: a path per link and one per kind in the legend`);
    assert.doesNotMatch(svg, /@[xyw]|NaN|undefined/, name);
  }
});
