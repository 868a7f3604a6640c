// The JUnit report against the schema the Jenkins xunit plugin validates
// with (test/fixtures/junit/jenkins-junit.xsd, checked by xmllint), and read
// back by junitparser, the Python library many CI scripts use (Debian's
// python3-junitparser, so the system python3).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { JunitReporter } from '../../src/report/junit.js';
import { fixture } from '../helpers/paths.js';
import { drive } from './sample-results.js';

async function junitFile(): Promise<{ file: string; done: () => void }> {
  let output = '';
  await drive(new JunitReporter((t) => (output += t)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learn-junit-'));
  const file = path.join(dir, 'junit.xml');
  writeFileSync(file, output);
  return { file, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('junit: passes the Jenkins xunit JUnit schema (xmllint)', async () => {
  const { file, done } = await junitFile();
  try {
    const r = spawnSync('xmllint', ['--noout', '--schema', fixture('junit', 'jenkins-junit.xsd'), file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /validates/);
  } finally {
    done();
  }
});

test('junit: the schema check can fail (skipped on <testsuites> is rejected)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learn-junit-'));
  try {
    const file = path.join(dir, 'bad.xml');
    writeFileSync(file, '<?xml version="1.0"?>\n<testsuites tests="1" failures="0" errors="0" skipped="0"><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x"/></testsuite></testsuites>\n');
    const r = spawnSync('xmllint', ['--noout', '--schema', fixture('junit', 'jenkins-junit.xsd'), file], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /skipped/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('junit: junitparser reads every suite and case with their results', async () => {
  const { file, done } = await junitFile();
  try {
    const script = [
      'import sys, json',
      'from junitparser import JUnitXml, Failure, Error, Skipped',
      'xml = JUnitXml.fromfile(sys.argv[1])',
      'out = []',
      'for suite in xml:',
      '    for case in suite:',
      '        kinds = [type(r).__name__ for r in case.result]',
      '        out.append([suite.name, case.name, kinds])',
      'print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "cases": out}))',
    ].join('\n');
    const parsed = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as { tests: number; failures: number; errors: number; cases: Array<[string, string, string[]]> };
    let expectedCases = 0;
    let failures = 0;
    let errors = 0;
    for (const c of parsed.cases) {
      expectedCases++;
      if (c[2].includes('Failure')) failures++;
      if (c[2].includes('Error')) errors++;
    }
    assert.ok(expectedCases > 3);
    assert.equal(parsed.cases.length, parsed.tests);
    assert.equal(parsed.failures, failures);
    assert.equal(parsed.errors, errors);
    assert.ok(failures > 0 && errors > 0, JSON.stringify(parsed.cases));
    assert.ok(parsed.cases.some((c) => c[2].includes('Skipped')));
  } finally {
    done();
  }
});
