// One browser tab's lesson: its own LessonRun (sandbox, terminals, runner,
// snapshots: the pipeline of `learn run`), the page's clicks turned into
// steps run one at a time, every terminal's output streamed to the page with
// flow control, and the page's keys typed into the same shells between
// steps; a task's check and solution on request, and the sandbox's network
// drawn after steps. Reset throws the sandbox away; closing the tab tears it down.
// Which steps a click runs, and what the page is told of a result: steps.ts.
import { loadLesson } from '../lesson/load.js';
import { taskOfSolution } from '../lesson/tasks.js';
import { formatDiagnostic, type Lesson, type Step } from '../lesson/types.js';
import { InputError, LessonRun, type LessonRunOptions } from '../run/lesson-run.js';
import type { ShellTerminal } from '../session/terminal.js';
import { OutputFlow } from './flow.js';
import { lessonTerminals } from './lesson-page.js';
import type { ClientMessage, ServerMessage } from './protocol.js';
import { resultMessage, stepsToRun } from './steps.js';
import { TopologyFeed } from './topology-feed.js';

/** How long a shell may take to drop what the learner left typed in it before a step. */
const CLEAR_INPUT_MS = 3000;

export interface SessionOptions {
  lessonFile: string;
  runOptions: Omit<LessonRunOptions, 'events'>;
  send(message: ServerMessage): void;
  /** Bytes the tab's socket has not sent yet. */
  socketBuffered(): number;
  /** The run is open (true) or torn down (false): Ctrl-C on the server tears down every open one. */
  registerRun(run: LessonRun, open: boolean): void;
}

