// learn serve's doors: the token on every request and WebSocket, Host and
// Origin checks against rebinding and cross-site WebSocket hijacking, the
// loopback-only default, the cap on sandboxes, and Ctrl-C tearing down.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { eventually } from '../helpers/host-state.js';
import { isAlive, openReadyTab, openSocket, ROOTLESS_USER, rootlessUserExists, startServe, type ServeProcess } from './serve-process.js';

let serve: ServeProcess;
before(async () => {
  serve = await startServe(['--max-sandboxes', '1']);
});
after(async () => {
  await serve.stop();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: serve.port, path, headers }, (response) => {
      let body = '';
      response.on('data', (d) => (body += d));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
  });
}

/** The token with its last character changed: one character wrong (a token may end in any of them). */
function wrongToken(token: string): string {
  return token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x');
}

test('every page and asset needs the token: 403 without it or with a wrong one', async () => {
  assert.notEqual(wrongToken(serve.token), serve.token);
  assert.notEqual(wrongToken('abcx'), 'abcx');
  for (const path of ['/', '/lesson/demo', '/static/lesson.js', '/vendor/xterm.mjs', '/nothing']) {
    assert.equal((await get(path)).status, 403, path);
    assert.equal((await get(`${path}?token=${wrongToken(serve.token)}`)).status, 403, `${path} with a wrong token`);
  }
  const page = await get(`/?token=${serve.token}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Serve demo/);
  assert.equal(page.headers['access-control-allow-origin'], undefined, 'no CORS');
  const cookie = String(page.headers['set-cookie']).split(';')[0]!;
  assert.match(cookie, new RegExp(`^learn-token-${serve.port}=`));
  const withCookie = await get('/lesson/demo', { Cookie: cookie });
  assert.equal(withCookie.status, 200, 'the cookie set by the first page is the token too');
  assert.match(withCookie.body, /data-step="wrong"/);
  assert.equal((await get('/vendor/xterm.mjs', { Cookie: cookie })).status, 200, 'xterm.js is served from node_modules');
});

test('a request naming another host (DNS rebinding) is refused even with the token', async () => {
  const rebound = await get(`/?token=${serve.token}`, { Host: `attacker.example:${serve.port}` });
  assert.equal(rebound.status, 403);
  assert.equal((await get(`/?token=${serve.token}`, { Host: `localhost:${serve.port}` })).status, 200);
});

test('WebSocket upgrades: a foreign or missing Origin, or no token, is refused', async () => {
  const refused = async (options: Parameters<typeof openSocket>[2], why: string): Promise<void> => {
    const { ws, opened } = openSocket(serve, 'demo', options);
    await assert.rejects(opened, /HTTP 403/, why);
    ws.terminate();
  };
  await refused({ origin: 'http://attacker.example' }, 'foreign origin');
  await refused({ origin: `http://attacker.example:${serve.port}` }, 'foreign origin on our port');
  await refused({ origin: 'http://127.0.0.1:1' }, 'another port');
  await refused({ origin: undefined }, 'no origin');
  await refused({ token: undefined }, 'no token');
  await refused({ token: 'wrong' }, 'wrong token');
});

test('a lesson this machine cannot run: the curriculum and the lesson\'s socket say why', async () => {
  const index = await get(`/?token=${serve.token}`);
  assert.match(index.body, /Needs a missing program[\s\S]*cannot run here[\s\S]*learn-no-such-program/);
  const tab = openSocket(serve, 'missing');
  await tab.opened;
  await eventually('the tab to be told', () => tab.messages.some((m) => m.type === 'unavailable'), 30_000);
  assert.match(String(tab.messages.find((m) => m.type === 'unavailable')!.reason), /learn-no-such-program/);
  tab.ws.close();
  await eventually('the socket to close', () => tab.ws.readyState === tab.ws.CLOSED);
});

test('the server listens on the loopback address only', async () => {
  const addresses = ['127.0.0.2', ...Object.values(networkInterfaces()).flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4').map((a) => a!.address)];
  for (const address of addresses) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: address, port: serve.port });
      socket.once('connect', () => { socket.destroy(); resolve('connected'); });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    assert.equal(outcome, 'ECONNREFUSED', `${address}:${serve.port}`);
  }
});

test('a tab over the sandbox cap is told so; closing the socket tears its sandbox down', async () => {
  const { tab: first, sandbox } = await openReadyTab(serve);
  assert.ok(sandbox.length >= 2, `sandbox processes: ${sandbox.length}`);
  const second = openSocket(serve, 'demo');
  await second.opened;
  await eventually('the second tab to be refused', () => second.messages.some((m) => m.type === 'unavailable'));
  assert.match(String(second.messages.find((m) => m.type === 'unavailable')!.reason), /--max-sandboxes/);
  second.ws.close();
  first.ws.close();
  await eventually('the sandbox to be gone', () => sandbox.every((pid) => !isAlive(pid)));
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
  test(`${signal} to learn serve with a lesson open leaves no sandbox behind`, async () => {
    const own = await startServe();
    try {
      const { sandbox } = await openReadyTab(own);
      assert.ok(sandbox.length >= 2, `sandbox processes: ${sandbox.length}`);
      const exited = new Promise<string | number | null>((resolve) => own.child.once('exit', (code, sig) => resolve(sig ?? code)));
      own.child.kill(signal);
      assert.equal(await exited, { SIGINT: 130, SIGTERM: 143, SIGKILL: 'SIGKILL' }[signal], own.output());
      await eventually('the sandbox to be gone', () => sandbox.every((pid) => !isAlive(pid)));
    } finally {
      await own.stop();
    }
  });
}

test('rootless: learn serve run by an ordinary user runs a lesson in its sandbox', { skip: !rootlessUserExists() && `no user ${ROOTLESS_USER} (.ci/run creates it)` }, async () => {
  const own = await startServe([], { asUser: ROOTLESS_USER });
  try {
    const { tab, sandbox } = await openReadyTab(own);
    tab.ws.send(JSON.stringify({ type: 'runTo', step: 'show-pair' }));
    await eventually('the step to settle', () => tab.messages.some((m) => m.type === 'step' && m.step === 'show-pair' && m.status !== 'running'), 30_000);
    const results = tab.messages.filter((m) => m.type === 'step' && m.status !== 'running').map((m) => `${m.step}:${m.status}`);
    assert.deepEqual(results, ['setup:passed', 'hello:passed', 'show-pair:passed']);
    tab.ws.close();
    await eventually('the sandbox to be gone', () => sandbox.length > 0 && sandbox.every((pid) => !isAlive(pid)));
  } finally {
    await own.stop();
  }
});

test('--host widens the server with a warning; names are still refused', async () => {
  const external = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;
  const wide = await startServe(['--host', '0.0.0.0']);
  try {
    assert.match(wide.output(), /warning: listening on 0\.0\.0\.0, not only on this machine/);
    if (external) {
      const status = await new Promise<number>((resolve, reject) => {
        http.get({ host: external, port: wide.port, path: `/?token=${wide.token}` }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        }).on('error', reject);
      });
      assert.equal(status, 200, `reachable on ${external} when asked`);
    }
    const named = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: wide.port, path: `/?token=${wide.token}`, headers: { Host: `attacker.example:${wide.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject);
    });
    assert.equal(named, 403);
  } finally {
    await wide.stop();
  }
});
