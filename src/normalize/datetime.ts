// Calendar dates, clock times and Unix timestamps. Whole timestamps in the
// date(1) and HTTP forms become one [DATE]; ISO dates and clock times are
// replaced separately (`2026-11-26 11:35:22` -> `[DATE] [TIME]`).
import { defineRule, placeholder } from './rule.js';

const DATE = placeholder('DATE');
const TIME = placeholder('TIME');
const TIMESTAMP = placeholder('TIMESTAMP');

const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const CLOCK = '\\d{2}:\\d{2}:\\d{2}';

// date(1): `Thu Nov 26 11:39:30 UTC 2026`; old openvpn/asctime: `Thu Nov 26 11:39:30 2026`
const DATE_COMMAND = new RegExp(`\\b${WEEKDAY} ${MONTH} {1,2}\\d{1,2} ${CLOCK}(?: [A-Z]{2,5}| [+-]\\d{4})? \\d{4}\\b`, 'g');
// HTTP and mail: `Thu, 26 Nov 2026 11:39:29 GMT`
const HTTP_DATE = new RegExp(`\\b${WEEKDAY}, \\d{1,2} ${MONTH} \\d{4} ${CLOCK}(?: GMT| UTC| [+-]\\d{4})?`, 'g');
// syslog: `Nov 26 11:39:30` (the time is left to CLOCK_TIME)
const SYSLOG_DATE = new RegExp(`\\b${MONTH} {1,2}\\d{1,2}(?= ${CLOCK}\\b)`, 'g');
// ISO 8601: `2026-11-26`, also before `T11:35:22`
const ISO_DATE = /(?<![\w.-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\dA-SU-Za-z_-])/g;
// socat's log: `2026/12/01 19:27:59 socat[58] N ...`; not inside a path (`/var/log/2026/12/01`)
const SLASH_DATE = /(?<![\w./-])(?:19|20)\d{2}\/(?:0[1-9]|1[0-2])\/(?:0[1-9]|[12]\d|3[01])(?![\w./-])/g;
// `15:06:21`, `15:06:21.537188`; not part of a MAC, an IPv6 address or a longer number
const CLOCK_TIME = /(?<![\dA-SU-Za-z_:.])(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?![\dA-Ya-z_:])/g;
// ping -D `[1732620000.123456] 64 bytes ...`, tcpdump -tt `1732620000.123456 IP ...`
const BRACKETED_EPOCH = /^\[\d{10}\.\d{3,9}\](?= )/gm;
const LEADING_EPOCH = /^\d{10}\.\d{3,9}(?= )/gm;

export const dates = defineRule({
  name: 'date',
  description: 'dates: 2026-11-26, 2026/11/26 (socat), date(1) output, HTTP Date headers, syslog prefixes -> [DATE]',
  placeholders: ['DATE'],
  apply(text) {
    let out = text;
    if (out.includes(':')) {
      out = out.replace(DATE_COMMAND, DATE).replace(HTTP_DATE, DATE).replace(SYSLOG_DATE, DATE);
    }
    if (out.includes('-')) out = out.replace(ISO_DATE, DATE);
    if (out.includes('/')) out = out.replace(SLASH_DATE, DATE);
    return out;
  },
});

export const clockTimes = defineRule({
  name: 'clock-time',
  description: 'clock times (15:06:21, 15:06:21.537188) -> [TIME]',
  placeholders: ['TIME'],
  apply(text) {
    if (!text.includes(':')) return text;
    return text.replace(CLOCK_TIME, TIME);
  },
});

export const unixTimestamps = defineRule({
  name: 'unix-timestamp',
  description: 'leading Unix timestamps (ping -D, tcpdump -tt) -> [TIMESTAMP]',
  placeholders: ['TIMESTAMP'],
  apply(text) {
    return text.replace(BRACKETED_EPOCH, TIMESTAMP).replace(LEADING_EPOCH, TIMESTAMP);
  },
});
