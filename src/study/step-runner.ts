// Running one step in study mode and showing how it went: its output live
// (Ctrl-C interrupts it inside the sandbox), the verdicts of what it
// settled (background steps included), the hidden steps' one-line notes
// and the group `h` shows. On a setback it asks the session what next.
import type { Lesson, Step } from '../lesson/types.js';
import type { LessonRun } from '../run/lesson-run.js';
import type { StepResult } from '../run/outcome.js';
import type { KeyInput } from './keys.js';
import type { StudyLedger } from './ledger.js';
import { LiveOutput } from './live-output.js';
import { stepPosition } from './numbering.js';
import type { Screen } from './screen.js';
import type { OutputRelay } from './relay.js';
import { hiddenNote, isSetback, screenLines, stepCommandLines, stepHeader, verdictLines } from './view/index.js';

/** What comes after a step: the next one, the end, or the same step again (r after a setback). */
export type StepEnd = 'next' | 'quit' | 'retry';

export interface StepRunnerOptions {
  lesson: Lesson;
  run: LessonRun;
  relay: OutputRelay;
  keys: KeyInput;
  screen: Screen;
  ledger: StudyLedger;
  /** `--yes`: no key is awaited; Ctrl-C during a step ends that. */
  auto: boolean;
  /** After a setback, when a learner is there: what they choose (`retryable`: r is offered). */
  setback(retryable: boolean): Promise<StepEnd>;
}

export class StepRunner {
  /** The hidden steps that ran last (one group, between two visible steps), for `h`. */
  private collapsed: StepResult[] = [];
  /** A visible step ran since the last hidden one: the next hidden step starts a new group. */
  private visibleRan = false;
  /** Still running without keys: `--yes` and no Ctrl-C yet. */
  auto: boolean;

  constructor(private readonly options: StepRunnerOptions) {
    this.auto = options.auto;
  }

  header(step: Step): string {
    return stepHeader(step, stepPosition(this.options.lesson, step), this.options.screen.ctx());
  }

  /** The step's header and commands, as shown before it runs. */
  stepLines(step: Step): string[] {
    return [this.header(step), ...stepCommandLines(step, this.options.screen.ctx())];
  }

  showStep(step: Step): void {
    this.options.screen.lines(this.stepLines(step));
  }

  /** A visible step, its output live, then its verdicts. */
  async visible(step: Step, retryable: boolean): Promise<StepEnd> {
    this.visibleRan = true;
    const { results, interrupted } = await this.execute(step, true);
    return this.afterStep(step, results, interrupted, retryable);
  }

  /** Run the step, output live when `live`; Ctrl-C interrupts it inside the sandbox. */
  async execute(step: Step, live: boolean): Promise<{ results: StepResult[]; interrupted: boolean }> {
    const { run, relay, keys, screen } = this.options;
    const output = new LiveOutput((t) => screen.write(t), screen.style.enabled);
    let interrupted = false;
    const release = keys.capture((key) => {
      if (key !== 'ctrl-c') return;
      interrupted = true;
      this.auto = false;
      void run.terminal(step.term).then((t) => t.write('\x03'), () => undefined);
    });
    if (live) relay.target = (s, text) => (s === step ? output.push(text) : undefined);
    try {
      const results = await run.run(step);
      return { results, interrupted };
    } finally {
      relay.target = undefined;
      release();
      output.end();
      // Output shown live was watched as it came: it does not hold the text that follows.
      if (live) screen.seen();
    }
  }

  /** Verdicts of what the step settled; stop and ask on a setback. */
  async afterStep(step: Step, results: StepResult[], interrupted: boolean, retryable = false): Promise<StepEnd> {
    const { screen, ledger, lesson } = this.options;
    const { style } = screen;
    const ctx = screen.ctx();
    let setback = false;
    const own = results.filter((r) => r.step === step);
    for (const result of [...own, ...results.filter((r) => r.step !== step)]) {
      const info = ledger.info(result, result.step === step && interrupted);
      setback ||= isSetback(ledger.verdict(result, info.interrupted));
      if (result.step === step) screen.lines(verdictLines(result, lesson.file, info, ctx));
      else this.backgroundResult(result, info.interrupted);
    }
    ledger.record(results, step, interrupted);
    if (step.background && own.length === 0) {
      screen.lines([`${style.cyan('⟳')} ${style.dim(`running in the background in terminal ${step.term}; the lesson goes on`)}`]);
    }
    screen.write('\n');
    if (interrupted && this.options.auto && !this.auto) {
      screen.lines([style.dim('Stepping by hand from here (Ctrl-C stopped the automatic run).'), '']);
    }
    if (setback && !this.auto) return this.options.setback(retryable);
    return 'next';
  }

  /** A background step's output, shown when it settled (not live). */
  backgroundResult(result: StepResult, interrupted = false): void {
    const { screen, ledger, lesson } = this.options;
    screen.lines([
      '',
      this.header(result.step),
      screen.style.dim(`  output of the background step ${result.step.name} (terminal ${result.step.term}):`),
      ...screenLines(result.screen),
      ...verdictLines(result, lesson.file, ledger.info(result, interrupted), screen.ctx()),
    ]);
  }

  /** A hidden step: one line when it goes as expected, opened up when it does not. */
  async hidden(step: Step): Promise<StepEnd> {
    const { screen, ledger } = this.options;
    const role = stepPosition(this.options.lesson, step).role ?? 'preparation';
    screen.write(screen.style.dim(`◦ ${role}: running ${step.name}…`));
    const { results, interrupted } = await this.execute(step, false);
    screen.write('\r\x1b[2K');
    const own = results.find((r) => r.step === step);
    if (own && !isSetback(ledger.verdict(own, interrupted))) {
      screen.lines([hiddenNote(own, ledger.info(own), screen.ctx(), role), '']);
      if (this.visibleRan) this.collapsed = [];
      this.visibleRan = false;
      this.collapsed.push(own);
      ledger.record([own]);
      const others = results.filter((r) => r !== own);
      if (others.length === 0) return 'next';
      return this.afterStep(step, others, false);
    }
    if (own) screen.lines([this.header(step), ...screenLines(own.screen)]);
    return this.afterStep(step, results, interrupted);
  }

  /** Hidden steps ran just before the step at the prompt: `h` shows them. */
  hiddenOffered(): boolean {
    return this.collapsed.length > 0 && !this.visibleRan;
  }

  /** `h`: the hidden steps of the last group, once, held a screenful at a time. */
  async expandHidden(): Promise<void> {
    const { screen, ledger, lesson } = this.options;
    const ctx = screen.ctx();
    if (this.collapsed.length === 0) screen.lines([ctx.style.dim('No hidden step has run yet.'), '']);
    for (const result of this.collapsed) {
      await screen.page([this.header(result.step), ...screenLines(result.screen), ...verdictLines(result, lesson.file, ledger.info(result), ctx), '']);
    }
    this.collapsed = [];
  }
}
