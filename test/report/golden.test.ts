// Each reporter's output for the same hand-built run (fixed times), compared
// with test/fixtures/ci/golden/report.*. UPDATE_GOLDEN=1 rewrites them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Reporter } from '../../src/run/events.js';
import { PrettyReporter } from '../../src/report/pretty.js';
import { makeStyle } from '../../src/report/style.js';
import { TapReporter } from '../../src/report/tap.js';
import { JunitReporter } from '../../src/report/junit.js';
import { JsonReporter } from '../../src/report/json.js';
import { GithubReporter } from '../../src/report/github.js';
import { fixture, projectRoot } from '../helpers/paths.js';
import { drive } from './sample-results.js';

const updating = process.env['UPDATE_GOLDEN'] === '1';

const reporters: Record<string, (write: (t: string) => void) => Reporter> = {
  'report.pretty.txt': (write) => new PrettyReporter({ write, style: makeStyle(false), slowest: 3 }),
  'report.tap': (write) => new TapReporter(write),
  'report.junit.xml': (write) => new JunitReporter(write),
  'report.json': (write) => new JsonReporter(write),
  'report.github.txt': (write) => new GithubReporter({ write, workspace: projectRoot, cwd: projectRoot }),
};

for (const [name, make] of Object.entries(reporters)) {
  test(`reporter golden: ${name}`, async () => {
    let output = '';
    await drive(make((t) => (output += t)));
    const file = fixture('ci', 'golden', name);
    if (updating) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, output);
    }
    assert.ok(existsSync(file), `${name} is missing (write it with UPDATE_GOLDEN=1, then review it)`);
    assert.equal(output, readFileSync(file, 'utf8'));
  });
}
