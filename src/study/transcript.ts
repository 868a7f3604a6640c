// `learn run` without a terminal (CI, a pipe): every step straight through,
// each printed as a transcript block (the screen the step left, then its
// verdict), and the recap at the end. Same runner and verdicts as the
// interactive session; the exit code follows `learn test`.
import type { Lesson, Step } from '../lesson/types.js';
import type { LessonRun } from '../run/lesson-run.js';
import { isFailure, type StepResult } from '../run/outcome.js';
import type { Style } from '../report/style.js';
import { ansiShellPalette } from './highlight.js';
import { stepCountText, stepLabel, stepPosition, type StepPosition } from './numbering.js';
import { recapLines, screenLines, stepCommandLines, stepHeader, verdictLines, verdictOf, type Recap, type Verdict, type ViewContext } from './view/index.js';

export interface TranscriptOptions {
  lesson: Lesson;
  run: LessonRun;
  write: (text: string) => void;
  style: Style;
  width: number;
  storedSnapshots: ReadonlySet<string>;
  /** 0-based index of the first step to show; earlier ones run quietly (failures are still shown). */
  from: number;
}

export interface TranscriptOutcome {
  recap: Recap;
  /** Some step failed, differed or timed out. */
  failed: boolean;
}

export async function runTranscript(options: TranscriptOptions): Promise<TranscriptOutcome> {
  const { lesson, run, write, style } = options;
  const ctx: ViewContext = { style, palette: ansiShellPalette(style.enabled), width: options.width };
  const started = performance.now();
  const results: Array<{ result: StepResult; verdict: Verdict }> = [];
  const shown = new Set<StepResult>();
  const position = (step: Step): StepPosition => stepPosition(lesson, step);

  const show = (result: StepResult, quiet: boolean): void => {
    shown.add(result);
    const verdict = verdictOf(result, { hasSnapshot: options.storedSnapshots.has(result.step.name) });
    results.push({ result, verdict });
    if (quiet && !isFailure(result.outcome)) return;
    const body = result.outcome.kind === 'skipped' ? stepCommandLines(result.step, ctx) : screenLines(result.screen);
    const lines = [
      stepHeader(result.step, position(result.step), ctx),
      ...body,
      ...verdictLines(result, lesson.file, { hasSnapshot: options.storedSnapshots.has(result.step.name) }, ctx),
      '',
    ];
    write(lines.join('\n') + '\n');
  };

  write(`${style.bold(lesson.meta.title)}${lesson.meta.summary ? ` · ${lesson.meta.summary}` : ''}\n${style.dim(`${lesson.file} · ${stepCountText(lesson)}`)}\n\n`);
  const first = lesson.steps[options.from];
  if (options.from > 0 && first) write(style.dim(`running the steps before ${stepLabel(lesson, first)} quietly (--from)\n\n`));
  for (const step of lesson.steps) {
    const quiet = step.index < options.from;
    const settled = await run.run(step);
    for (const result of settled) show(result, quiet && result.step.index < options.from);
    if (step.background && !settled.some((r) => r.step === step) && !quiet) {
      write(`${stepHeader(step, position(step), ctx)}\n${stepCommandLines(step, ctx).join('\n')}\n${style.cyan('⟳')} started in the background in terminal ${step.term}\n\n`);
    }
  }
  const closed = await run.close();
  for (const result of closed.steps) if (!shown.has(result)) show(result, false);
  const recap: Recap = { lesson, results, durationMs: performance.now() - started, quit: false };
  write(recapLines(recap, ctx).slice(0, 3).join('\n') + '\n');
  return { recap, failed: closed.steps.some((r) => isFailure(r.outcome)) };
}