export class ServeSession {
  private run: LessonRun | undefined;
  private topology: TopologyFeed | undefined;
  private lesson: Lesson | undefined;
  private generation = 0;
  private readonly flows = new Map<string, OutputFlow>();
  private readonly terminals = new Map<string, ShellTerminal>();
  private readonly attempted = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: SessionOptions) {}

  /** Open the sandbox and the lesson's terminals. */
  start(): Promise<void> {
    return this.enqueue(() => this.open());
  }

  handle(message: ClientMessage): void {
    switch (message.type) {
      case 'input':
        this.input(message.term, message.data);
        return;
      case 'ack':
        this.flows.get(message.term)?.ack(message.chars);
        return;
      case 'run':
        void this.enqueue(() => this.runSteps(message.step, 'one')).then(() => this.drawTopology());
        return;
      case 'runTo':
        void this.enqueue(() => this.runSteps(message.step, 'upTo')).then(() => this.drawTopology());
        return;
      case 'solve':
        void this.enqueue(() => this.solve(message.task)).then(() => this.drawTopology());
        return;
      case 'topology':
        // Not queued behind steps: the feed itself never runs two collections at once.
        void this.drawTopology();
        return;
      case 'reset':
        // At once, not after the step that runs now: tearing the sandbox down ends that step.
        this.options.send({ type: 'resetting' });
        void this.teardown().then(() => this.enqueue(() => this.open()));
        return;
    }
  }

  /** The tab went away, or the server stops: tear the sandbox down. */
  async close(): Promise<void> {
    this.closed = true;
    await this.teardown();
  }

  /** Host pid of the sandbox's PID 1, while one is up (for tests and limits). */
  get sandboxPid(): number | undefined {
    return this.run?.sandbox.initPid;
  }

  private enqueue(action: () => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.closed) return;
      this.options.send({ type: 'busy', busy: true });
      try {
        await action();
      } catch (error) {
        this.options.send({ type: 'error', message: (error as Error).message });
      } finally {
        if (!this.closed) this.options.send({ type: 'busy', busy: false });
      }
    });
    this.queue = next;
    return next;
  }

  private async open(): Promise<void> {
    const parsed = await loadLesson(this.options.lessonFile);
    if (!parsed.ok) throw new InputError(`${this.options.lessonFile} is not a valid lesson: ${parsed.errors.map(formatDiagnostic).join('; ')}`);
    const lesson = parsed.lesson;
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.closed;
    const opened = await LessonRun.open(lesson, {
      ...this.options.runOptions,
      events: {
        terminalOutput: (term, text) => {
          if (current()) this.flow(term).push(text);
        },
        stepStart: (step) => {
          if (current()) this.options.send({ type: 'step', step: step.name, status: 'running' });
        },
        backgroundStarted: (step) => {
          if (current()) this.options.send({ type: 'step', step: step.name, status: 'background' });
        },
        stepResult: (result) => {
          if (!current()) return;
          this.attempted.add(result.step.name);
          this.options.send(resultMessage(result));
        },
      },
    });
    if (!(opened instanceof LessonRun)) {
      if (current()) this.options.send({ type: 'unavailable', reason: opened.reason ?? 'this machine cannot run the lesson' });
      return;
    }
    if (!current()) {
      // Reset or closed while the sandbox was being made: it is not wanted any more.
      await opened.abort();
      return;
    }
    this.run = opened;
    this.lesson = lesson;
    this.options.registerRun(opened, true);
    const names = lessonTerminals(lesson);
    await Promise.all(names.map((name) => this.terminal(opened, name)));
    this.options.send({ type: 'ready', terminals: names, generation });
    this.topology = new TopologyFeed(opened.sandbox, (message) => {
      if (current()) this.options.send(message);
    });
    void this.drawTopology();
  }

  /** After the step results were sent, and without holding up the next step. */
  private drawTopology(): Promise<void> {
    return this.topology?.request() ?? Promise.resolve();
  }

  private async terminal(run: LessonRun, name: string): Promise<ShellTerminal> {
    const existing = this.terminals.get(name);
    if (existing?.alive && run === this.run) return existing;
    const terminal = await run.terminal(name);
    if (run !== this.run) return terminal;
    this.terminals.set(name, terminal);
    this.flow(name).attach(terminal);
    return terminal;
  }

  private flow(term: string): OutputFlow {
    let flow = this.flows.get(term);
    if (!flow) {
      flow = new OutputFlow(
        (data) => this.options.send({ type: 'output', term, data, at: performance.timeOrigin + performance.now() }),
        () => this.options.socketBuffered(),
      );
      this.flows.set(term, flow);
    }
    return flow;
  }

  /** Keys into a shell. While a step runs in it only Ctrl-C gets through, to interrupt it. */
  private input(term: string, data: string): void {
    const terminal = this.terminals.get(term);
    if (!terminal?.alive) return;
    if (!terminal.busy) terminal.write(data);
    else if (data.includes('\x03')) terminal.write('\x03');
  }

  private async runSteps(name: string, mode: 'one' | 'upTo'): Promise<void> {
    const run = this.run;
    const lesson = this.lesson;
    if (!run || !lesson) throw new Error('the lesson has no sandbox now; reset it');
    const target = lesson.steps.find((s) => s.name === name);
    if (!target) throw new Error(`no step "${name}" in ${lesson.file}; the lesson changed on disk: reload the page`);
    for (const step of stepsToRun(lesson.steps, target, mode, this.attempted)) {
      if (run !== this.run || this.closed) return;
      // A check asks "is it done now?" when clicked, and after its solution's last step; never learn test's "before".
      if (step.check) {
        if (step === target) await this.checkNow(run, step);
        continue;
      }
      if (!(await this.readyFor(run, step))) continue;
      await run.run(step);
      const task = taskOfSolution(lesson.steps, step);
      if (task?.last && run === this.run) await this.checkNow(run, task.check);
    }
  }

  /** Run the check; a pass is recorded (its result goes to the page), a fail is only told. */
  private async checkNow(run: LessonRun, check: Step): Promise<void> {
    this.options.send({ type: 'step', step: check.name, status: 'running' });
    const result = await run.check(check, { retry: true });
    if (run !== this.run) return;
    if (result.passed) {
      run.recordCheck(check, result);
      return;
    }
    this.options.send({
      type: 'step', step: check.name, status: 'failed', ms: Math.round(result.durationMs),
      message: `not done yet: the task's check exits with status ${result.code}`,
    });
  }

  /** "Run solution": the set-up before the task that has not run, the solution's steps, then the check. */
  private async solve(name: string): Promise<void> {
    const run = this.run;
    const lesson = this.lesson;
    if (!run || !lesson) throw new Error('the lesson has no sandbox now; reset it');
    const check = lesson.steps.find((s) => s.check && s.name === name);
    const solution = lesson.steps.filter((s) => check?.check?.solutionSteps.includes(s.index));
    const first = solution[0];
    if (!check || !first) throw new Error(`no task "${name}" in ${lesson.file}; the lesson changed on disk: reload the page`);
    const before = stepsToRun(lesson.steps, first, 'upTo', this.attempted).filter((s) => !s.check && s.solution !== name);
    for (const step of [...before, ...solution]) {
      if (run !== this.run || this.closed) return;
      if (!(await this.readyFor(run, step))) return;
      const results = await run.run(step);
      if (results.some((r) => r.step === step && (r.outcome.kind === 'failed' || r.outcome.kind === 'timedOut'))) return;
    }
    if (run === this.run && !this.closed) await this.checkNow(run, check);
  }

  /** Clear what the learner left in the step's shell; say so when it would not clear. */
  private async readyFor(run: LessonRun, step: Step): Promise<boolean> {
    if (step.norun) return true;
    const terminal = await this.terminal(run, step.term);
    if (terminal.busy || (await terminal.clearInput(CLEAR_INPUT_MS))) return true;
    if (run !== this.run) return false;
    this.options.send({
      type: 'step', step: step.name, status: 'failed',
      message: `terminal "${step.term}" is still busy with something typed into it; end it there (Ctrl-C, or q) and run the step again`,
    });
    return false;
  }

  private async teardown(): Promise<void> {
    this.generation++;
    this.topology?.stop();
    this.topology = undefined;
    for (const flow of this.flows.values()) flow.dispose();
    this.flows.clear();
    this.terminals.clear();
    this.attempted.clear();
    const run = this.run;
    this.run = undefined;
    this.lesson = undefined;
    if (!run) return;
    try {
      await run.abort();
    } finally {
      this.options.registerRun(run, false);
    }
  }
}
