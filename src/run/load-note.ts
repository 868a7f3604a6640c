// What a busy machine may have done to a step: a note on the verdicts that
// load can cause, so a red run under load says so. Pure; the caller reads
// the load average (os.loadavg) when the step ends.

import type { StepOutcome } from './outcome.js';

export interface MachineLoad {
  /** One-minute load average. */
  average: number;
  cpus: number;
}

/** Busy: more runnable processes than CPUs, on average over the last minute. */
export function isBusy(load: MachineLoad): boolean {
  return load.average > load.cpus;
}

function describe(load: MachineLoad): string {
  return `the machine was busy (load average ${load.average.toFixed(1)} on ${load.cpus} CPU${load.cpus === 1 ? '' : 's'})`;
}

/**
 * The outcome with a word on load where load can explain it: a timeout, and
 * a differing step that was settled by ^C (a capture interrupted right after
 * the traffic it should show may not have read its last packets yet).
 */
export function withLoadNote(outcome: StepOutcome, settledByInterrupt: boolean, load: MachineLoad): StepOutcome {
  if (!isBusy(load)) return outcome;
  if (outcome.kind === 'timedOut') return { ...outcome, note: `${describe(load)}, which can make a step slower than its timeout` };
  if (outcome.kind === 'differed' && settledByInterrupt) {
    return { ...outcome, note: `${describe(load)}: a program interrupted by ^C right after the traffic it should show may not have read all of it yet; a count (tcpdump -c N) settles it by itself` };
  }
  return outcome;
}
