// Per-run identifiers in packet dumps: the ICMP echo identifier (ping's
// socket port or pid), the IPv4 header id and IPv6 flow label (tcpdump -v),
// and DNS transaction ids. The echo sequence number next to the id is
// meaningful and stays; so does `vxlan id 42` in `ip -d link` (a VNI).
import { defineRule, placeholder } from './rule.js';

const ID = placeholder('ID');
const FLOWLABEL = placeholder('FLOWLABEL');

// tcpdump: `ICMP echo request, id 38, seq 1`, `ICMP6, echo reply, id 5824, seq 1`
const TCPDUMP_ECHO_ID = /(?<=\becho (?:request|reply), id )\d+\b/g;
// tshark: `Echo (ping) request  id=0x167f, seq=1/256`
const TSHARK_ECHO_ID = /(?<=\bEcho \(ping\) (?:request|reply) +id=)0x[0-9a-f]+\b/g;
// tcpdump -v IPv4 header: `(tos 0x0, ttl 64, id 17209, offset 0, flags [DF], ...)`
const IP_HEADER_ID = /(?<=, id )\d+(?=, offset \d)/g;
// tcpdump -v IPv6 header: `IP6 (flowlabel 0xc53f4, hlim 64, ...)`
const FLOW_LABEL = /(?<=\bflowlabel )0x[0-9a-f]+\b/g;
// tcpdump DNS: `.53: 4242+ A? example.com. (29)`, `: 4242 1/0/0 A 10.0.0.3 (45)`,
// `: [udp sum ok] 4242* NXDomain 0/1/0 (97)` (flags after the id: + * - | $ %)
const TCPDUMP_DNS_ID = /(?<=: (?:\[[\w ]+\] )?)\d{1,5}(?=[+*%$|-]* (?:\[\w+\] )?(?:[A-Z0-9]{1,10}\? |\d+\/\d+\/\d+ |NXDomain |ServFail |Refused |FormErr ))/g;
// dig: `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242`
const DIG_ID = /(?<=->>HEADER<<- opcode: \w+, status: \w+, id: )\d+\b/g;

export const icmpEchoIds = defineRule({
  name: 'icmp-echo-id',
  description: 'ICMP echo identifiers (echo request, id 38; id=0x0026) -> [ID]; seq is kept',
  placeholders: ['ID'],
  apply(text) {
    let out = text;
    if (out.includes('echo ')) out = out.replace(TCPDUMP_ECHO_ID, ID);
    if (out.includes('Echo (ping)')) out = out.replace(TSHARK_ECHO_ID, ID);
    return out;
  },
});

export const ipHeaderIds = defineRule({
  name: 'ip-header-id',
  description: 'IPv4 header id and IPv6 flow label in tcpdump -v (id 17209, flowlabel 0xc53f4) -> [ID], [FLOWLABEL]',
  placeholders: ['ID', 'FLOWLABEL'],
  apply(text) {
    let out = text;
    if (out.includes(', offset ')) out = out.replace(IP_HEADER_ID, ID);
    if (out.includes('flowlabel ')) out = out.replace(FLOW_LABEL, FLOWLABEL);
    return out;
  },
});

export const dnsIds = defineRule({
  name: 'dns-id',
  description: 'DNS transaction ids in tcpdump and dig output (4242+ A? ...) -> [ID]',
  placeholders: ['ID'],
  apply(text) {
    let out = text;
    if (out.includes('? ') || out.includes('/')) out = out.replace(TCPDUMP_DNS_ID, ID);
    if (out.includes('->>HEADER<<-')) out = out.replace(DIG_ID, ID);
    return out;
  },
});
