// `node build/bench/serve.js`: learn serve in headless chromium, measured.
// Page load to first contentful paint of a lesson, step output latency (the
// server reading it from the pty -> xterm.js in the page having parsed it,
// and -> the next frame after that), and the server's RSS during a 20 MB
// flood shown in the page. Figures are printed, never asserted.
//
//   node build/bench/serve.js [--reps N] [--json]
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LESSONS = path.join(ROOT, 'test', 'fixtures', 'serve', 'lessons');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 10) / 10;
}

async function settled(page: Page, step: string, timeout = 180_000): Promise<void> {
  await page.waitForFunction((n) => ['passed', 'differed', 'failed', 'skipped'].includes(document.querySelector(`section.step[data-step="${n}"]`)?.getAttribute('data-status') ?? ''), step, { timeout });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reps: { type: 'string' }, json: { type: 'boolean' } } });
  const reps = Number(values.reps ?? 9);
  const server = spawn(process.execPath, [path.join(ROOT, 'bin/learn.js'), 'serve', LESSONS], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CI: '' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d) => {
      out += d;
      const match = /http:\/\/\S+\?token=\S+/.exec(out);
      if (match) resolve(match[0]);
    });
    server.on('exit', () => reject(new Error(`learn serve exited:\n${out}`)));
  });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'learn-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1440, height: 900 }, args: ARGS });
  const paints: number[] = [];
  const parsed: number[] = [];
  const framed: number[] = [];
  try {
    const first = await context.newPage();
    await first.goto(url);
    await first.close();
    for (let rep = 0; rep < reps; rep++) {
      const page = await context.newPage();
      await page.goto(`${new URL(url).origin}/lesson/demo`);
      paints.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
      await page.waitForSelector('#connection.good', { timeout: 30_000 });
      // Only the chunks of the steps, not the terminals' first prompts.
      await page.evaluate(() => {
        const m = (window as unknown as { learnPage: { metrics: { latencies: number[]; paintLatencies: number[] } } }).learnPage.metrics;
        m.latencies.length = 0;
        m.paintLatencies.length = 0;
      });
      await page.click('section.step[data-step="show-pair"] button.run-to');
      await settled(page, 'show-pair');
      await page.waitForTimeout(100);
      const m = await page.evaluate(() => (window as unknown as { learnPage: { metrics: { latencies: number[]; paintLatencies: number[] } } }).learnPage.metrics);
      parsed.push(...m.latencies);
      framed.push(...m.paintLatencies);
      await page.close();
    }
    const page = await context.newPage();
    await page.goto(`${new URL(url).origin}/lesson/demo`);
    await page.waitForSelector('#connection.good', { timeout: 30_000 });
    const before = rssMb(server.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 20);
    const started = performance.now();
    await page.click('section.step[data-step="flood"] button.run');
    await settled(page, 'flood');
    clearInterval(sampler);
    const flood = { seconds: Math.round((performance.now() - started) / 100) / 10, rssBeforeMb: Math.round(before), rssPeakMb: Math.round(peak) };
    await page.close();
    const report = {
      reps,
      firstContentfulPaintMs: { median: quantile(paints, 0.5), max: quantile(paints, 1), target: 300 },
      outputToParsedMs: { chunks: parsed.length, median: quantile(parsed, 0.5), p95: quantile(parsed, 0.95), max: quantile(parsed, 1), target: 50 },
      outputToFrameMs: { chunks: framed.length, median: quantile(framed, 0.5), p95: quantile(framed, 0.95), max: quantile(framed, 1) },
      flood20MB: flood,
      load: os.loadavg()[0] ?? 0,
    };
    if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else {
      process.stdout.write(`learn serve in headless chromium, ${reps} page loads of test/fixtures/serve/lessons/demo.md (load average ${report.load.toFixed(2)})\n`);
      process.stdout.write(`first contentful paint      median ${report.firstContentfulPaintMs.median} ms, max ${report.firstContentfulPaintMs.max} ms (target < 300 ms)\n`);
      process.stdout.write(`pty -> xterm.js parsed      median ${report.outputToParsedMs.median} ms, p95 ${report.outputToParsedMs.p95} ms, max ${report.outputToParsedMs.max} ms over ${parsed.length} chunks (target < 50 ms)\n`);
      process.stdout.write(`pty -> next frame drawn     median ${report.outputToFrameMs.median} ms, p95 ${report.outputToFrameMs.p95} ms, max ${report.outputToFrameMs.max} ms\n`);
      process.stdout.write(`20 MB flood in the page     ${flood.seconds} s; server RSS ${flood.rssBeforeMb} MB before, ${flood.rssPeakMb} MB at most\n`);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.kill('SIGINT');
  }
}

await main();
