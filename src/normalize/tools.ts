// Volatile lines particular to one tool: curl's progress meter (speeds and
// times), tcpdump's "packets received by filter" (counted by the kernel up to
// the moment tcpdump stops, so it depends on timing; "packets captured" and
// "dropped by kernel" stay), and tshark's temporary capture file name.
import { defineRule, placeholder } from './rule.js';

const PROGRESS = placeholder('PROGRESS');
const COUNT = placeholder('COUNT');
const TMPNAME = placeholder('TMPNAME');

// `100  1417  100  1417    0     0   905k      0 --:--:-- --:--:-- --:--:-- 1383k`:
// keep the percentages and sizes, replace speeds and times.
const TIME_FIELD = '(?:--:--:--|\\d+:\\d\\d:\\d\\d|\\d+d \\d\\dh|\\d+h \\d\\dm)';
const CURL_PROGRESS_ROW = new RegExp(
  `^( *\\d+ +[\\d.]+[kMGTP]? +\\d+ +[\\d.]+[kMGTP]? +\\d+ +[\\d.]+[kMGTP]?) +[\\d.]+[kMGTP]? +[\\d.]+[kMGTP]? +${TIME_FIELD} +${TIME_FIELD} +${TIME_FIELD} +[\\d.]+[kMGTP]?`,
  'gm',
);
// `24 packets received by filter`
const FILTER_COUNT = /^\d+(?= packets? received by filter$)/gm;
// ` ** (tshark:5736) ... -- File: "/tmp/wireshark_loVWN8Y3.pcapng"`
const TSHARK_TEMP_FILE = /(?<=\/wireshark_)[\w.-]+?(?=\.pcapng\b)/g;

export const curlProgress = defineRule({
  name: 'curl-progress',
  description: "curl's progress meter: speeds and times after the sizes -> [PROGRESS]",
  placeholders: ['PROGRESS'],
  apply(text) {
    if (!text.includes('Dload')) return text;
    return text.replace(CURL_PROGRESS_ROW, `$1 ${PROGRESS}`);
  },
});

export const tcpdumpFilterCount = defineRule({
  name: 'tcpdump-filter-count',
  description: 'tcpdump\'s timing-dependent "N packets received by filter" -> [COUNT]',
  placeholders: ['COUNT'],
  apply(text) {
    if (!text.includes('received by filter')) return text;
    return text.replace(FILTER_COUNT, COUNT);
  },
});

export const tsharkTempFile = defineRule({
  name: 'tshark-temp-file',
  description: 'the random part of tshark\'s temporary file name (wireshark_loVWN8Y3.pcapng) -> [TMPNAME]',
  placeholders: ['TMPNAME'],
  apply(text) {
    if (!text.includes('/wireshark_')) return text;
    return text.replace(TSHARK_TEMP_FILE, TMPNAME);
  },
});
