// The interactive study session: the lesson's prose and steps in order, each
// step shown and run when the learner says so, its output live, then its
// verdict. Drives the one LessonRun (the runner `learn test` uses), so every
// verdict is the runner's. Keys come from KeyInput (raw mode), text goes to
// a StudyScreen; nothing here knows about process.stdin or argv.
import type { Lesson, Step } from '../lesson/types.js';
import type { LessonRun, RunEvents } from '../run/lesson-run.js';
import type { StepResult } from '../run/outcome.js';
import { formatMs } from '../text/format.js';
import type { Style } from '../report/style.js';
import { ansiShellPalette } from './highlight.js';
import type { Key, KeyInput } from './keys.js';
import { LiveOutput } from './live-output.js';
import { ansiProseStyle, renderProse, wrapPlain, type ProseStyle } from './prose/index.js';
import { runStudyShell, type ShellWindow } from './shell.js';
import { solutionSteps, studyTask, type TaskContext } from './task.js';
import { differenceLines, readLine, sameCommand } from './line-input.js';
import { displayWidth } from '../text/width.js';
import {
  helpLines, hiddenNote, isSetback, keyLine, recapLines, ruleWidth, stepCommandLines, stepHeader,
  verdictLines, verdictOf, type KeyHint, type Recap, type Verdict, type VerdictInfo, type ViewContext,
} from './view.js';

export interface StudyScreen {
  write(text: string): void;
  /** Columns of the learner's window now (it may be resized at any time). */
  columns(): number;
}

/** Routes the runner's live output to whoever shows it now. Pass `events` to LessonRun.open. */
export class OutputRelay {
  target: ((step: Step, text: string) => void) | undefined;
  readonly events: RunEvents = { stepOutput: (step, text) => this.target?.(step, text) };
}

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

/** Prose is wrapped to the window, but never wider than this (long lines are hard to read). */
export const MAX_PROSE_WIDTH = 100;

type Choice = 'run' | 'type' | 'skip' | 'quit';
/** What comes after a step: the next one, the end, or the same step again (r after a setback). */
type StepEnd = 'next' | 'quit' | 'retry';

export class StudySession {
  private readonly results: Array<{ result: StepResult; verdict: Verdict }> = [];
  private readonly seen = new Set<StepResult>();
  /** The hidden steps that ran last (one group, between two visible steps), for `h`. */
  private collapsed: StepResult[] = [];
  /** A visible step ran since the last hidden one: the next hidden step starts a new group. */
  private visibleRan = false;
  /** The learner opened the `!` shell: what they changed there may show in later outputs. */
  private shellUsed = false;
  private auto: boolean;
  /** The step just skipped with `s`, for a note before the next prose. */
  private lastSkipped: Step | undefined;
  /** Steps already dealt with out of order: a task's solution, run or not needed. */
  private readonly handled = new Set<Step>();
  private readonly started = performance.now();
  private readonly proseStyle: ProseStyle;

  constructor(private readonly options: StudyOptions) {
    this.auto = options.auto;
    this.proseStyle = ansiProseStyle(options.style.enabled);
  }

  async study(): Promise<StudyOutcome> {
    const { lesson } = this.options;
    this.banner();
    let quit = false;
    const from = this.options.from;
    if (from > 0) quit = !(await this.replay(lesson.steps.slice(0, from)));
    if (!quit) {
      for (const part of lesson.parts.slice(this.firstPart(from))) {
        if (part.kind === 'prose') {
          await this.settledBackgrounds();
          this.skippedNote();
          this.prose(part.tokens);
          continue;
        }
        if (part.step.index < from) continue;
        if ((await this.step(part.step)) === 'quit') {
          quit = true;
          break;
        }
      }
    }
    if (!quit && !this.auto) await this.endPrompt();
    if (!quit) await this.finish();
    const recap: Recap = { lesson, results: this.results, durationMs: performance.now() - this.started, quit };
    this.write(recapLines(recap, this.ctx()).join('\n') + '\n');
    return { recap, results: this.results.map((r) => r.result) };
  }

