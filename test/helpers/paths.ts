// Paths for tests: compiled tests live in build/test/..., fixtures stay in test/.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (where package.json is). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A path under test/fixtures/. */
export function fixture(...parts: string[]): string {
  return path.join(projectRoot, 'test', 'fixtures', ...parts);
}

/** The `learn` command as installed (bin/learn: from the start-up snapshot when it was made). */
export const learnCommand = path.join(projectRoot, 'bin', 'learn');
