// TCP header fields that change run to run, in tcpdump and tshark output:
// sequence and acknowledgement numbers, the advertised window, and TCP
// timestamps. tcpdump's TCP fields sit on the line with `Flags [`, which keeps
// ICMP `seq 1` (an echo sequence number, meaningful) out of reach; tshark
// spells them `Seq=`, `Ack=`, unlike its ICMP `seq=1/256`.
import { defineRule, placeholder } from './rule.js';
import { editLinesContaining } from './text.js';

const SEQ = placeholder('SEQ');
const ACK = placeholder('ACK');
const WIN = placeholder('WIN');
const TSVAL = placeholder('TSVAL');
const TSECR = placeholder('TSECR');

const TCPDUMP_MARKER = 'Flags [';

// tcpdump: `seq 2924738622`, `seq 1:5`, `ack 2924738623`, `sack 1 {1:5}`
const TCPDUMP_SEQ = /(?<=\bseq )\d+(?::\d+)?\b/g;
const TCPDUMP_ACK = /(?<=\back )\d+\b/g;
const TCPDUMP_SACK_BLOCK = /\{\d+:\d+\}/g;
// tshark: `Seq=0 Ack=1`, SACK edges `SLE=1 SRE=5`
const TSHARK_SEQ = /\b(Seq|SLE|SRE)=\d+\b/g;
const TSHARK_ACK = /\bAck=\d+\b/g;

const TCPDUMP_WIN = /(?<=\bwin )\d+\b/g;
const TSHARK_WIN = /\bWin=\d+\b/g;

// `TS val 3067927925 ecr 0`: an echo reply of 0 means "nothing to echo yet" and stays
const TCPDUMP_TS = /\bTS val \d+ ecr (?:0\b|\d+)/g;
const TSHARK_TSVAL = /\bTSval=\d+\b/g;
const TSHARK_TSECR = /\bTSecr=(?!0\b)\d+\b/g;

function seqRange(match: string): string {
  return match.includes(':') ? `${SEQ}:${SEQ}` : SEQ;
}

export const tcpSequenceNumbers = defineRule({
  name: 'tcp-seq-ack',
  description: 'TCP sequence and acknowledgement numbers (seq 2924738622, seq 1:5, ack 1, Seq=0) -> [SEQ], [ACK]',
  placeholders: ['SEQ', 'ACK'],
  apply(text) {
    let out = editLinesContaining(text, TCPDUMP_MARKER, (line) =>
      line
        .replace(TCPDUMP_SEQ, seqRange)
        .replace(TCPDUMP_ACK, ACK)
        .replace(TCPDUMP_SACK_BLOCK, `{${SEQ}:${SEQ}}`),
    );
    if (out.includes('Seq=') || out.includes('SLE=')) out = out.replace(TSHARK_SEQ, `$1=${SEQ}`);
    if (out.includes('Ack=')) out = out.replace(TSHARK_ACK, `Ack=${ACK}`);
    return out;
  },
});

export const tcpWindows = defineRule({
  name: 'tcp-window',
  description: 'TCP advertised window (win 64240, Win=65495) -> [WIN]',
  placeholders: ['WIN'],
  apply(text) {
    const out = editLinesContaining(text, TCPDUMP_MARKER, (line) => line.replace(TCPDUMP_WIN, WIN));
    return out.includes('Win=') ? out.replace(TSHARK_WIN, `Win=${WIN}`) : out;
  },
});

export const tcpTimestamps = defineRule({
  name: 'tcp-timestamp',
  description: 'TCP timestamp option (TS val 3067927925 ecr 12, TSval=, TSecr=) -> [TSVAL], [TSECR]; ecr 0 is kept',
  placeholders: ['TSVAL', 'TSECR'],
  apply(text) {
    let out = text;
    if (out.includes('TS val ')) {
      out = out.replace(TCPDUMP_TS, (match) => `TS val ${TSVAL} ecr ${match.endsWith(' ecr 0') ? '0' : TSECR}`);
    }
    if (out.includes('TSval=')) out = out.replace(TSHARK_TSVAL, `TSval=${TSVAL}`);
    if (out.includes('TSecr=')) out = out.replace(TSHARK_TSECR, `TSecr=${TSECR}`);
    return out;
  },
});