  // ---- layout ----------------------------------------------------------------

  private ctx(): ViewContext {
    return { style: this.options.style, palette: ansiShellPalette(this.options.style.enabled), width: this.options.screen.columns() };
  }

  private write(text: string): void {
    this.options.screen.write(text);
  }

  private lines(lines: string[]): void {
    if (lines.length > 0) this.write(lines.join('\n') + '\n');
  }

  private banner(): void {
    const { lesson, style } = this.options;
    const ctx = this.ctx();
    const visible = lesson.steps.filter((s) => !s.hidden && !s.norun).length;
    const info = [`${lesson.steps.length} steps`, visible !== lesson.steps.length ? `${visible} to run by hand` : ''].filter(Boolean).join(', ');
    const rule = style.dim('─'.repeat(ruleWidth(ctx)));
    const about = wrapPlain(
      `${lesson.file} · ${info}. Every step runs in a disposable sandbox; nothing on this machine changes. ` +
        (this.auto ? 'Running every step without waiting (--yes); Ctrl-C interrupts a step.' : 'Enter runs a step, ? lists the keys.'),
      ruleWidth(ctx),
    );
    const title = `${lesson.meta.title}${lesson.meta.summary ? ` · ${lesson.meta.summary}` : ''}`;
    const titleLines = displayWidth(title) <= ruleWidth(ctx)
      ? [`${style.bold(lesson.meta.title)}${lesson.meta.summary ? style.dim(` · ${lesson.meta.summary}`) : ''}`]
      : [style.bold(lesson.meta.title), ...wrapPlain(lesson.meta.summary, ruleWidth(ctx)).map((l) => style.dim(l))];
    this.lines([
      rule,
      ...titleLines,
      ...about.map((line) => style.dim(line)),
      rule,
      '',
    ]);
  }

  private prose(tokens: Parameters<typeof renderProse>[0]): void {
    const width = Math.min(this.options.screen.columns(), MAX_PROSE_WIDTH);
    const text = renderProse(tokens, { width, style: this.proseStyle });
    if (text.trim() !== '') this.write(text + '\n\n');
  }

  /** Where to start showing the lesson: the prose right before the first studied step. */
  private firstPart(from: number): number {
    if (from === 0) return 0;
    const parts = this.options.lesson.parts;
    const at = parts.findIndex((p) => p.kind === 'step' && p.step.index === from);
    return at > 0 && parts[at - 1]!.kind === 'prose' ? at - 1 : Math.max(0, at);
  }

  private position(step: Step): { number: number; total: number } {
    return { number: step.index + 1, total: this.options.lesson.steps.length };
  }

  private showStep(step: Step): void {
    const ctx = this.ctx();
    this.lines([stepHeader(step, this.position(step), ctx), ...stepCommandLines(step, ctx)]);
  }

  // ---- one step ------------------------------------------------------------------

  private async step(step: Step): Promise<'next' | 'quit'> {
    for (let again = false; ; again = true) {
      const end = await this.stepOnce(step, again);
      if (end !== 'retry') return end;
      this.lines([this.options.style.dim(`Running ${step.name} again.`)]);
    }
  }

  /** `again`: the learner pressed r after a setback; it runs at once. */
  private async stepOnce(step: Step, again = false): Promise<StepEnd> {
    const { style } = this.options;
    if (step.norun) {
      this.showStep(step);
      this.lines([`  ${style.dim('(shown only: this step is not run in the sandbox)')}`, '']);
      this.record(await this.options.run.run(step));
      return 'next';
    }
    if (this.handled.has(step)) return 'next';
    if (step.check && !this.auto) return this.taskStep(step);
    if (step.hidden) return this.hiddenStep(step);
    this.showStep(step);
    let typed = step;
    if (!this.auto && !again) {
      let choice = this.options.typeMode ? 'type' : await this.stepPrompt(step);
      while (choice === 'type') {
        const own = await this.typeItYourself(step);
        if (own) {
          typed = own;
          break;
        }
        choice = await this.stepPrompt(step);
      }
      if (choice === 'quit') return 'quit';
      if (choice === 'skip') {
        const result = this.options.run.skip(step, 'skipped by you');
        this.record([result]);
        this.lastSkipped = step;
        this.lines([`  ${verdictLines(result, this.options.lesson.file, this.info(result), this.ctx())[0]}`, '']);
        return 'next';
      }
    }
    this.visibleRan = true;
    const { results, interrupted } = await this.execute(typed, true);
    return this.afterStep(typed, results, interrupted, true);
  }

