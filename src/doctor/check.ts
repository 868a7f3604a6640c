// One doctor check as a value: its area, status, and what to do about it.
// Shared by the checks (doctor.ts, vm.ts) and the formatter.
export type CheckStatus = 'ok' | 'problem' | 'warning';
export type CheckArea = 'node' | 'privilege' | 'sandbox' | 'terminal' | 'program' | 'kernel' | 'lesson' | 'vm';

export interface Check {
  area: CheckArea;
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a problem. */
  fix?: string;
  /** What a warning means, or what could be done outside learn. */
  note?: string;
  /** Debian package of a program. */
  package?: string;
  /** Lessons that need this program or feature. */
  lessons?: string[];
}
