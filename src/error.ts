// The errors learn reports to its user, as opposed to its own bugs. Each
// says what kind of problem it is; src/cli/exit-codes.ts alone turns the
// kind into an exit code, and anything else thrown is an internal error.

/** input: the lesson, a snapshot file or the arguments; environment: this machine. */
export type ProblemKind = 'input' | 'environment';

export class LearnError extends Error {
  constructor(
    message: string,
    readonly kind: ProblemKind,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: a lesson, a snapshot file, an argument. */
export class InputError extends LearnError {
  constructor(message: string) {
    super(message, 'input');
  }
}

/** The machine cannot do what learn needs (namespaces, privileges...). */
export class EnvironmentError extends LearnError {
  constructor(message: string) {
    super(message, 'environment');
  }
}
