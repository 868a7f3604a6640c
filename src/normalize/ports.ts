// Ephemeral ports: the kernel picks them from net.ipv4.ip_local_port_range
// (32768-60999 by default) for every outgoing connection. Only numbers in
// that range, in a place where a port is printed, change; well-known and
// configured ports (22, 53, 80, 4789, 8080, ...) stay.
import { defineRule, placeholder } from './rule.js';

const PORT = placeholder('PORT');

export const EPHEMERAL_PORT_MIN = 32768;
export const EPHEMERAL_PORT_MAX = 60999;

export function isEphemeralPort(digits: string): boolean {
  const port = Number(digits);
  return port >= EPHEMERAL_PORT_MIN && port <= EPHEMERAL_PORT_MAX;
}

// How far back to look for the address a port belongs to.
const LOOKBACK = 64;

// tcpdump `10.1.0.1.58956 > ...`, `::1.43408:`, `fe80::[EUI64].43408`
const DOTTED_PORT = /\.(\d{5})(?=[ :,)]|$)/gm;
const DOTTED_ADDRESS_BEFORE = /(?:^|[\s(,])(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]*:[0-9a-f:]*(?:\[EUI64\])?)$/;
// ss, nc, curl `127.0.0.1:45678`, `[::1]:45678`, `*:45678`, `127.0.0.53%lo:45678`
const COLON_PORT = /:(\d{5})(?![\w.:])/g;
const COLON_ADDRESS_BEFORE = /(?:(?:\d{1,3}\.){3}\d{1,3}(?:%[\w.-]+)?|\]|\*)$/;
// tshark `58938 → 8080 [SYN]`
const ARROW_PORTS = /(?<![\w.:])(\d{1,5}) (→|->) (\d{1,5})(?![\w.:])/g;
// nc: `Connection received on 127.0.0.1 43408`, `Connection from 127.0.0.1 43408 received!`
const NC_PEER_PORT = /(?<=\bConnection (?:received on|from) \S+ )(\d{5})\b/g;

function portAfter(addressBefore: RegExp) {
  return (match: string, digits: string, offset: number, whole: string): string => {
    if (!isEphemeralPort(digits)) return match;
    const before = whole.slice(Math.max(0, offset - LOOKBACK), offset);
    return addressBefore.test(before) ? match.slice(0, 1) + PORT : match;
  };
}

function ephemeral(digits: string): string {
  return isEphemeralPort(digits) ? PORT : digits;
}

export const ephemeralPorts = defineRule({
  name: 'ephemeral-port',
  description: `ephemeral ports (${EPHEMERAL_PORT_MIN}-${EPHEMERAL_PORT_MAX}) after an address (10.1.0.1.58956, 127.0.0.1:45678) -> [PORT]`,
  placeholders: ['PORT'],
  apply(text) {
    let out = text;
    if (out.includes('.')) out = out.replace(DOTTED_PORT, portAfter(DOTTED_ADDRESS_BEFORE));
    if (out.includes(':')) out = out.replace(COLON_PORT, portAfter(COLON_ADDRESS_BEFORE));
    if (out.includes('→') || out.includes('->')) {
      out = out.replace(ARROW_PORTS, (_m, from: string, arrow: string, to: string) => `${ephemeral(from)} ${arrow} ${ephemeral(to)}`);
    }
    if (out.includes('Connection ')) out = out.replace(NC_PEER_PORT, ephemeral);
    return out;
  },
});
