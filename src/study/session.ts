// The interactive study session: the lesson's prose and steps in order, each
// step shown and run when the learner says so, its output live, then its
// verdict. Drives the one LessonRun (the runner `learn test` uses), so every
// verdict is the runner's. Keys come from KeyInput (raw mode), text goes to
// a StudyScreen; nothing here knows about process.stdin or argv. Running a
// step is step-runner.ts's, the prompts are prompts.ts's (their keys in
// actions.ts), what the learner opens aside is aside.ts's, the quiet replay
// of `--from` is replay.ts's.
import type { Lesson, Step } from '../lesson/types.js';
import type { LessonRun } from '../run/lesson-run.js';
import type { StepResult } from '../run/outcome.js';
import type { Style } from '../report/style.js';
import { drawTopology, introParts, openShell, proseText } from './aside.js';
import type { KeyInput } from './keys.js';
import { StudyLedger } from './ledger.js';
import { typeCommands } from './line-input.js';
import { ansiProseStyle, wrapPlain, type ProseStyle } from './prose/index.js';
import { stepLabel, visibleSteps } from './numbering.js';
import { Prompts } from './prompts.js';
import type { OutputRelay } from './relay.js';
import { replaySteps } from './replay.js';
import { Screen, type StudyScreen } from './screen.js';
import type { ShellWindow } from './shell.js';
import { StepRunner, type StepEnd } from './step-runner.js';
import { taskStep } from './task-step.js';
import { bannerLines, isSetback, recapLines, ruleWidth, verdictLines, type Recap } from './view/index.js';

export type { StudyScreen } from './screen.js';
export { MAX_PROSE_WIDTH } from './aside.js';
export { OutputRelay } from './relay.js';

/** Longest the prose waits for a background step that is still printing to end. */
const BACKGROUND_GRACE_MS = 1000;

export interface StudyOptions {
  lesson: Lesson;
  run: LessonRun;
  relay: OutputRelay;
  keys: KeyInput;
  screen: StudyScreen;
  style: Style;
  /** 0-based index of the first step to study; the ones before it are replayed quietly. */
  from: number;
  /** `--yes`: run every step without waiting for a key. */
  auto: boolean;
  /** `--type`: the learner types each command instead of pressing Enter. */
  typeMode?: boolean;
  /** Steps that have a stored snapshot. */
  storedSnapshots: ReadonlySet<string>;
  /** Their stored outputs, shown beside a step that failed. */
  storedOutputs?: ReadonlyMap<string, string>;
  /** The learner's window, for the `!` shell (output, size, resizes). */
  window: ShellWindow;
  /** TERM of the learner's terminal, for the `!` shell. */
  term?: string;
}

export interface StudyOutcome {
  recap: Recap;
  results: StepResult[];
}

export class StudySession {
  private readonly ledger: StudyLedger;
  private readonly screen: Screen;
  private readonly steps: StepRunner;
  private readonly prompts: Prompts;
  private readonly proseStyle: ProseStyle;
  /** The step just skipped with `s`, for a note before the next prose. */
  private lastSkipped: Step | undefined;
  /** Steps already dealt with out of order: a task's solution, run or not needed. */
  private readonly handled = new Set<Step>();
  private readonly started = performance.now();

  constructor(private readonly options: StudyOptions) {
    const { lesson, run, relay, keys, style } = options;
    this.proseStyle = ansiProseStyle(style.enabled);
    this.screen = new Screen(options.screen, style, keys, options.auto);
    this.ledger = new StudyLedger(options.storedSnapshots, options.storedOutputs);
    this.prompts = new Prompts(this.screen, keys, () => {
      const done = this.ledger.doneNames();
      // The steps the learner sees (numbering.ts), ^C steps too: they are numbered like the others.
      return visibleSteps(lesson).filter((s) => !done.has(s.name)).length;
    });
    this.steps = new StepRunner({
      lesson, run, relay, keys, screen: this.screen, ledger: this.ledger, auto: options.auto,
      setback: (retryable) => this.prompts.setback(retryable, (action) => (action === 'shell' ? this.shell() : drawTopology(this.screen, run))),
    });
  }

