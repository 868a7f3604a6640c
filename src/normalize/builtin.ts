// The built-in rules, in the order they run. Order matters where one rule's
// output is another's context: MACs and EUI-64 identifiers go first (their
// colons would otherwise look like times), curl's progress meter before clock
// times (it prints 0:00:01), and EUI-64 before ports (`fe80::[EUI64].43408`).
import type { NormalizeRule } from './rule.js';
import { macAddresses } from './mac.js';
import { ipv6Eui64 } from './ipv6.js';
import { interfaceIndexes } from './ifindex.js';
import { curlProgress, tcpdumpFilterCount, tsharkTempFile } from './tools.js';
import { dates, clockTimes, unixTimestamps } from './datetime.js';
import { latencies, durations } from './latency.js';
import { tcpSequenceNumbers, tcpWindows, tcpTimestamps } from './tcp.js';
import { checksums } from './checksum.js';
import { icmpEchoIds, ipHeaderIds, dnsIds } from './ids.js';
import { ephemeralPorts } from './ports.js';
import { processIds } from './pids.js';
import { bridgeTimers, socketTimers, lifetimes } from './timers.js';

export const BUILTIN_RULES: readonly NormalizeRule[] = Object.freeze([
  macAddresses,
  ipv6Eui64,
  interfaceIndexes,
  curlProgress,
  dates,
  clockTimes,
  unixTimestamps,
  latencies,
  durations,
  tcpSequenceNumbers,
  tcpWindows,
  tcpTimestamps,
  checksums,
  icmpEchoIds,
  ipHeaderIds,
  dnsIds,
  ephemeralPorts,
  processIds,
  bridgeTimers,
  socketTimers,
  lifetimes,
  tcpdumpFilterCount,
  tsharkTempFile,
]);
