// Flow control: a page that stops acknowledging output (its terminal has
// not drawn it) pauses the pty, so a 20 MB flood waits instead of piling up
// in the server; once the page catches up, the flood runs to its end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, processesOutsideOurNamespace } from '../helpers/host-state.js';
import { HIGH_WATER_CHARS } from '../../src/serve/flow.js';
import { isAlive, newSandboxProcesses, openReadyTab, rssKb, startServe } from './serve-process.js';

test('a page that does not keep up pauses the flood; the server sends no more than the window', async () => {
  const serve = await startServe();
  try {
    const { tab } = await openReadyTab(serve);
    const received = (): number => tab.messages.filter((m) => m.type === 'output' && m.term === 'main').reduce((n, m) => n + String(m.data).length, 0);
    const rssBefore = rssKb(serve.child.pid!);
    tab.ws.send(JSON.stringify({ type: 'run', step: 'flood' }));
    await eventually('the flood to start', () => received() > HIGH_WATER_CHARS);
    // Wait until nothing more comes for a while: the pty is paused.
    let last = -1;
    await eventually('the output to stop growing', () => {
      const now = received();
      const still = now === last;
      last = now;
      return still;
    }, 30_000);
    const sent = received();
    assert.ok(sent < HIGH_WATER_CHARS + 1024 * 1024, `sent ${sent} characters without acknowledgement`);
    assert.ok(!tab.messages.some((m) => m.type === 'step' && m.step === 'flood' && m.status !== 'running'), 'the flood has not finished');
    const rssPaused = rssKb(serve.child.pid!);
    // Catch up: acknowledge everything, as the page does after drawing it.
    let acked = 0;
    const ackAll = setInterval(() => {
      const now = received();
      if (now > acked) tab.ws.send(JSON.stringify({ type: 'ack', term: 'main', chars: now - acked }));
      acked = now;
    }, 10);
    try {
      await eventually('the flood to finish', () => tab.messages.some((m) => m.type === 'step' && m.step === 'flood' && m.status === 'passed'), 150_000);
    } finally {
      clearInterval(ackAll);
    }
    assert.ok(received() > 20_000_000, `the whole flood arrived (${received()} characters)`);
    process.stdout.write(`# backpressure: ${sent} characters sent before the pause; server RSS ${Math.round(rssBefore / 1024)} MB before, ${Math.round(rssPaused / 1024)} MB while paused\n`);
    tab.ws.close();
  } finally {
    await serve.stop();
  }
});

test('reset while a step runs ends it at once: a fresh sandbox, the old one gone', async () => {
  const serve = await startServe();
  try {
    const baseline = new Set(processesOutsideOurNamespace('net'));
    const { tab, sandbox: first } = await openReadyTab(serve);
    // A flood never acknowledged: the step waits on the page, for as long as its 120 s timeout.
    tab.ws.send(JSON.stringify({ type: 'run', step: 'flood' }));
    await eventually('the flood to start', () => tab.messages.some((m) => m.type === 'output' && String(m.data).includes('xxxx')));
    const readyBefore = tab.messages.filter((m) => m.type === 'ready').length;
    tab.ws.send(JSON.stringify({ type: 'reset' }));
    await eventually('a fresh sandbox', () => tab.messages.filter((m) => m.type === 'ready').length > readyBefore, 30_000);
    await eventually('the old sandbox to be gone', () => first.every((pid) => !isAlive(pid)));
    assert.ok(!tab.messages.some((m) => m.type === 'error'), JSON.stringify(tab.messages.filter((m) => m.type === 'error')));
    const fresh = newSandboxProcesses(baseline, serve.child.pid!);
    assert.ok(fresh.length >= 2 && fresh.every((pid) => !first.includes(pid)), 'a new sandbox');
    tab.ws.close();
  } finally {
    await serve.stop();
  }
});
