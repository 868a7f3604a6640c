// Reading a lesson file from disk and parsing it; a file that cannot be read
// becomes a diagnostic at line 0, never an exception.
import { readFile } from 'node:fs/promises';
import { parseLesson } from './parse.js';
import type { ParseResult } from './types.js';

export async function loadLesson(file: string): Promise<ParseResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return fileProblem(file, readErrorMessage(error));
  }
  const source = decodeUtf8(bytes);
  if (source === undefined) return fileProblem(file, 'lesson file is not valid UTF-8 text');
  return parseLesson(source, file);
}

function fileProblem(file: string, message: string): ParseResult {
  return { ok: false, errors: [{ file, line: 0, message }] };
}

function readErrorMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such lesson file';
  if (code === 'EISDIR') return 'not a lesson file: it is a directory';
  if (code === 'EACCES') return 'cannot read lesson file: permission denied';
  return `cannot read lesson file: ${error instanceof Error ? error.message : String(error)}`;
}

/** The text, or undefined when the bytes are not UTF-8 (a BOM is dropped). */
function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