  async study(): Promise<StudyOutcome> {
    const { lesson, from } = this.options;
    await this.screen.page(bannerLines(lesson, this.steps.auto, this.screen.ctx()));
    let quit = false;
    const target = lesson.steps[from];
    if (from > 0 && target) quit = !(await this.replay(lesson.steps.slice(0, from), target));
    if (!quit) {
      for (const part of lesson.parts.slice(this.firstPart(from))) {
        if (part.kind === 'prose') {
          await this.settledBackgrounds();
          this.skippedNote();
          await this.prose(part.tokens);
          continue;
        }
        if (part.step.index < from) continue;
        if ((await this.step(part.step)) === 'quit') {
          quit = true;
          break;
        }
      }
    }
    if (!quit && !this.steps.auto) await this.endPrompt();
    if (!quit) await this.finish();
    const results = this.ledger.results;
    const recap: Recap = { lesson, results, durationMs: performance.now() - this.started, quit };
    this.screen.lines(recapLines(recap, this.screen.ctx()));
    return { recap, results: results.map((r) => r.result) };
  }

  /** A part of the lesson's text, held at a screenful so that none of it scrolls away unread. */
  private async prose(tokens: Parameters<typeof proseText>[0]): Promise<void> {
    const text = proseText(tokens, this.screen, this.proseStyle);
    if (text.trim() !== '') await this.screen.page([...text.split('\n'), '']);
  }

  /** Where to start showing the lesson: the prose right before the first studied step. */
  private firstPart(from: number): number {
    if (from === 0) return 0;
    const parts = this.options.lesson.parts;
    const at = parts.findIndex((p) => p.kind === 'step' && p.step.index === from);
    return at > 0 && parts[at - 1]?.kind === 'prose' ? at - 1 : Math.max(0, at);
  }

  // ---- one step ------------------------------------------------------------------

  private async step(step: Step): Promise<'next' | 'quit'> {
    let { end, ran } = await this.stepOnce(step);
    while (end === 'retry') {
      // r runs again what ran: the learner's own commands when they typed them.
      this.screen.lines([this.options.style.dim(ran === step ? `Running ${step.name} again.` : 'Running what you typed again.')]);
      this.steps.showStep(ran);
      end = await this.steps.visible(ran, true);
    }
    return end;
  }

  /** The step's first time: shown, its prompt, then run; `ran` is what ran (the learner's copy when they typed it). */
  private async stepOnce(step: Step): Promise<{ end: StepEnd; ran: Step }> {
    const { style, run } = this.options;
    const done = (end: StepEnd): { end: StepEnd; ran: Step } => ({ end, ran: step });
    if (step.norun) {
      this.steps.showStep(step);
      this.screen.lines([`  ${style.dim('(shown only: this step is not run in the sandbox)')}`, '']);
      this.ledger.record(await run.run(step));
      return done('next');
    }
    if (this.handled.has(step)) return done('next');
    if (step.check && !this.steps.auto) return done(await this.taskStep(step));
    if (step.hidden) return done(await this.steps.hidden(step));
    // The step and its prompt must not push text not yet read off the screen.
    if (!this.steps.auto) await this.screen.room(this.steps.stepLines(step).length + 1);
    this.steps.showStep(step);
    let typed = step;
    if (!this.steps.auto) {
      let choice = this.options.typeMode ? 'type' : await this.stepPrompt(step);
      while (choice === 'type') {
        const own = await typeCommands(step, this.options.keys, (t) => this.screen.write(t), style);
        if (own) {
          typed = own;
          break;
        }
        choice = await this.stepPrompt(step);
      }
      if (choice === 'quit') return done('quit');
      if (choice === 'skip') {
        const result = run.skip(step, 'skipped by you');
        this.ledger.record([result]);
        this.lastSkipped = step;
        this.screen.lines([...verdictLines(result, this.options.lesson.file, this.ledger.info(result), this.screen.ctx()).slice(0, 1).map((l) => `  ${l}`), '']);
        return done('next');
      }
    }
    return { end: await this.steps.visible(typed, true), ran: typed };
  }

