// A problem found while reading a lesson, before it is tied to a file name.
export interface Problem {
  /** 1-based line of the lesson file. */
  line: number;
  message: string;
}

export function problem(line: number, message: string): Problem {
  return { line, message };
}
