// Reading a lesson file from disk and parsing it; a file that cannot be read
// becomes a diagnostic at line 0, never an exception. A translation (front
// matter `original:`) is loaded with its original and checked against it.
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { lessonFileName, parseLesson } from './parse.js';
import { compareWithOriginal } from './translation.js';
import type { Lesson, ParseResult } from './types.js';

export async function loadLesson(file: string): Promise<ParseResult> {
  const parsed = await parseFile(file);
  if (!parsed.ok || !parsed.lesson.meta.original) return parsed;
  return loadTranslation(parsed.lesson, parsed.lesson.meta.original);
}

async function parseFile(file: string): Promise<ParseResult> {
  const read = await readRegularFile(file);
  if (typeof read === 'string') return fileProblem(file, 0, read);
  const source = decodeUtf8(read);
  if (source === undefined) return fileProblem(file, 0, 'lesson file is not valid UTF-8 text');
  return parseLesson(source, file);
}

async function loadTranslation(lesson: Lesson, original: { path: string; line: number }): Promise<ParseResult> {
  const originalFile = path.join(path.dirname(lesson.file), original.path);
  const parsed = await parseFile(originalFile);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const reason = first === undefined ? 'it is not a valid lesson'
      : first.line === 0 ? first.message : `it is not a valid lesson (${first.file}:${first.line}: ${first.message})`;
    return fileProblem(lesson.file, original.line, `front matter \`original\`: ${originalFile}: ${reason}`);
  }
  if (parsed.lesson.meta.original) {
    return fileProblem(lesson.file, original.line, `front matter \`original\`: ${originalFile} is itself a translation; name the lesson it translates`);
  }
  const errors = compareWithOriginal(lesson, parsed.lesson);
  if (errors.length > 0) return { ok: false, errors };
  const lang = path.basename(path.dirname(path.resolve(lesson.file)));
  return { ok: true, lesson: { ...lesson, name: lessonFileName(originalFile), translation: { original: originalFile, lang } } };
}

/**
 * The bytes of a regular file, or why not. Opened without blocking and
 * checked on the open descriptor: a FIFO or a device would otherwise block a
 * read forever (and with it learn's exit), and no path swap can slip between
 * the check and the read.
 */
export async function readRegularFile(file: string): Promise<Buffer | string> {
  try {
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) return 'not a lesson file: it is a directory';
      if (!stat.isFile()) return `not a lesson file: it is ${kindOf(stat)}, not a regular file`;
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return readErrorMessage(error);
  }
}

function kindOf(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
}

function fileProblem(file: string, line: number, message: string): ParseResult {
  return { ok: false, errors: [{ file, line, message }] };
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
