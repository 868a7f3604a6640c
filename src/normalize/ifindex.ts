// Interface indexes printed by iproute2: the `9: ` before an interface name
// at line start (`ip link`, `ip addr`, `ip -o`, `bridge link`, `ip monitor`),
// the peer index in `veth1@if4`, and `"ifindex":9` in `ip -j`. The names
// around them stay. `ip rule` priorities (`32766:<tab>from ...`) do not match:
// there a tab follows the colon.
import { defineRule, placeholder } from './rule.js';

const IFINDEX = placeholder('IFINDEX');

// `3: veth1@veth0: <BROADCAST,...>`, `1: lo    inet 127.0.0.1/8 ...` (ip -o),
// `Deleted 3: veth1@veth0: ...` (ip monitor)
const LEADING_INDEX = /(?<=^(?:Deleted )?)\d+(?=: [\w.-]+(?:@[\w.-]+)?(?:: <| +(?:inet6?|link\/)))/gm;
// `veth1@if4` (peer in another namespace): `if` right after `@`, with the
// padding after it when it is a column of `ip -br` (two or more spaces)
const PEER_INDEX = /(?<=[\w.-]@if)(\d+)\b( {2,})?/g;
// Keep a column's width, so `ip -br` tables stay aligned and the result does
// not depend on how many digits the index had.
const peerIndex = (_match: string, digits: string, padding: string | undefined): string =>
  padding === undefined ? IFINDEX : IFINDEX + ' '.repeat(Math.max(1, digits.length + padding.length - IFINDEX.length));
// JSON output of `ip -j`
const JSON_INDEX = /(?<="(?:ifindex|link_index)":\s?)\d+/g;

export const interfaceIndexes = defineRule({
  name: 'interface-index',
  description: 'interface indexes in ip/bridge output (9: veth1@veth0:, veth1@if4, "ifindex":9) -> [IFINDEX]',
  placeholders: ['IFINDEX'],
  apply(text) {
    let out = text;
    if (out.includes(': ')) out = out.replace(LEADING_INDEX, IFINDEX);
    if (out.includes('@if')) out = out.replace(PEER_INDEX, peerIndex);
    if (out.includes('index"')) out = out.replace(JSON_INDEX, IFINDEX);
    return out;
  },
});
