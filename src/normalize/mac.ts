// MAC addresses. Kernel-made MACs (veth, bridge, tun, vxlan) are random per
// run; multicast and broadcast MACs (ff:ff:ff:ff:ff:ff, 01:00:5e:..,
// 33:33:..) and 00:00:00:00:00:00 are fixed and meaningful, so they stay.
import { defineRule, placeholder } from './rule.js';

const MAC = placeholder('MAC');

// Six octets of one or two hex digits (`ip -d link` prints bridge ids as
// `8000.2e:da:f4:a5:7:e`), not glued to more hex or colons (IPv6, times).
const MAC_ADDRESS = /(?<![0-9A-Fa-f:])[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}(?![0-9A-Fa-f:])/g;

/** True for a MAC that is the same on every run: group/broadcast bit set, or all zero. */
export function isFixedMac(mac: string): boolean {
  const octets = mac.split(':').map((octet) => parseInt(octet, 16));
  const groupBit = (octets[0] ?? 0) & 1;
  return groupBit === 1 || octets.every((octet) => octet === 0);
}

export const macAddresses = defineRule({
  name: 'mac-address',
  description: 'unicast MAC addresses -> [MAC] (multicast, broadcast and all-zero MACs are kept)',
  placeholders: ['MAC'],
  apply(text) {
    if (!text.includes(':')) return text;
    return text.replace(MAC_ADDRESS, (mac) => (isFixedMac(mac) ? mac : MAC));
  },
});
