// The files the page is made of: our own assets (src/serve/page/, read from
// the source tree, which ships in the package) and xterm.js, served from the
// installed @xterm/xterm package (found at run time, never copied or fetched).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { captured } from '../text/captured.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** build/src/serve/assets.js and src/serve/assets.ts both find src/serve/page/. */
function pageDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.basename(path.resolve(here, '../..')) === 'build' ? path.resolve(here, '../../..') : path.resolve(here, '../..');
  return path.join(root, 'src', 'serve', 'page');
}

function xtermDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('@xterm/xterm/package.json'));
}

/** URL path -> file, for the few files the page uses; anything else is unknown. */
export function assetFile(urlPath: string): string | undefined {
  const page = /^\/static\/([a-z0-9-]+\.(?:js|css|svg))$/.exec(urlPath);
  if (page) return path.join(pageDir(), captured(page, 1));
  if (urlPath === '/vendor/xterm.mjs') return path.join(xtermDir(), 'lib', 'xterm.mjs');
  if (urlPath === '/vendor/xterm.css') return path.join(xtermDir(), 'css', 'xterm.css');
  return undefined;
}

export interface Asset {
  body: Buffer;
  type: string;
}

const cache = new Map<string, Asset>();

/** The file's bytes (kept after the first read: the files do not change while serving). */
export async function readAsset(file: string): Promise<Asset | undefined> {
  const cached = cache.get(file);
  if (cached) return cached;
  try {
    const asset = { body: await readFile(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
    cache.set(file, asset);
    return asset;
  } catch {
    return undefined;
  }
}
