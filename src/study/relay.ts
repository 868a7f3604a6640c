// The runner's live output, routed to whoever shows it now (the step being
// run in study mode, or nobody). Pass `events` to LessonRun.open.
import type { Step } from '../lesson/types.js';
import type { RunEvents } from '../run/lesson-run.js';

export class OutputRelay {
  target: ((step: Step, text: string) => void) | undefined;
  readonly events: RunEvents = { stepOutput: (step, text) => this.target?.(step, text) };
}
