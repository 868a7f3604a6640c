// learn serve in a real browser (Debian's chromium, headless, driven by
// playwright-core): open a lesson, run steps by clicking, see their output in
// the xterm.js terminal, type into it, see a differing step's diff, reset,
// flood it, close the tab and check that the sandbox is gone; the sandbox's
// network in the topology panel, a task's hints and check. Prints the
// page's first paint and the pty-to-terminal latency; keeps a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../helpers/paths.js';
import { eventually, processesOutsideOurNamespace } from '../helpers/host-state.js';
import { isAlive, newSandboxProcesses, rssKb, startServe, type ServeProcess } from './serve-process.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(projectRoot, 'build', 'artifacts');
const available = existsSync(CHROMIUM);

let serve: ServeProcess;
let context: BrowserContext;
let profile: string;
const figures: Record<string, unknown> = {};

before(async () => {
  if (!available) return;
  serve = await startServe();
  profile = mkdtempSync(path.join(tmpdir(), 'learn-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (!available) return;
  await context?.close();
  await serve?.stop();
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'serve-figures.json'), JSON.stringify(figures, null, 2) + '\n');
});

/** The text an xterm.js terminal of the page shows (its whole buffer). */
function terminalText(page: Page, term: string): Promise<string> {
  return page.evaluate((name) => {
    const t = (window as unknown as { learnPage: { terminals: Map<string, { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } } } }> } })
      .learnPage.terminals.get(name)!.term;
    const buffer = t.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }, term);
}

async function runStep(page: Page, name: string, button: 'run' | 'run-to' = 'run', timeout = 30_000): Promise<string> {
  const section = page.locator(`section.step[data-step="${name}"]`);
  await section.locator(`button.${button}`).click();
  await page.waitForFunction((n) => {
    const status = document.querySelector(`section.step[data-step="${n}"]`)?.getAttribute('data-status');
    return status === 'passed' || status === 'differed' || status === 'failed' || status === 'skipped';
  }, name, { timeout });
  return (await section.getAttribute('data-status'))!;
}

