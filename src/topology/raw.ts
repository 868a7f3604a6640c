// The collector's raw text (collect.ts) split back into its parts: the
// namespace lists and, per namespace, the JSON of each command. Pure; a bad
// recording gives an error naming the line.
import { SECTION } from './collect.js';
import { captured } from '../text/captured.js';

export interface RawNamespace {
  kind: 'self' | 'named' | 'process';
  inode: string;
  /** The name under /run/netns, for a named namespace. */
  name?: string;
  /** The lowest pid holding it, for one only processes hold. */
  pid?: number;
  links: unknown[];
  routes4: unknown[];
  routes6: unknown[];
  nsids: Array<{ nsid: number; name?: string }>;
  forward: boolean;
  fdb: unknown[];
  nft: unknown;
  iptables: string;
}

export interface RawSnapshot {
  selfInode: string;
  /** inode of every process's network namespace, by pid. */
  processes: Array<{ pid: number; inode: string; comm: string }>;
  /** Processes with a TUN/TAP file open: the interface name they attached to. */
  tunFds: Array<{ pid: number; iface: string }>;
  namespaces: RawNamespace[];
}

export class RawFormatError extends Error {}

export function parseRaw(text: string, source = 'topology'): RawSnapshot {
  const lines = text.split('\n');
  const sections: Array<{ head: string; line: number; body: string[] }> = [];
  for (const [i, line] of lines.entries()) {
    const current = sections[sections.length - 1];
    if (line.startsWith(SECTION)) sections.push({ head: line.slice(SECTION.length), line: i + 1, body: [] });
    else if (current) current.body.push(line);
    else if (line.trim() !== '') throw new RawFormatError(`${source}:${i + 1}: text before the first section`);
  }
  const get = (name: string): (typeof sections)[number] | undefined => sections.find((s) => s.head.split(' ')[0] === name);
  const self = get('self');
  if (!self || !get('done')) throw new RawFormatError(`${source}: not a complete topology recording (no @@self or @@done)`);
  const comms = new Map<number, string>();
  for (const line of get('comms')?.body ?? []) {
    const m = /^\/proc\/(\d+)\/comm:(.*)$/.exec(line);
    if (m) comms.set(Number(m[1]), captured(m, 2));
  }
  const processes = (get('procs')?.body ?? []).flatMap((line) => {
    const m = /^(\d+) \/proc\/(\d+)\/ns\/net$/.exec(line);
    return m ? [{ pid: Number(m[2]), inode: captured(m, 1), comm: comms.get(Number(m[2])) ?? '?' }] : [];
  });
  const tunFds = (get('tunfds')?.body ?? []).flatMap((line) => {
    const m = /^\/proc\/(\d+)\/fdinfo\/\d+:iff:\s*(\S+)/.exec(line);
    return m ? [{ pid: Number(m[1]), iface: captured(m, 2) }] : [];
  });
  const namespaces: RawNamespace[] = [];
  let current: RawNamespace | undefined;
  for (const section of sections) {
    const [name, ...args] = section.head.split(' ');
    const body = section.body.join('\n').trim();
    const json = <T>(fallback: T): T => {
      if (body === '') return fallback;
      try {
        return JSON.parse(body) as T;
      } catch (error) {
        throw new RawFormatError(`${source}:${section.line + 1}: bad JSON in section ${name}: ${(error as Error).message}`);
      }
    };
    if (name === 'ns') {
      const [kind, inode, extra] = args;
      if ((kind !== 'self' && kind !== 'named' && kind !== 'process') || !inode) throw new RawFormatError(`${source}:${section.line}: bad namespace line "${section.head}"`);
      current = {
        kind, inode, links: [], routes4: [], routes6: [], nsids: [], forward: false, fdb: [], nft: {}, iptables: '',
        ...(kind === 'named' ? { name: extra } : {}),
        ...(kind === 'process' ? { pid: Number(extra) } : {}),
      };
      namespaces.push(current);
      continue;
    }
    if (!current || name === 'end' || name === 'done') {
      current = name === 'end' || name === 'done' ? undefined : current;
      continue;
    }
    switch (name) {
      case 'links': current.links = json([]); break;
      case 'routes4': current.routes4 = json([]); break;
      case 'routes6': current.routes6 = json([]); break;
      case 'nsids': current.nsids = json([]); break;
      case 'forward': current.forward = body === '1'; break;
      case 'fdb': current.fdb = json([]); break;
      case 'nft': current.nft = json({}); break;
      case 'iptables': current.iptables = body; break;
      default: break;
    }
  }
  return { selfInode: self.head.split(' ')[1] ?? '', processes, tunFds, namespaces };
}
