// Exit codes of every learn command, and the one place that maps problems
// and run verdicts to them.
import { LearnError, type ProblemKind } from '../error.js';

export const EXIT = {
  ok: 0,
  /** A step failed (differed, failed, timed out). */
  failed: 1,
  /** Invalid input: bad lesson, bad snapshot file, bad arguments. */
  input: 2,
  /** The environment cannot run lessons (no privilege for namespaces...). */
  environment: 3,
  /** A bug in learn (sysexits' EX_SOFTWARE). */
  internal: 70,
  interrupted: 130,
  /** 128 + SIGTERM (15); SIGHUP is reported the same way. */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_KIND: Record<ProblemKind, ExitCode> = { input: EXIT.input, environment: EXIT.environment };

const ARGUMENT_ERRORS = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL']);

/** The exit code for a thrown error: a LearnError by its kind, bad arguments 2, anything else internal. */
export function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof LearnError) return BY_KIND[error.kind];
  if (ARGUMENT_ERRORS.has((error as { code?: string } | undefined)?.code ?? '')) return EXIT.input;
  return EXIT.internal;
}

export function exitCodeForRun(verdict: 'invalid' | 'failed' | 'ok'): ExitCode {
  return verdict === 'invalid' ? EXIT.input : verdict === 'failed' ? EXIT.failed : EXIT.ok;
}