test('a lesson in the browser: run by clicking, live terminals, typing, a diff, reset, close', { skip: !available && 'no /usr/bin/chromium' }, async () => {
  const baseline = new Set(processesOutsideOurNamespace('net'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });

  await page.goto(serve.url);
  assert.match(await page.locator('li.lesson').first().innerText(), /Serve demo[\s\S]*runs here/);

  await page.click('a.lesson-name');
  await page.waitForSelector('#connection.good', { timeout: 30_000 });
  figures.firstContentfulPaintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  const sandbox = newSandboxProcesses(baseline, serve.child.pid!);
  assert.ok(sandbox.length >= 2, `sandbox processes: ${sandbox.length}`);

  // The hidden set-up step is folded away, and runs before the step after it.
  assert.equal(await page.locator('details.hidden-step section[data-step="setup"]').count(), 1);
  assert.equal(await page.locator('details.hidden-step').getAttribute('open'), null);
  assert.equal(await page.locator('table').count(), 1, 'the article is rendered Markdown');
  assert.equal(await runStep(page, 'hello'), 'passed');
  assert.equal(await page.getAttribute('section[data-step="setup"]', 'data-status'), 'passed');
  assert.match(await page.locator('section[data-step="hello"] .step-time').innerText(), /\d+ ms|\d\.\d s/);
  assert.match(await terminalText(page, 'main'), /hello from learn/);

  // Typing into the same shell between steps.
  await page.locator('.terminal[data-term="main"]').click();
  await page.keyboard.type('echo typed-$((6*7))\n');
  await waitForText(page, 'main', /^typed-42$/m);
  // Half a line left in the shell does not spoil the next step.
  await page.keyboard.type('echo left-half');
  assert.equal(await runStep(page, 'show-pair'), 'passed');
  assert.doesNotMatch(await terminalText(page, 'main'), /left-half.*ip -br/);

  assert.equal(await runStep(page, 'wrong'), 'differed');
  const diff = await page.locator('section[data-step="wrong"] .step-diff').innerText();
  assert.match(diff, /^-this machine says no$/m);
  assert.match(diff, /^\+this machine says yes$/m);

  assert.equal(await runStep(page, 'other'), 'passed');
  assert.equal(await page.locator('.tab.active').innerText(), 'side', 'the step\'s terminal is brought to the front');
  await waitForText(page, 'side', /^side terminal here$/m);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator('section[data-step="wrong"]').scrollIntoViewIfNeeded();
  await page.locator('.tab', { hasText: 'main' }).click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'serve-lesson.png') });

  // Latency: the server stamps each chunk when it reads it from the pty; the page when xterm.js has drawn it.
  const metrics = await page.evaluate(() => (window as unknown as { learnPage: { metrics: { latencies: number[]; paintLatencies: number[] } } }).learnPage.metrics);
  figures.outputLatencyMs = summarize(metrics.latencies);
  figures.outputToFrameMs = summarize(metrics.paintLatencies);

  // Reset: a fresh sandbox, the old one gone, every step back to "not run".
  await page.click('#reset');
  // "resetting" marks every step not run and the connection not ready at once: only then wait for ready.
  await page.waitForSelector('section[data-step="wrong"][data-status="not-run"]');
  await page.waitForSelector('#connection.good', { timeout: 30_000 });
  await eventually('the first sandbox to be gone', () => sandbox.every((pid) => !isAlive(pid)));
  assert.equal(await page.getAttribute('section[data-step="wrong"]', 'data-status'), 'not-run');
  const fresh = newSandboxProcesses(baseline, serve.child.pid!);
  assert.ok(fresh.length >= 2 && fresh.every((pid) => !sandbox.includes(pid)), `a new sandbox: ${fresh} after ${sandbox}`);
  assert.equal(await runStep(page, 'show-pair', 'run-to'), 'passed', 'run to here runs the steps before it');
  assert.equal(await page.getAttribute('section[data-step="hello"]', 'data-status'), 'passed');

  // A 20 MB flood: the page shows it, the server's memory stays bounded.
  const rssBefore = rssKb(serve.child.pid!);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssKb(serve.child.pid!))), 50);
  const floodStarted = Date.now();
  try {
    assert.equal(await runStep(page, 'flood', 'run', 180_000), 'passed');
  } finally {
    clearInterval(sampler);
  }
  figures.flood = { seconds: (Date.now() - floodStarted) / 1000, serverRssBeforeMb: rssBefore / 1024, serverRssPeakMb: rssPeak / 1024 };
  await waitForText(page, 'main', /^flood-done$/m);
  assert.ok(rssPeak - rssBefore < 64 * 1024, `server RSS grew by ${Math.round((rssPeak - rssBefore) / 1024)} MB during the flood`);

  // Closing the tab tears its sandbox down.
  await page.close();
  await eventually('the sandbox to be gone after the tab closed', () => fresh.every((pid) => !isAlive(pid)));
  // The curriculum shows how far this browser got (since the reset: set-up, hello, show-pair, flood).
  const index = await context.newPage();
  index.on('pageerror', (e) => errors.push(e.message));
  await index.goto(new URL(serve.url).origin + '/');
  assert.equal(await index.locator('li.lesson[data-slug="demo"] .progress').innerText(), '4/6 as expected');
  assert.match(await index.locator('li.lesson[data-slug="missing"]').innerText(), /cannot run here/);
  await index.close();
  assert.deepEqual(errors, []);
  process.stdout.write(`# serve figures: ${JSON.stringify(figures)}\n`);
});

