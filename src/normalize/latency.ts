// Round-trip times (ping, traceroute, tracepath) and elapsed durations (ping
// totals, bash `time`, dig query time, tshark's time column). Only the
// numbers in these known places change: icmp_seq, ttl, packet and loss
// counts on the same lines stay.
import { defineRule, placeholder } from './rule.js';

const LATENCY = placeholder('LATENCY');
const DURATION = placeholder('DURATION');

const NUMBER = '\\d+(?:\\.\\d+)?';

// `64 bytes from 10.1.0.2: icmp_seq=1 ttl=64 time=0.197 ms` -> `time=[LATENCY]`
const PING_TIME = new RegExp(`(?<=\\btime=)${NUMBER} ?ms\\b`, 'g');
// `rtt min/avg/max/mdev = 0.045/0.104/0.163/0.059 ms`
const RTT_SUMMARY = new RegExp(`(?<=\\b(?:rtt|round-trip) min/avg/max/(?:mdev|stddev) = )${NUMBER}/${NUMBER}/${NUMBER}/${NUMBER}`, 'g');
// flood ping: `ipg/ewma 0.007/0.008 ms`
const PING_IPG = new RegExp(`(?<=\\bipg/ewma )${NUMBER}/${NUMBER}`, 'g');
// traceroute ` 1  10.0.0.1 (10.0.0.1)  0.045 ms  0.012 ms` and tracepath ` 1:  10.0.0.1   0.050ms reached`
const HOP_LINE = /^ ?\d{1,2}[:?]? {1,2}\S.*$/gm;
const HOP_TIME = /\b\d+\.\d{3} ?ms\b/g;

// `2 packets transmitted, 2 received, 0% packet loss, time 1001ms`
const PING_TOTAL = /(?<=packet loss, time )\d+ms\b/g;
// bash `time`: `real<TAB>0m0.003s`
const SHELL_TIME = /^((?:real|user|sys)[\t ]+)\d+m\d+[.,]\d+s$/gm;
// dig: `;; Query time: 3 msec`
const DIG_QUERY_TIME = /(?<=;; Query time: )\d+ msec\b/g;
// tshark: `    2 0.000015493    127.0.0.1 → 127.0.0.1    ICMP ...`
const TSHARK_TIME = /^( *\d+ )\d+\.\d{9}(?= +\S+ (?:→|->) )/gm;

export const latencies = defineRule({
  name: 'latency',
  description: 'round-trip times: ping time=, rtt min/avg/max/mdev, ipg/ewma, traceroute hops -> [LATENCY]',
  placeholders: ['LATENCY'],
  apply(text) {
    if (!text.includes('ms')) return text;
    return text
      .replace(PING_TIME, LATENCY)
      .replace(RTT_SUMMARY, `${LATENCY}/${LATENCY}/${LATENCY}/${LATENCY}`)
      .replace(PING_IPG, `${LATENCY}/${LATENCY}`)
      .replace(HOP_LINE, (line) => line.replace(HOP_TIME, LATENCY));
  },
});

export const durations = defineRule({
  name: 'duration',
  description: 'elapsed times: ping "time 202ms", bash time, dig query time, tshark time column -> [DURATION]',
  placeholders: ['DURATION'],
  apply(text) {
    let out = text;
    if (out.includes('ms')) out = out.replace(PING_TOTAL, DURATION).replace(DIG_QUERY_TIME, DURATION);
    if (out.includes('real') || out.includes('user') || out.includes('sys')) out = out.replace(SHELL_TIME, `$1${DURATION}`);
    if (out.includes('→') || out.includes('->')) out = out.replace(TSHARK_TIME, `$1${DURATION}`);
    return out;
  },
});
