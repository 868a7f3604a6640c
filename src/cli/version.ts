// The version of learn, read from its own package.json.
import { readFileSync } from 'node:fs';
import { BUNDLED_ROOT } from './discover.js';
import path from 'node:path';

/** The name and version in learn's package.json. */
export function packageInfo(): { name: string; version: string } {
  return JSON.parse(readFileSync(path.join(BUNDLED_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
}

/** What `learn --version` says. */
export function packageVersion(): string {
  const pkg = packageInfo();
  return `learn ${pkg.version} (${pkg.name})`;
}
