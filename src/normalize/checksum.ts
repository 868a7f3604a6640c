// Checksums printed by tcpdump -v. They cover ports, ids and sequence
// numbers, so they change whenever those do. The verdict words stay:
// `cksum 0x42c7 (incorrect -> 0xe8f4)` -> `cksum [CKSUM] (incorrect -> [CKSUM])`,
// and `[udp sum ok]` is left alone.
import { defineRule, placeholder } from './rule.js';

const CKSUM = placeholder('CKSUM');

// `cksum 0x42c7`, `bad cksum 1a2b` (IP header), `bad udp cksum 0x1234`
const CKSUM_VALUE = /(?<=\bcksum )(?:0x)?[0-9a-f]+\b/g;
// the value tcpdump computed: `(incorrect -> 0xe8f4)`, ` -> 0x5678!`, `(->3c4d)!`
const COMPUTED_VALUE = /(?<=\bcksum \[CKSUM\] (?:\((?:incorrect )?)?-> ?)(?:0x)?[0-9a-f]+\b/g;

export const checksums = defineRule({
  name: 'checksum',
  description: 'checksums in tcpdump -v (cksum 0x42c7 (incorrect -> 0xe8f4)) -> [CKSUM]; correct/incorrect kept',
  placeholders: ['CKSUM'],
  apply(text) {
    if (!text.includes('cksum ')) return text;
    return text.replace(CKSUM_VALUE, CKSUM).replace(COMPUTED_VALUE, CKSUM);
  },
});
