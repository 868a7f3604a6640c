// Translations: a lesson whose front matter names an original (`original:
// ../bridge.md`) must have the original's steps, in the same order, with the
// same names, commands and attributes (task ones too: check, retry,
// solution, and the number of hints of each check), and the same run settings (requires,
// kernel, timeout, normalize, host, sandbox). Only prose, title and summary differ.
// That is what lets a translation be verified against the original's
// snapshots, and what makes it fail as soon as the original changes alone.
import type { ExpectedExit, Lesson, LessonDiagnostic, Step } from './types.js';

/** Every way `translation` differs from `original`, at the translation's lines. */
export function compareWithOriginal(translation: Lesson, original: Lesson): LessonDiagnostic[] {
  const file = translation.file;
  const at = (line: number, message: string): LessonDiagnostic => ({ file, line, message });
  const originalLine = translation.meta.original?.line ?? 1;
  const problems: LessonDiagnostic[] = [];
  for (const [key, mine, theirs] of metaFields(translation, original)) {
    if (mine !== theirs) problems.push(at(originalLine, `front matter \`${key}\` is ${mine} here but ${theirs} in the original ${original.file}; a translation runs with the original's settings`));
  }
  const count = Math.max(translation.steps.length, original.steps.length);
  for (let i = 0; i < count; i++) {
    const mine = translation.steps[i];
    const theirs = original.steps[i];
    if (!mine) {
      if (theirs) problems.push(at(lastLine(translation), `step ${i + 1} "${theirs.name}" of the original (${original.file}:${theirs.line}) is missing here`));
      continue;
    }
    if (!theirs) {
      problems.push(at(mine.line, `step ${i + 1} "${mine.name}" is not in the original ${original.file}, which has ${original.steps.length} steps`));
      continue;
    }
    const difference = stepDifference(mine, theirs);
    if (difference) problems.push(at(mine.line, `step ${i + 1} "${mine.name}" differs from the original's step ${i + 1} (${original.file}:${theirs.line}): ${difference}`));
  }
  return problems;
}

function metaFields(a: Lesson, b: Lesson): [string, string, string][] {
  const list = (l: string[]): string => `[${l.join(', ')}]`;
  const rules = (l: Lesson): string => JSON.stringify(l.meta.normalize.map((r) => [r.pattern.source, r.replace]));
  return [
    ['requires', list(a.meta.requires), list(b.meta.requires)],
    ['kernel', list(a.meta.kernel), list(b.meta.kernel)],
    ['timeout', `${a.meta.timeoutMs} ms`, `${b.meta.timeoutMs} ms`],
    ['normalize', rules(a), rules(b)],
    ['host', String(a.meta.hostAccess), String(b.meta.hostAccess)],
    ['sandbox', a.meta.sandbox, b.meta.sandbox],
  ];
}

/** What differs between two steps that should be the same, or undefined. */
export function stepDifference(mine: Step, theirs: Step): string | undefined {
  if (mine.name !== theirs.name) return `its name is "${mine.name}", the original's "${theirs.name}"${theirs.explicitName ? '' : ' (an automatic name: give the step {#' + theirs.name + '} here)'}`;
  const myCommands = mine.commands.map((c) => c.text);
  const theirCommands = theirs.commands.map((c) => c.text);
  const n = Math.max(myCommands.length, theirCommands.length);
  for (let i = 0; i < n; i++) {
    if (myCommands[i] !== theirCommands[i]) {
      return `command ${i + 1} is ${quote(myCommands[i])}, the original's ${quote(theirCommands[i])}`;
    }
  }
  const attributes: [string, unknown, unknown][] = [
    ['exit', exitText(mine.exit), exitText(theirs.exit)],
    ['timeout', mine.timeoutMs, theirs.timeoutMs],
    ['term', mine.term, theirs.term],
    ['background', mine.background, theirs.background],
    ['ready', mine.ready?.source, theirs.ready?.source],
    ['hidden', mine.hidden, theirs.hidden],
    ['norun', mine.norun, theirs.norun],
    ['nosnapshot', mine.nosnapshot, theirs.nosnapshot],
    ['interrupt', mine.interrupt, theirs.interrupt],
    ['check', mine.check !== undefined, theirs.check !== undefined],
    ['retry', mine.check?.retryMs, theirs.check?.retryMs],
    ['solution', mine.solution, theirs.solution],
    // Hints are prose, translated; but a task offers as many in every edition.
    ['hints', mine.check?.hints.length, theirs.check?.hints.length],
  ];
  const changed = attributes.filter(([, a, b]) => a !== b).map(([key, a, b]) => `${key} ${String(a)} here, ${String(b)} there`);
  return changed.length > 0 ? `attributes differ: ${changed.join('; ')}` : undefined;
}

function exitText(exit: ExpectedExit): string {
  return exit.kind === 'code' ? String(exit.code) : exit.kind;
}

function quote(text: string | undefined): string {
  return text === undefined ? '(none)' : JSON.stringify(text);
}

function lastLine(lesson: Lesson): number {
  return lesson.steps[lesson.steps.length - 1]?.endLine ?? 1;
}
