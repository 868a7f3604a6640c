// Durations as lesson authors write them (`500ms`, `1.5s`, `2m`): parsing and
// display. A duration is a whole, positive number of milliseconds.

const DURATION_SYNTAX = /^(\d+)(?:\.(\d+))?(ms|s|m)$/;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

/** Longest accepted duration (one day); also keeps timers in range. */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

/** What a message about a bad duration tells the author to write. */
export const DURATION_HINT = 'a number followed by ms, s or m, e.g. 500ms, 1.5s, 2m';

/** Milliseconds, or undefined when `text` is not a valid duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_SYNTAX.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = '', unit] = match;
  const scale = 10 ** fraction.length;
  const scaledMs = Number(whole + fraction) * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (!Number.isSafeInteger(scaledMs) || scaledMs % scale !== 0) return undefined;
  const ms = scaledMs / scale;
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** `500ms`, `1.5s`, `90s`, `2m`: the shortest form that parseDuration reads back. */
export function formatDuration(ms: number): string {
  const whole = Math.round(ms);
  if (Math.abs(whole) < 1000) return `${whole}ms`;
  if (whole % 60_000 === 0) return `${whole / 60_000}m`;
  return `${whole / 1000}s`;
}
