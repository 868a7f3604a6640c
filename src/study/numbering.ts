// The step numbers a learner sees and types. Hidden steps (a lesson's
// preparation, run quietly) are not numbered: the first step the learner
// sees is step 1, and a lesson of 34 steps of which 2 are hidden has 32.
// Every number study mode, `learn list`, `learn shell --after` and
// `learn run --from` show or accept is one of these; step names (hidden
// steps' too) work everywhere as well.

/** What numbering needs of a lesson's steps (a Lesson has it). */
export interface NumberedSteps<S extends NumberedStep = NumberedStep> {
  readonly steps: readonly S[];
}
export interface NumberedStep {
  name: string;
  hidden?: boolean;
}

export interface StepPosition {
  /** 1-based among the visible steps; undefined for a hidden step. */
  number: number | undefined;
  /** How many visible steps the lesson has. */
  total: number;
  /** What a hidden step is to the learner: preparation, or the clean-up after the last step they see. */
  role?: HiddenRole;
}

export type HiddenRole = 'preparation' | 'clean-up';

export function visibleSteps<S extends NumberedStep>(lesson: NumberedSteps<S>): S[] {
  return lesson.steps.filter((s) => !s.hidden);
}

export function stepPosition(lesson: NumberedSteps, step: Pick<NumberedStep, 'name'>): StepPosition {
  const visible = visibleSteps(lesson);
  const at = visible.findIndex((s) => s.name === step.name);
  if (at !== -1) return { number: at + 1, total: visible.length };
  const index = lesson.steps.findIndex((s) => s.name === step.name);
  const seenAfter = lesson.steps.slice(index + 1).some((s) => !s.hidden);
  return { number: undefined, total: visible.length, role: seenAfter ? 'preparation' : 'clean-up' };
}

/** `step 3/32 (attach)`, or `preparation step setup` (`clean-up step ...` after the last visible one) for a hidden one. */
export function stepLabel(lesson: NumberedSteps, step: Pick<NumberedStep, 'name'>): string {
  const { number, total, role } = stepPosition(lesson, step);
  return number === undefined ? `${role ?? 'preparation'} step ${step.name}` : `step ${number}/${total} (${step.name})`;
}

/**
 * The step a learner named: by name (hidden steps included), or by its
 * visible number. Its index in `lesson.steps`, or undefined.
 */
export function findLearnerStep(lesson: NumberedSteps, ref: string): number | undefined {
  const byName = lesson.steps.findIndex((s) => s.name === ref);
  if (byName !== -1) return byName;
  if (!/^\d+$/.test(ref) || Number(ref) < 1) return undefined;
  const step = visibleSteps(lesson)[Number(ref) - 1];
  return step === undefined ? undefined : lesson.steps.indexOf(step);
}

/** The steps as a learner may name them, for an error message: `1:before, 2:add-bridge, setup (hidden)`. */
export function stepChoices(lesson: NumberedSteps): string {
  let number = 0;
  return lesson.steps.map((s) => (s.hidden ? `${s.name} (hidden)` : `${++number}:${s.name}`)).join(', ');
}

/** `32 steps`, and the hidden ones apart: `32 steps (and 2 hidden preparation steps)`. */
export function stepCountText(lesson: NumberedSteps): string {
  const visible = visibleSteps(lesson).length;
  const hidden = lesson.steps.length - visible;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(visible, 'step')}${hidden > 0 ? ` (and ${plural(hidden, 'hidden preparation step')})` : ''}`;
}
