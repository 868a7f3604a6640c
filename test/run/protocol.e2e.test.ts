// End to end: lessons that disturb the shell's prompt protocol never get a
// pass they did not earn, and the report says what happened to the shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture } from '../helpers/paths.js';
import { runLearn } from '../helpers/cli.js';

const lesson = (name: string): string => fixture('protocol', `${name}.md`);
const emptySnapshots = (): string => mkdtempSync(path.join(tmpdir(), 'learn-protocol-'));
const run = (name: string) => runLearn(['test', lesson(name), '--snapshots', emptySnapshots()]);

test('clearing PROMPT_COMMAND fails at once, and a later `false` never passes', async () => {
  const r = await run('prompt-command');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /prompt-command\.md:4: step "clear": exited with status 1/);
  assert.match(r.stdout, /PROMPT_COMMAND: readonly variable/);
  assert.doesNotMatch(r.stdout, /✓ fails/);
});

test('clearing PS0 fails at once, and a later `false` never passes', async () => {
  const r = await run('ps0');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /ps0\.md:4: step "clear": exited with status 1/);
  assert.match(r.stdout, /PS0: readonly variable/);
  assert.doesNotMatch(r.stdout, /✓ fails/);
});

test('setting PS1 fails at once with what bash said, not as a wait for input', async () => {
  const r = await run('ps1');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /ps1\.md:7: step "prompt": exited with status 1/);
  assert.match(r.stdout, /PS1: readonly variable/);
  assert.doesNotMatch(r.stdout, /waiting for input/);
});

test('with the shell\'s stdout sent to /dev/null, `false` still fails with its own status', async () => {
  const r = await run('stdout-devnull');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /stdout-devnull\.md:8: step "fails": exited with status 1, expected status 0/);
});

test('sending the shell\'s stderr away is an error of that step: the shell no longer reports status', async () => {
  const r = await run('stderr-devnull');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /stderr-devnull\.md:7: step "redirect": the lesson's shell no longer reports command status: .*redirected the terminal/);
  assert.doesNotMatch(r.stdout, /✓ fails/);
  assert.doesNotMatch(r.stdout, /timed out/);
});

test('turning prompt expansion off is an error of that step, never a pass of the next', async () => {
  const r = await run('promptvars');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /promptvars\.md:7: step "off": the lesson's shell no longer reports command status/);
  assert.doesNotMatch(r.stdout, /✓ fails/);
});

test('a printed copy of the prompt is output: the step fails at its own `false`, every run', async () => {
  for (let i = 0; i < 4; i++) {
    const r = await run('print-prompt');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /print-prompt\.md:5: step "print": command exited with status 1|print-prompt\.md:5: step "print": exited with status 1/);
    assert.match(r.stdout, /- innocent .*\n.*not run: step "print" failed/);
  }
});

test('`exec sh` is reported as the shell replaced, not as a wait for input', async () => {
  const r = await run('exec-sh');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /exec-sh\.md:7: step "replace": the lesson's shell no longer reports command status: .*replaced by .*sh/);
  assert.doesNotMatch(r.stdout, /waiting for input/);
});

test('taking the shell\'s stdin away is an error of that step, not an exit of the shell', async () => {
  const r = await run('stdin-devnull');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /stdin-devnull\.md:7: step "redirect": the lesson's shell no longer reports command status: .*redirected the terminal/);
});

test('`exec bash` is reported as the shell replaced too', async () => {
  const r = await run('exec-bash');
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /exec-bash\.md:7: step "replace": the lesson's shell no longer reports command status: the shell was replaced by `bash` \(exec\)/);
});