  /** A task: the learner's own prompt until the check passes, or the task's keys say otherwise. */
  private taskStep(check: Step): Promise<StepEnd> {
    const { style, run, lesson, keys, window, term } = this.options;
    const screen = this.screen;
    return taskStep(check, {
      screen, ledger: this.ledger, handled: this.handled,
      context: {
        lesson, run, style, keys, proseStyle: this.proseStyle, window, term,
        write: (text) => screen.write(text),
        ctx: () => screen.ctx(),
        quitKey: (key) => this.prompts.shared(key),
      },
      header: (step) => this.steps.header(step),
      showStep: (step) => this.steps.showStep(step),
      run: (step) => this.steps.visible(step, false),
      afterStep: (step, results, interrupted) => this.steps.afterStep(step, results, interrupted),
    });
  }

  private stepPrompt(step: Step): Promise<'run' | 'type' | 'skip' | 'quit'> {
    return this.prompts.step(() => this.steps.hiddenOffered(), async (action) => {
      if (action === 'topology') return drawTopology(this.screen, this.options.run);
      if (action === 'intro') await this.showIntro();
      else if (action === 'shell') await this.shell();
      // Shown once, above this step's header again, so the prompt stays under the step Enter runs.
      else await this.steps.expandHidden();
      await this.screen.room(this.steps.stepLines(step).length + 1);
      this.steps.showStep(step);
    });
  }

  /** The lesson's last step is done: end it, or stay in a shell in its final state first. */
  private async endPrompt(): Promise<void> {
    await this.settledBackgrounds();
    if (await this.prompts.end()) await this.shell();
  }

  // ---- asides, replay, the end ----------------------------------------------------------

  private async shell(): Promise<void> {
    const { run, lesson, keys, window, term } = this.options;
    this.ledger.shellUsed = true;
    await openShell({ screen: this.screen, run, lesson, keys, window, ...(term !== undefined ? { term } : {}) });
  }

  /** The lesson's intro (the prose before its first step, diagram included) again. */
  private async showIntro(): Promise<void> {
    this.screen.lines([this.options.style.dim('── the lesson\'s introduction, again ──'), '']);
    for (const tokens of introParts(this.options.lesson)) await this.prose(tokens);
  }

  /** Run the steps before `--from` without showing them; stop at a setback to ask. */
  private replay(steps: Step[], target: Step): Promise<boolean> {
    return replaySteps(steps, target, {
      screen: this.screen,
      execute: (step) => this.steps.execute(step, false),
      isSetback: (result, interrupted) => isSetback(this.ledger.verdict(result, interrupted)),
      record: (results, step, interrupted) => this.ledger.record(results, step, interrupted),
      header: (step) => this.steps.header(step),
      label: (step) => stepLabel(this.options.lesson, step),
      afterStep: (step, results, interrupted) => this.steps.afterStep(step, results, interrupted),
    });
  }

  /**
   * Background steps that ended by themselves (or by ^C) are shown now, before
   * the prose that talks about them; one still printing (a capture whose last
   * packet just came) is given a moment to end.
   */
  private async settledBackgrounds(): Promise<void> {
    const late = (await this.options.run.settledBackgrounds(BACKGROUND_GRACE_MS)).filter((r) => !this.ledger.has(r));
    for (const r of late) this.steps.backgroundResult(r);
    this.ledger.record(late);
    if (late.length > 0) this.screen.write('\n');
  }

  /** After `s`, the prose that follows may describe the skipped step's result: say so once. */
  private skippedNote(): void {
    const skipped = this.lastSkipped;
    this.lastSkipped = undefined;
    if (!skipped) return;
    const text = `You skipped ${stepLabel(this.options.lesson, skipped)}: what follows may describe what it would have done.`;
    this.screen.lines([...wrapPlain(text, ruleWidth(this.screen.ctx())).map((l) => this.options.style.dim(l)), '']);
  }

  /** Settle what still runs in the background and show it. */
  private async finish(): Promise<void> {
    const result = await this.options.run.close();
    const late = result.steps.filter((r) => !this.ledger.has(r));
    for (const r of late) this.steps.backgroundResult(r);
    this.ledger.record(late);
  }
}
