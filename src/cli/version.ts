// The version of learn, read from its own package.json.
import { readFileSync } from 'node:fs';
import { BUNDLED_ROOT } from './discover.js';
import path from 'node:path';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(BUNDLED_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return `learn ${pkg.version} (${pkg.name})`;
}
