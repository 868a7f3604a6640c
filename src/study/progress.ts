// Where a learner is in each lesson, remembered between runs: one small JSON
// file under the user's state directory ($XDG_STATE_HOME/learn, by default
// ~/.local/state/learn), written atomically (temporary file, rename). A file
// that cannot be read as progress is reported and set aside, never a crash.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stepPosition, visibleSteps, type NumberedStep, type NumberedSteps } from './numbering.js';

export interface LessonProgress {
  /** Name of the step to resume at (the first one not done that the learner sees). */
  step: string;
  /**
   * Its number when it was saved, and the lesson's number of steps, as the
   * learner counts them (numbering.ts: hidden steps apart). Files written
   * before counted hidden steps too; shown, the number comes from the step's
   * name in the lesson as it is now, so either reads right.
   */
  number: number;
  total: number;
  done: boolean;
  /** Names of the tasks the learner solved. */
  solved: string[];
  tasks: number;
  updated: string;
}

interface ProgressData {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

export interface ProgressRead {
  lessons: Record<string, LessonProgress>;
  /** Set when the file was corrupt: what happened to it. */
  warning?: string;
}

export function progressPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(base, 'learn', 'progress.json');
}

/** The key of a lesson: its absolute path. */
export function progressKey(lessonFile: string): string {
  return path.resolve(lessonFile);
}

export async function readProgress(file = progressPath()): Promise<ProgressRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lessons: {} };
    return { lessons: {}, warning: `cannot read ${file}: ${(error as Error).message}` };
  }
  const problem = validate(text);
  if (typeof problem !== 'string') return { lessons: problem.lessons };
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await fs.rename(file, aside);
    return { lessons: {}, warning: `progress file ${file} is corrupt (${problem}); moved it to ${aside} and started afresh` };
  } catch (error) {
    return { lessons: {}, warning: `progress file ${file} is corrupt (${problem}) and could not be moved aside: ${(error as Error).message}` };
  }
}

function validate(text: string): ProgressData | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof data !== 'object' || data === null || (data as ProgressData).version !== 1) return 'not a version 1 progress file';
  const lessons = (data as ProgressData).lessons;
  if (typeof lessons !== 'object' || lessons === null) return 'no "lessons" map';
  for (const [key, entry] of Object.entries(lessons)) {
    if (typeof entry?.step !== 'string' || typeof entry.number !== 'number' || typeof entry.done !== 'boolean' || !Array.isArray(entry.solved)) {
      return `bad entry for ${key}`;
    }
  }
  return data as ProgressData;
}

/** Store one lesson's progress (the others are kept); returns a warning if the old file was corrupt. */
export async function saveProgress(lessonFile: string, progress: LessonProgress, file = progressPath()): Promise<string | undefined> {
  const read = await readProgress(file);
  const data: ProgressData = { version: 1, lessons: { ...read.lessons, [progressKey(lessonFile)]: progress } };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  return read.warning;
}

/** `not started`, `at step 7/22`, `done`, with tasks solved; numbered from `lesson` when given (its step may have moved). */
export function describeProgress(progress: LessonProgress | undefined, tasks: number, lesson?: NumberedSteps): string {
  const solved = tasks > 0 ? `, ${progress?.solved.length ?? 0}/${tasks} task${tasks === 1 ? '' : 's'} solved` : '';
  if (!progress) return `not started${tasks > 0 ? `, ${tasks} task${tasks === 1 ? '' : 's'}` : ''}`;
  if (progress.done) return `done${solved}`;
  const now = lesson ? stepPosition(lesson, { name: progress.step }) : undefined;
  const at = now?.number !== undefined ? `${now.number}/${now.total}` : `${progress.number}/${progress.total}`;
  return `at step ${at} (${progress.step})${solved}`;
}

/** Where the learner stands after a study session: the first step with no result, the tasks solved. */
export function progressAfter(
  lesson: NumberedSteps<NumberedStep & { check?: unknown }>,
  results: ReadonlyArray<{ step: { name: string; check?: unknown }; outcome: { kind: string } }>,
  quit: boolean,
  before: LessonProgress | undefined,
): LessonProgress {
  const seen = new Set(results.map((r) => r.step.name));
  const left = quit ? lesson.steps.filter((s) => !seen.has(s.name)) : [];
  // Resume at a step the learner sees: hidden steps before it are replayed with the others.
  const next = left.find((s) => !s.hidden) ?? left[0];
  const position = next ? stepPosition(lesson, next) : undefined;
  const solvedNow = results.filter((r) => r.step.check && r.outcome.kind === 'passed').map((r) => r.step.name);
  const solved = [...new Set([...(before?.solved ?? []), ...solvedNow])];
  const tasks = lesson.steps.filter((s) => s.check).length;
  const total = visibleSteps(lesson).length;
  const done = next === undefined;
  const step = next?.name ?? '';
  return { step, number: position?.number ?? total, total, done, solved, tasks, updated: new Date().toISOString() };
}
