// The recorded sandbox networks in test/fixtures/topology/: `LESSON@STEP.raw`
// is what `learn topo LESSON --after STEP --raw` printed.
import { readdirSync, readFileSync } from 'node:fs';
import { fixture } from '../helpers/paths.js';

export const TOPOLOGY_FIXTURES = fixture('topology');

export function recordings(): string[] {
  return readdirSync(TOPOLOGY_FIXTURES).filter((f) => f.endsWith('.raw')).map((f) => f.slice(0, -'.raw'.length)).sort();
}

export function recording(name: string): string {
  return readFileSync(`${TOPOLOGY_FIXTURES}/${name}.raw`, 'utf8');
}
