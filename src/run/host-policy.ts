// The `host: true` policy: a lesson that asks for the host's real root runs
// only when the user allowed it and learn runs as root. Pure.
import type { Lesson } from '../lesson/types.js';
import type { LessonRunOptions } from './result.js';

/** Why a `host: true` lesson may not run here, if it may not. */
export function hostAccessProblem(lesson: Lesson, options: Pick<LessonRunOptions, 'allowHost' | 'privilege'>): string | undefined {
  if (!lesson.meta.hostAccess) return undefined;
  if (!options.allowHost) {
    return 'asks for host privileges (host: true): its commands would run as the host\'s real root; run it with --allow-host only if you trust it';
  }
  if (options.privilege && options.privilege.mode !== 'root') return 'asks for host privileges (host: true), which need learn to run as root';
  return undefined;
}
