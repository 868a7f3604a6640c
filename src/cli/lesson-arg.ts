// One lesson named on the command line (`learn run bridge`, `learn shell
// lessons/bridge.md`): resolved like `learn test` does (file, or a name in the
// project's lessons/ folder, with close matches when unknown), then parsed.
import { findProjectRoot, resolveLessonArg } from './discover.js';
import { loadLesson } from '../lesson/load.js';
import { formatDiagnostic, type Lesson } from '../lesson/types.js';
import { InputError } from '../run/lesson-run.js';
import { UsageError } from './usage.js';
import { findLearnerStep, stepChoices } from '../study/numbering.js';
import { editionFile } from './edition.js';

/** `lang`: show that language's edition when the lesson has one (see edition.ts). */
export async function loadOneLesson(positionals: string[], command: string, cwd = process.cwd(), lang?: string): Promise<Lesson> {
  const arg = positionals[0];
  if (positionals.length !== 1 || arg === undefined) {
    throw new UsageError(positionals.length === 0 ? `learn ${command} needs a lesson, e.g. \`learn ${command} bridge\`; \`learn list\` shows them` : `learn ${command} takes one lesson, not ${positionals.length}`);
  }
  const files = resolveLessonArg(arg, cwd, findProjectRoot(cwd));
  const file = files[0];
  if (files.length !== 1 || file === undefined) throw new UsageError(`${arg} holds ${files.length} lessons; name one of them`);
  const parsed = await loadLesson(editionFile(file, lang));
  if (!parsed.ok) throw new InputError(`${file} is not a valid lesson:\n${parsed.errors.map((e) => `  ${formatDiagnostic(e)}`).join('\n')}`);
  return parsed.lesson;
}

/** A step by name or by its number as the learner sees it (hidden steps are not counted), or a usage error listing the steps. */
export function stepIndex(lesson: Lesson, ref: string, flag: string): number {
  const index = findLearnerStep(lesson, ref);
  if (index === undefined) throw new UsageError(`${flag}: no step "${ref}" in ${lesson.file} (steps: ${stepChoices(lesson)})`);
  return index;
}
