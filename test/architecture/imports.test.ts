// Dependencies point one way: no import cycle between the files of src/ or
// between its folders (docs/architecture.md). Type-only imports count too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../helpers/paths.js';

const SRC = path.join(projectRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of each file, as .ts paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(/(?:from\s+|import\(\s*)'(\.[^']+)'/g)].map((m) => path.resolve(path.dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')));
    graph.set(path.relative(SRC, file), deps.map((d) => path.relative(SRC, d)));
  }
  return graph;
}

/** Every cycle found by a depth-first walk, as `a > b > a`. */
function cycles(graph: Map<string, Iterable<string>>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' > '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const folderOf = (file: string): string => file.split(path.sep)[0]!.replace(/\.ts$/, '');

test('the cycle finder finds a cycle', () => {
  assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]])), ['a > b > a']);
});

test('no import cycle between files of src/', () => {
  assert.deepEqual(cycles(importGraph()), []);
});

test('no import cycle between folders of src/', () => {
  const folders = new Map<string, Set<string>>();
  for (const [file, deps] of importGraph()) {
    const from = folderOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    for (const dep of deps) if (folderOf(dep) !== from) edges.add(folderOf(dep));
    folders.set(from, edges);
  }
  assert.deepEqual(cycles(folders), []);
});
