// How this learn process started: from the CLI's start-up snapshot, or from
// its bundle and why (bin/learn decides and says so in LEARN_START). Only
// start-up time depends on it: both run the same code.
import type { Check } from './check.js';

/** `startedAs`: LEARN_START as bin/learn set it; undefined when bin/learn.js was run itself. */
export function startCheck(startedAs: string | undefined): Check {
  const base = { area: 'node' as const, name: 'start-up' };
  if (startedAs === 'snapshot') return { ...base, status: 'ok', detail: 'from the start-up snapshot' };
  if (startedAs === undefined) {
    return { ...base, status: 'ok', detail: 'from the bundle (started as bin/learn.js; the learn command starts from the start-up snapshot)' };
  }
  const reason = startedAs.replace(/^bundle: /, '');
  return {
    ...base,
    status: 'warning',
    detail: `from the bundle, not the start-up snapshot: ${reason}`,
    note: 'learn works the same; each command starts some 30 to 40 ms later',
  };
}
