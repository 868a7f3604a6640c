// Exit codes of every learn command.
export const EXIT = {
  ok: 0,
  /** A step failed (differed, failed, timed out). */
  failed: 1,
  /** Invalid input: bad lesson, bad snapshot file, bad arguments. */
  input: 2,
  /** The environment cannot run lessons (no privilege for namespaces...). */
  environment: 3,
  interrupted: 130,
} as const;
