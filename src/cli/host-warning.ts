// The escape hatch made visible: before a `host: true` lesson starts, the
// learner is told what it means and, at a terminal, asked to confirm.
import { createInterface } from 'node:readline/promises';
import type { Lesson } from '../lesson/types.js';

export function hostWarning(lesson: Lesson): string {
  return [
    `warning: ${lesson.file} asks for host privileges (host: true).`,
    '  Its commands run as this machine\'s real root: they get their own network, mount',
    '  and PID namespaces, but can change host files, host-wide settings and kernel modules.',
    '  Run it only if you trust it.',
  ].join('\n') + '\n';
}

/**
 * For a `host: true` lesson the learner allowed with --allow-host: show the
 * warning and, at a terminal, ask. True when the lesson may go on (always for
 * other lessons); when it may not, says so.
 */
export async function hostAccessConfirmed(lesson: Lesson, allowHost: boolean, interactive: boolean): Promise<boolean> {
  if (!lesson.meta.hostAccess || !allowHost) return true;
  const yes = await confirmHostAccess(lesson, interactive);
  if (!yes) process.stderr.write('learn: not run\n');
  return yes;
}

/** Show the warning; at a terminal, true only when the learner says yes. */
async function confirmHostAccess(lesson: Lesson, interactive: boolean): Promise<boolean> {
  process.stderr.write(hostWarning(lesson));
  if (!interactive) return true;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question('  Run it as root on this machine? y/N ');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