test('the sandbox\'s network beside the terminals, and a task: hints, Check, the learner\'s own solution, Run solution', { skip: !available && 'no /usr/bin/chromium' }, async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(`${serve.origin}/lesson/topo?token=${serve.token}`);
  await page.waitForSelector('#connection.good', { timeout: 30_000 });

  // The set-up steps make a bridge with a veth port; the picture after them shows both.
  assert.equal(await runStep(page, 'make-bridge'), 'passed');
  assert.equal(await runStep(page, 'odd-name'), 'passed');
  const svg = await topologyWith(page, (text) => text.includes('br-demo') && text.includes('d&lt;b&gt;'));
  assert.match(svg, /^<svg /);
  assert.match(svg, /└ port0 /, 'port0 drawn as a port of the bridge');
  // A name with <, & and " is drawn as text: escaped, so the picture is well-formed and shows.
  assert.match(svg, /d&lt;b&gt;&amp;&quot;x/);
  assert.doesNotMatch(svg, /<b>/);
  assert.ok(await page.locator('#topology-picture img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the SVG picture loads');
  assert.equal(await page.locator('#topology-picture svg, #topology-picture script').count(), 0, 'the SVG is an image, not markup in the page');

  // The task: hints one at a time, the solution folded away.
  const task = page.locator('section[data-task="bridge-address"]');
  assert.equal(await task.locator('.hint-text[data-hint="1"]').isVisible(), false);
  assert.equal(await page.locator('.solution[data-solution="bridge-address"]').isVisible(), false);
  await task.locator('button.hint').click();
  assert.match(await task.locator('.hint-text[data-hint="1"]').innerText(), /ip addr add ADDRESS\/PREFIX dev DEVICE/);
  assert.equal(await task.locator('.hint-text[data-hint="2"]').isVisible(), false, 'one hint at a time');

  // Check before the learner did it: not done.
  assert.equal(await runStep(page, 'bridge-address'), 'failed');
  assert.match(await task.locator('.step-message').innerText(), /not done yet/);
  // The learner types the solution into the terminal; Check says done.
  await page.locator('.terminal[data-term="main"]').click();
  await page.keyboard.type('ip addr add 192.0.2.1/24 dev br-demo; echo added-$((40+2))\n');
  await waitForText(page, 'main', /^added-42$/m);
  assert.equal(await runStep(page, 'bridge-address'), 'passed');
  assert.equal(await task.locator('.step-status').innerText(), '✓ done');
  // Refresh draws what the learner changed.
  await page.click('#topology-refresh');
  await topologyWith(page, (text) => text.includes('192.0.2.1/24'));
  await task.locator('button.hint').click();
  assert.equal(await task.locator('.hint-text[data-hint="2"]').isVisible(), true, 'the next hint');
  mkdirSync(ARTIFACTS, { recursive: true });
  await task.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'serve-topology.png') });

  // In a fresh sandbox, Run solution runs the set-up it needs, the solution, then the check.
  await page.click('#reset');
  await page.waitForSelector('section[data-task="bridge-address"][data-status="not-run"]');
  await page.waitForSelector('#connection.good', { timeout: 30_000 });
  await task.locator('button.solve').click();
  await page.waitForFunction(() => document.querySelector('section[data-task="bridge-address"]')?.getAttribute('data-status') === 'passed', undefined, { timeout: 60_000 });
  assert.equal(await page.locator('.solution[data-solution="bridge-address"]').isVisible(), true, 'the solution is shown');
  assert.equal(await page.getAttribute('section[data-step="make-bridge"]', 'data-status'), 'passed');

  // Again, with "Run to here" on the solution's step: the check is asked after it, not before it as learn test does.
  await page.click('#reset');
  await page.waitForSelector('section[data-task="bridge-address"][data-status="not-run"]');
  await page.waitForSelector('#connection.good', { timeout: 30_000 });
  const solutionStep = (await page.locator('.solution[data-solution="bridge-address"] section.step').getAttribute('data-step'))!;
  assert.equal(await runStep(page, solutionStep, 'run-to'), 'passed');
  await page.waitForFunction(() => document.querySelector('section[data-task="bridge-address"]')?.getAttribute('data-status') === 'passed', undefined, { timeout: 30_000 });
  assert.equal(await task.locator('.step-result').isVisible(), false, 'no message: no "broken check"');
  await page.close();
  assert.deepEqual(errors, []);
});

/** The SVG text in the topology panel, once one matching `wanted` is shown. */
async function topologyWith(page: Page, wanted: (svg: string) => boolean): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const src = await page.locator('#topology-picture img').getAttribute('src', { timeout: 30_000 }).catch(() => null);
    const prefix = 'data:image/svg+xml;charset=utf-8,';
    const svg = src?.startsWith(prefix) ? decodeURIComponent(src.slice(prefix.length)) : '';
    if (wanted(svg)) return svg;
    if (Date.now() > deadline) throw new Error(`the topology panel never showed the wanted picture; it shows:\n${svg || (await page.locator('#topology').innerText())}`);
    await page.waitForTimeout(100);
  }
}

async function waitForText(page: Page, term: string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!pattern.test(await terminalText(page, term))) {
    if (Date.now() > deadline) throw new Error(`terminal ${term} never showed ${pattern}:\n${await terminalText(page, term)}`);
    await page.waitForTimeout(50);
  }
}

function summarize(values: number[]): { count: number; medianMs: number; p95Ms: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { count: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}
