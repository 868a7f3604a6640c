// Who may talk to `learn serve`: a random token on every request and
// WebSocket, and Host and Origin headers that name this server (a page on
// another site must not drive the learner's sandboxes: DNS rebinding and
// cross-site WebSocket hijacking). Pure functions of the request's headers.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { captured } from '../text/captured.js';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface Guard {
  token: string;
  port: number;
  /** The address the server listens on (127.0.0.1 unless --host). */
  host: string;
}

/** Cookies are not kept apart by port: the name carries it, so two servers do not clobber each other. */
export function cookieName(port: number): string {
  return `learn-token-${port}`;
}

export function tokenCookie(guard: Guard): string {
  return `${cookieName(guard.port)}=${guard.token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The token of a request: `?token=` or the cookie set by an earlier page. */
export function requestToken(request: IncomingMessage, url: URL, port: number): string | undefined {
  const query = url.searchParams.get('token');
  if (query) return query;
  const cookies = request.headers.cookie ?? '';
  const name = cookieName(port);
  for (const part of cookies.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Host names this server answers to: loopback names, and the --host address. */
function allowedHostNames(guard: Guard): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (guard.host !== '0.0.0.0' && guard.host !== '::') names.add(guard.host.includes(':') ? `[${guard.host}]` : guard.host);
  return names;
}

/**
 * A Host header naming this server. A rebinding attack reaches 127.0.0.1
 * under the attacker's own name, and that name is in its Host header.
 * With --host 0.0.0.0 any address of the machine is accepted, names are not.
 */
export function hostAllowed(hostHeader: string | undefined, guard: Guard): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
  if (!match || Number(match[2] ?? 80) !== guard.port) return false;
  const name = captured(match, 1).toLowerCase();
  if (allowedHostNames(guard).has(name)) return true;
  const wide = guard.host === '0.0.0.0' || guard.host === '::';
  return wide && (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.startsWith('['));
}

/** A WebSocket upgrade must come from a page of this server: its Origin is http://HOST:PORT. */
export function originAllowed(originHeader: string | undefined, guard: Guard): boolean {
  if (!originHeader) return false;
  let origin: URL;
  try {
    origin = new URL(originHeader);
  } catch {
    return false;
  }
  if (origin.protocol !== 'http:' || origin.pathname !== '/' || originHeader.endsWith('/')) return false;
  return hostAllowed(`${origin.hostname}:${origin.port || 80}`, guard);
}

/** Headers of every answer: no CORS, no framing, no referrer (the token is in the address). */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
