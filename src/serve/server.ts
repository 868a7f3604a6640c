// `learn serve`'s one process: Node's http server for the pages and assets,
// and a WebSocket endpoint (ws) where each connection is one tab's session.
// Every request is checked first (security.ts): Host, token, and for
// WebSockets the Origin. Listens on 127.0.0.1 unless told otherwise.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadLesson } from '../lesson/load.js';
import { formatDiagnostic } from '../lesson/types.js';
import type { LessonRun, LessonRunOptions } from '../run/lesson-run.js';
import type { Privilege } from '../sandbox/privilege.js';
import { buildCatalog, type Catalog } from '../study/catalog.js';
import { assetFile, readAsset } from './assets.js';
import { escapeHtml } from './html.js';
import { indexPage } from './index-page.js';
import { lessonPage } from './lesson-page.js';
import { parseClientMessage, type ServerMessage } from './protocol.js';
import { hostAllowed, newToken, originAllowed, requestToken, securityHeaders, tokenCookie, tokenMatches, type Guard } from './security.js';
import { ServeSession } from './session.js';
import { captured } from '../text/captured.js';

export interface ServeOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Lesson files, in curriculum order. */
  lessons: string[];
  /** Folder mounted in the probe sandbox of the curriculum page. */
  lessonsDir: string;
  privilege: Privilege;
  runOptions: Omit<LessonRunOptions, 'events'>;
  /** Lessons open at once (each has a sandbox); more tabs are asked to close one. */
  maxSandboxes: number;
  registerRun(run: LessonRun, open: boolean): void;
  /** A fixed token (tests); random otherwise. */
  token?: string;
}

export interface LearnServer {
  /** The address to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Sessions with a tab attached now. */
  sessionCount(): number;
  /** Host pids of the sandboxes' PID 1 (tests check they go away). */
  sandboxPids(): number[];
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 64 * 1024;

/** Unique URL names for the lessons: the file name, numbered when two share it. */
export function lessonSlugs(files: readonly string[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const file of files) {
    const base = path.basename(file, '.md').replace(/[^A-Za-z0-9._-]/g, '-');
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    slugs.set(slug, file);
  }
  return slugs;
}

export async function startServer(options: ServeOptions): Promise<LearnServer> {
  const token = options.token ?? newToken();
  const slugs = lessonSlugs(options.lessons);
  const slugOf = new Map([...slugs].map(([slug, file]) => [file, slug]));
  const sessions = new Set<ServeSession>();
  let catalog: Promise<Catalog> | undefined;
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const guard: Guard = { token, port: 0, host: options.host };

  const refuse = (response: ServerResponse, status: number, text: string): void => {
    response.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${text}\n`);
  };

  const html = (response: ServerResponse, status: number, body: string, setCookie: boolean): void => {
    response.writeHead(status, {
      ...securityHeaders(),
      'Content-Type': 'text/html; charset=utf-8',
      ...(setCookie ? { 'Set-Cookie': tokenCookie(guard) } : {}),
    });
    response.end(body);
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (!hostAllowed(request.headers.host, guard)) return refuse(response, 403, 'forbidden: this server answers to its own address only');
      const given = requestToken(request, url, guard.port);
      if (!tokenMatches(given, token)) return refuse(response, 403, 'forbidden: open the address `learn serve` printed (it carries the token)');
      if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method not allowed');
      const fromQuery = url.searchParams.has('token');
      if (url.pathname === '/') {
        catalog ??= buildCatalog(options.lessons, options.privilege, options.lessonsDir).catch((error: Error) => {
          catalog = undefined;
          throw error;
        });
        return html(response, 200, indexPage(await catalog, (file) => slugOf.get(file) ?? ''), fromQuery);
      }
      const lessonMatch = /^\/lesson\/([^/]+)$/.exec(url.pathname);
      if (lessonMatch) {
        const slug = decodeURIComponent(captured(lessonMatch, 1));
        const file = slugs.get(slug);
        if (!file) return refuse(response, 404, 'no such lesson');
        const parsed = await loadLesson(file);
        if (!parsed.ok) {
          return html(response, 422, `<!doctype html><meta charset="utf-8"><title>invalid lesson</title><pre>${escapeHtml(`${file} is not a valid lesson:\n${parsed.errors.map(formatDiagnostic).join('\n')}`)}</pre>`, fromQuery);
        }
        return html(response, 200, lessonPage(parsed.lesson, slug), fromQuery);
      }
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204, securityHeaders());
        return response.end();
      }
      const file = assetFile(url.pathname);
      const asset = file ? await readAsset(file) : undefined;
      if (!asset) return refuse(response, 404, 'not found');
      response.writeHead(200, { ...securityHeaders(), 'Content-Type': asset.type, 'Content-Length': asset.body.length });
      response.end(request.method === 'HEAD' ? undefined : asset.body);
    })().catch((error: Error) => {
      if (!response.headersSent) refuse(response, 500, `internal error: ${error.message}`);
      else response.destroy();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const allowed = url.pathname === '/ws'
      && hostAllowed(request.headers.host, guard)
      && originAllowed(request.headers.origin, guard)
      && tokenMatches(requestToken(request, url, guard.port), token);
    const file = slugs.get(url.searchParams.get('lesson') ?? '');
    if (!allowed || !file) {
      socket.end(`HTTP/1.1 ${allowed ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws, file));
  });

  function attach(ws: WebSocket, lessonFile: string): void {
    const send = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    if (sessions.size >= options.maxSandboxes) {
      send({ type: 'unavailable', reason: `${sessions.size} lessons are open already, the most this server runs at once (--max-sandboxes); close one of their tabs and reload this page` });
      ws.close(1013, 'too many lessons open');
      return;
    }
    const session = new ServeSession({
      lessonFile,
      runOptions: options.runOptions,
      send,
      socketBuffered: () => ws.bufferedAmount,
      registerRun: options.registerRun,
    });
    sessions.add(session);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send({ type: 'error', message: 'binary messages are not understood' });
      const message = parseClientMessage(data.toString());
      if (typeof message === 'string') return send({ type: 'error', message });
      session.handle(message);
    });
    ws.on('close', () => {
      sessions.delete(session);
      void session.close();
    });
    void session.start();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  guard.port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${shownHost}:${guard.port}/?token=${token}`,
    port: guard.port,
    token,
    sessionCount: () => sessions.size,
    sandboxPids: () => [...sessions].map((s) => s.sandboxPid).filter((p): p is number => p !== undefined),
    async close() {
      for (const client of wss.clients) client.terminate();
      await Promise.allSettled([...sessions].map((s) => s.close()));
      sessions.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
