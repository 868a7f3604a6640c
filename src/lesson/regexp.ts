// Compiling a regular expression written by a lesson author, without throwing.

/** The RegExp, or the engine's message when `source` does not compile. */
export function compileRegExp(source: string, flags: string): RegExp | string {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
