// IPv6 interface identifiers derived from a MAC (modified EUI-64, the kernel
// default `addrgenmode eui64`): `fe80::2cda:f4ff:fea5:70e/64` becomes
// `fe80::[EUI64]/64`. The prefix and prefix length stay, so a changed prefix
// still shows; hand-written addresses like `fe80::1` are untouched.
import { defineRule, placeholder } from './rule.js';

const EUI64 = placeholder('EUI64');

// The last four groups: [g1:]xxff:fexx:g4, where g1 may be compressed into
// the `::` before it and a zero byte before `ff` is not printed.
const EUI64_IDENTIFIER = /(?<=:)(?:[0-9a-f]{1,4}:)?[0-9a-f]{0,2}ff:fe[0-9a-f]{2}:[0-9a-f]{1,4}(?![0-9a-f:])/g;

export const ipv6Eui64 = defineRule({
  name: 'ipv6-eui64',
  description: 'MAC-derived IPv6 interface identifiers (fe80::2cda:f4ff:fea5:70e) -> fe80::[EUI64]',
  placeholders: ['EUI64'],
  apply(text) {
    if (!text.includes('ff:fe')) return text;
    return text.replace(EUI64_IDENTIFIER, EUI64);
  },
});
