// Countdown timers and lifetimes that tick while a lesson runs: bridge
// timers in `ip -d link` (gc_timer 243.81), socket timers in `ss -o`
// (timer:(timewait,57sec,0)), address lifetimes and route/set expiry
// (valid_lft 86398sec, expires 299sec). `forever`, the timer names and the
// configured values (forward_delay 1500, ageing_time 30000) stay.
import { defineRule, placeholder } from './rule.js';

const TIMER = placeholder('TIMER');
const LIFETIME = placeholder('LIFETIME');

// `hello_timer    0.00` (%7.2f, so the padding varies with the value)
const BRIDGE_TIMER = /\b((?:hello|tcn|topology_change|gc|hold|message_age|forward_delay)_timer) +\d+\.\d{2}\b/g;
// ss -o: `timer:(keepalive,119min,0)`, `timer:(on,200ms,0)`
const SOCKET_TIMER = /(?<=\btimer:\(\w+,)[\w.]+(?=,)/g;
// `valid_lft 86398sec preferred_lft 14398sec`
const ADDRESS_LIFETIME = /(?<=\b(?:valid|preferred)_lft )\d+sec\b/g;
// `expires 299sec` (ip route), `expires 59s876ms` (nft sets)
const EXPIRES = /(?<=\bexpires )(?:\d+(?:\.\d+)?[a-z]+)+\b/g;

export const bridgeTimers = defineRule({
  name: 'bridge-timer',
  description: 'running bridge/port timers in ip -d link (gc_timer 243.81) -> [TIMER]',
  placeholders: ['TIMER'],
  apply(text) {
    if (!text.includes('_timer ')) return text;
    return text.replace(BRIDGE_TIMER, `$1 ${TIMER}`);
  },
});

export const socketTimers = defineRule({
  name: 'socket-timer',
  description: 'socket timers in ss -o (timer:(timewait,57sec,0)) -> timer:(timewait,[TIMER],0)',
  placeholders: ['TIMER'],
  apply(text) {
    if (!text.includes('timer:(')) return text;
    return text.replace(SOCKET_TIMER, TIMER);
  },
});

export const lifetimes = defineRule({
  name: 'lifetime',
  description: 'remaining lifetimes (valid_lft 86398sec, expires 299sec) -> [LIFETIME]; forever is kept',
  placeholders: ['LIFETIME'],
  apply(text) {
    let out = text;
    if (out.includes('_lft ')) out = out.replace(ADDRESS_LIFETIME, LIFETIME);
    if (out.includes('expires ')) out = out.replace(EXPIRES, LIFETIME);
    return out;
  },
});