  /** The learner types each command of the step; undefined when they went back to the keys (Escape). */
  private async typeItYourself(step: Step): Promise<Step | undefined> {
    const { style, keys } = this.options;
    const commands: Step['commands'] = [];
    this.lines([style.dim('  Type the command yourself (Escape: back to the keys).')]);
    for (const command of step.commands) {
      if (command.text.trim() === '') {
        commands.push(command);
        continue;
      }
      const line = await readLine(keys, (t) => this.write(t), `${style.cyan('you')} ${style.dim('$')} `);
      if (line === undefined) return undefined;
      if (!sameCommand(line, command.text)) this.lines(differenceLines(line, command.text, style));
      commands.push({ line: command.line, text: line });
    }
    return { ...step, commands };
  }

  /** A task: the learner's own prompt until the check passes, or the task's keys say otherwise. */
  private async taskStep(check: Step): Promise<StepEnd> {
    const { style, run, lesson } = this.options;
    this.lines([stepHeader(check, this.position(check), this.ctx())]);
    const solution = solutionSteps(lesson, check);
    const context: TaskContext = {
      lesson, run, style, keys: this.options.keys, proseStyle: this.proseStyle, window: this.options.window, term: this.options.term,
      write: (text) => this.write(text),
      ctx: () => this.ctx(),
      quitKey: (key) => this.quitKey(key),
    };
    this.shellUsed = true;
    const end = await studyTask(check, context);
    switch (end.kind) {
      case 'quit':
        return 'quit';
      case 'solved':
        this.record([end.result]);
        for (const step of solution) {
          this.handled.add(step);
          this.record([run.skip(step, `not needed: you solved task ${check.name} yourself`)]);
        }
        return 'next';
      case 'skipped':
        this.record([run.skip(check, 'skipped by you')]);
        for (const step of solution) {
          this.handled.add(step);
          this.record([run.skip(step, `task ${check.name} skipped by you`)]);
        }
        this.lines([`  ${style.dim(`- task ${check.name} skipped; later steps may count on it`)}`, '']);
        return 'next';
      case 'runSolution':
        for (const step of solution) {
          this.handled.add(step);
          this.showStep(step);
          this.visibleRan = true;
          const { results, interrupted } = await this.execute(step, true);
          if ((await this.afterStep(step, results, interrupted)) === 'quit') return 'quit';
        }
        return this.afterStep(check, [run.recordCheck(check, await run.check(check, { retry: true }))], false);
    }
  }

  private async hiddenStep(step: Step): Promise<StepEnd> {
    const { style } = this.options;
    this.write(style.dim(`◦ preparation: running ${step.name}…`));
    const { results, interrupted } = await this.execute(step, false);
    this.write('\r\x1b[2K');
    const own = results.find((r) => r.step === step);
    if (own && !isSetback(verdictOf(own, this.info(own, interrupted)))) {
      this.lines([hiddenNote(own, this.info(own), this.ctx()), '']);
      if (this.visibleRan) this.collapsed = [];
      this.visibleRan = false;
      this.collapsed.push(own);
      this.record([own]);
      const others = results.filter((r) => r !== own);
      if (others.length === 0) return 'next';
      return this.afterStep(step, others, false);
    }
    if (own) this.lines([stepHeader(step, this.position(step), this.ctx()), ...screenLines(own.screen)]);
    return this.afterStep(step, results, interrupted);
  }

