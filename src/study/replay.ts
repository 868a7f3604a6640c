// `--from` and resuming: the steps before the first one studied run quietly,
// one progress line for all of them; a step that does not go as the lesson
// expects stops the replay, is shown, and the learner decides.
import type { Step } from '../lesson/types.js';
import type { StepResult } from '../run/outcome.js';
import { formatMs } from '../text/format.js';
import type { Screen } from './screen.js';
import { screenLines } from './view/index.js';

export interface ReplayHost {
  screen: Screen;
  /** Run a step without showing its output. */
  execute(step: Step): Promise<{ results: StepResult[]; interrupted: boolean }>;
  /** The result did not go as the lesson expects. */
  isSetback(result: StepResult, interrupted: boolean): boolean;
  record(results: StepResult[], step: Step, interrupted: boolean): void;
  /** The step's header line, as study mode shows it. */
  header(step: Step): string;
  /** `step 3/32 (attach)`: the step as the learner knows it (numbering.ts). */
  label(step: Step): string;
  /** The verdicts of a step that stopped the replay, and the learner's key after them. */
  afterStep(step: Step, results: StepResult[], interrupted: boolean): Promise<'next' | 'quit' | 'retry'>;
}

/** Replay `steps` before `target`; false when the learner quit. */
export async function replaySteps(steps: readonly Step[], target: Step, host: ReplayHost): Promise<boolean> {
  const { screen } = host;
  const { style } = screen;
  const started = performance.now();
  for (const step of steps) {
    screen.write(`\r\x1b[2K${style.dim(`replaying ${host.label(step)}`)}`);
    const { results, interrupted } = await host.execute(step);
    const bad = results.filter((r) => host.isSetback(r, r.step === step && interrupted));
    if (bad.length === 0) {
      host.record(results, step, interrupted);
      continue;
    }
    screen.write('\r\x1b[2K');
    screen.lines([style.yellow(`Replaying stopped at a step that did not go as the lesson expects:`), '']);
    const own = bad.find((r) => r.step === step);
    if (own) screen.lines([host.header(step), ...screenLines(own.screen)]);
    if ((await host.afterStep(step, results, interrupted)) === 'quit') return false;
  }
  screen.write('\r\x1b[2K');
  // Counted as the learner counts steps: the hidden ones apart.
  const hidden = steps.filter((s) => s.hidden).length;
  const shown = steps.length - hidden;
  const count = `${shown} step${shown === 1 ? '' : 's'}${hidden > 0 ? ` and ${hidden} preparation step${hidden === 1 ? '' : 's'}` : ''}`;
  screen.lines([`${style.green('✓')} replayed ${count} ${style.dim(`(${formatMs(performance.now() - started)})`)}; studying from ${host.label(target)}`, '']);
  return true;
}