  /** Run the step, output live when `live`; Ctrl-C interrupts it inside the sandbox. */
  private async execute(step: Step, live: boolean): Promise<{ results: StepResult[]; interrupted: boolean }> {
    const { run, relay, keys, style } = this.options;
    const output = new LiveOutput((t) => this.write(t), style.enabled);
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
    }
  }

  /** Verdicts of what the step settled; stop and ask on a setback. */
  private async afterStep(step: Step, results: StepResult[], interrupted: boolean, retryable = false): Promise<StepEnd> {
    const { style } = this.options;
    const ctx = this.ctx();
    let setback = false;
    const own = results.filter((r) => r.step === step);
    for (const result of [...own, ...results.filter((r) => r.step !== step)]) {
      const info = this.info(result, result.step === step && interrupted);
      const verdict = verdictOf(result, info);
      setback ||= isSetback(verdict);
      if (result.step === step) this.lines(verdictLines(result, this.options.lesson.file, info, ctx));
      else this.backgroundResult(result, info);
    }
    this.record(results, step, interrupted);
    if (step.background && own.length === 0) {
      this.lines([`${style.cyan('⟳')} ${style.dim(`running in the background in terminal ${step.term}; the lesson goes on`)}`]);
    }
    this.write('\n');
    if (interrupted && this.options.auto && !this.auto) {
      this.lines([style.dim('Stepping by hand from here (Ctrl-C stopped the automatic run).'), '']);
    }
    if (setback && !this.auto) return this.setbackPrompt(retryable);
    return 'next';
  }

  private backgroundResult(result: StepResult, info: VerdictInfo): void {
    const { style } = this.options;
    const ctx = this.ctx();
    this.lines([
      '',
      stepHeader(result.step, this.position(result.step), ctx),
      style.dim(`  output of the background step ${result.step.name} (terminal ${result.step.term}):`),
      ...screenLines(result.screen),
      ...verdictLines(result, this.options.lesson.file, info, ctx),
    ]);
  }

  private info(result: StepResult, interrupted = false): VerdictInfo {
    const expected = this.options.storedOutputs?.get(result.step.name);
    return { hasSnapshot: this.options.storedSnapshots.has(result.step.name), interrupted, shellUsed: this.shellUsed, ...(expected !== undefined ? { expected } : {}) };
  }

  private record(results: StepResult[], step?: Step, interrupted = false): void {
    for (const result of results) {
      if (this.seen.has(result)) continue;
      this.seen.add(result);
      this.results.push({ result, verdict: verdictOf(result, this.info(result, result.step === step && interrupted)) });
    }
  }

  // ---- prompts ---------------------------------------------------------------------

  private stepHints(): KeyHint[] {
    return [
      { key: 'Enter', label: 'run' },
      { key: 's', label: 'skip' },
      { key: '!', label: 'shell' },
      ...(this.collapsed.length > 0 && !this.visibleRan ? [{ key: 'h', label: 'show hidden' }] : []),
      { key: 'q', label: 'quit' },
      { key: '?', label: 'keys' },
    ];
  }

  private async stepPrompt(step: Step): Promise<Choice> {
    for (;;) {
      const key = await this.ask(keyLine(this.stepHints(), this.ctx()));
      switch (key) {
        case 'enter':
          return 'run';
        case 's':
          return 'skip';
        case 'y':
          return 'type';
        case 'i':
          this.showIntro();
          this.showStep(step);
          break;
        case '!':
          await this.shell();
          this.showStep(step);
          break;
        case 'h':
          // Shown once, above this step's header again, so the prompt stays under the step Enter runs.
          this.expandHidden();
          this.collapsed = [];
          this.showStep(step);
          break;
        case 't':
          await this.topology();
          break;
        default:
          if (await this.quitKey(key)) return 'quit';
      }
    }
  }

  private async setbackPrompt(retryable: boolean): Promise<StepEnd> {
    const hints: KeyHint[] = [
      { key: 'Enter', label: 'go on anyway' },
      ...(retryable ? [{ key: 'r', label: 'retry' }] : []),
      { key: '!', label: 'shell, to look around' },
      { key: 'q', label: 'quit' },
      { key: '?', label: 'keys' },
    ];
    for (;;) {
      const key = await this.ask(keyLine(hints, this.ctx()));
      switch (key) {
        case 'enter':
          return 'next';
        case 'r':
          if (retryable) return 'retry';
          break;
        case '!':
          await this.shell();
          break;
        case 't':
          await this.topology();
          break;
        default:
          if (await this.quitKey(key)) return 'quit';
      }
    }
  }

  /**
   * Keys every prompt understands: `?` shows the keys; `q`, Ctrl-C and
   * Ctrl-D quit once confirmed; the end of input quits. True to quit.
   */
  private async quitKey(key: Key): Promise<boolean> {
    switch (key) {
      case '?':
        this.lines([...helpLines(this.ctx()), '']);
        return false;
      case 'eof':
        return true;
      case 'q':
      case 'ctrl-c':
      case 'ctrl-d':
        return this.confirmQuit();
      default:
        return false;
    }
  }

  /** Show a one-line prompt, wait for a key, take the prompt away. */
  private async ask(prompt: string): Promise<Key> {
    this.write(prompt);
    const key = await this.options.keys.next();
    this.write('\r\x1b[2K');
    return key;
  }

  private async confirmQuit(): Promise<boolean> {
    const steps = this.options.lesson.steps;
    // By name: a step typed by the learner runs as a copy with their commands.
    const done = new Set(this.results.map((r) => r.result.step.name));
    // Every step counts, ^C steps too: they are numbered like the others.
    const left = steps.filter((s) => !done.has(s.name)).length;
    if (left === 0) return true;
    const { style } = this.options;
    const key = await this.ask(`${style.yellow('?')} Quit the lesson? ${left} step${left === 1 ? '' : 's'} not run yet. ${style.bold('y')}/${style.bold('N')} `);
    return key === 'y' || key === 'Y' || key === 'ctrl-c' || key === 'eof';
  }

  // ---- the learner's shell, hidden steps, replay, end ----------------------------------

  private async shell(): Promise<void> {
    const { style, keys, run, lesson } = this.options;
    const width = ruleWidth(this.ctx());
    this.lines([
      ...wrapPlain("Shell in the lesson's sandbox: the same interfaces, namespaces and files as the steps.", width).map((l) => style.cyan(l)),
      ...wrapPlain("Shell variables of the lesson's terminal are not carried over. Type `exit` to come back to the lesson.", width).map((l) => style.dim(l)),
    ]);
    this.shellUsed = true;
    this.write('\x1b[0m\x1b[?25h');
    try {
      await runStudyShell(run.sandbox, lesson.name, { keys, window: this.options.window, term: this.options.term, color: style.enabled });
    } catch (error) {
      this.lines([style.red(`cannot open a shell: ${(error as Error).message}`)]);
    }
    this.lines(['', style.cyan('Back in the lesson.'), '']);
  }

  /** `t`: the sandbox's network as it is now, the learner's own changes included. */
  private async topology(): Promise<void> {
    const { style, run } = this.options;
    this.write(style.dim('reading the sandbox\'s network…'));
    try {
      const { sandboxTopologyText } = await import('../topology/index.js');
      const text = await sandboxTopologyText(run.sandbox, { width: this.options.screen.columns(), style });
      this.write('\r\x1b[2K');
      this.lines([text, '']);
    } catch (error) {
      this.write('\r\x1b[2K');
      this.lines([style.red(`cannot draw the network: ${(error as Error).message}`), '']);
    }
  }

  /** The lesson's intro (the prose before its first step, diagram included) again. */
  private showIntro(): void {
    const parts = this.options.lesson.parts;
    const first = parts.findIndex((p) => p.kind === 'step');
    this.lines([this.options.style.dim('── the lesson\'s introduction, again ──'), '']);
    for (const part of parts.slice(0, first === -1 ? parts.length : first)) if (part.kind === 'prose') this.prose(part.tokens);
  }

  private expandHidden(): void {
    const ctx = this.ctx();
    if (this.collapsed.length === 0) this.lines([ctx.style.dim('No hidden step has run yet.'), '']);
    for (const result of this.collapsed) {
      this.lines([
        stepHeader(result.step, this.position(result.step), ctx),
        ...screenLines(result.screen),
        ...verdictLines(result, this.options.lesson.file, this.info(result), ctx),
        '',
      ]);
    }
  }

  /** Run the steps before `--from` without showing them; stop at a setback to ask. */
  private async replay(steps: Step[]): Promise<boolean> {
    const { style } = this.options;
    const target = this.options.lesson.steps[this.options.from]!;
    const started = performance.now();
    for (const [i, step] of steps.entries()) {
      this.write(`\r\x1b[2K${style.dim(`replaying the steps before ${target.name}: ${i + 1}/${steps.length} ${step.name}`)}`);
      const { results, interrupted } = await this.execute(step, false);
      const bad = results.filter((r) => isSetback(verdictOf(r, this.info(r, r.step === step && interrupted))));
      if (bad.length === 0) {
        this.record(results, step, interrupted);
        continue;
      }
      this.write('\r\x1b[2K');
      this.lines([style.yellow(`Replaying stopped at a step that did not go as the lesson expects:`), '']);
      const own = bad.find((r) => r.step === step);
      if (own) this.lines([stepHeader(step, this.position(step), this.ctx()), ...screenLines(own.screen)]);
      if ((await this.afterStep(step, results, interrupted)) === 'quit') return false;
    }
    this.write('\r\x1b[2K');
    this.lines([`${style.green('✓')} replayed ${steps.length} step${steps.length === 1 ? '' : 's'} ${style.dim(`(${formatMs(performance.now() - started)})`)}; studying from step ${target.index + 1}: ${target.name}`, '']);
    return true;
  }

  /** The lesson's last step is done: end it, or stay in a shell in its final state first. */
  private async endPrompt(): Promise<void> {
    await this.settledBackgrounds();
    const hints: KeyHint[] = [
      { key: 'Enter', label: 'end the lesson' },
      { key: '!', label: 'stay in a shell in the final state' },
    ];
    const key = await this.ask(keyLine(hints, this.ctx()));
    if (key === '!') await this.shell();
  }

  /** Background steps that ended by themselves (or by ^C) are shown now, before the prose that talks about them. */
  private async settledBackgrounds(): Promise<void> {
    const late = (await this.options.run.settledBackgrounds()).filter((r) => !this.seen.has(r));
    for (const r of late) this.backgroundResult(r, this.info(r));
    this.record(late);
    if (late.length > 0) this.write('\n');
  }

  /** After `s`, the prose that follows may describe the skipped step's result: say so once. */
  private skippedNote(): void {
    const skipped = this.lastSkipped;
    this.lastSkipped = undefined;
    if (!skipped) return;
    const text = `You skipped step ${this.position(skipped).number} (${skipped.name}): what follows may describe what it would have done.`;
    this.lines([...wrapPlain(text, ruleWidth(this.ctx())).map((l) => this.options.style.dim(l)), '']);
  }

  /** Settle what still runs in the background and show it. */
  private async finish(): Promise<void> {
    const result = await this.options.run.close();
    const late = result.steps.filter((r) => !this.seen.has(r));
    for (const r of late) this.backgroundResult(r, this.info(r));
    this.record(late);
  }
}

/** A step's rendered screen, indented a little, for steps whose output was not shown live. */
export function screenLines(screen: string): string[] {
  if (screen.trim() === '') return [];
  return screen.split('\n').map((line) => (line === '' ? '' : `  ${line}`));
}
