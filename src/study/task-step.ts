// A task's place in the session: the learner's turn (task.ts), then what
// becomes of the task's solution steps: not needed when the learner solved
// it, skipped with the task, or run for them one by one and the check after.
import type { Step } from '../lesson/types.js';
import type { StepResult } from '../run/outcome.js';
import type { StudyLedger } from './ledger.js';
import type { Screen } from './screen.js';
import { solutionSteps, studyTask, type TaskContext } from './task.js';

export interface TaskStepHost {
  screen: Screen;
  ledger: StudyLedger;
  /** Steps dealt with out of order: the session passes over them when it reaches them. */
  handled: Set<Step>;
  context: TaskContext;
  header(step: Step): string;
  showStep(step: Step): void;
  /** Run a step with its output live, then its verdicts. */
  run(step: Step): Promise<'next' | 'quit' | 'retry'>;
  afterStep(step: Step, results: StepResult[], interrupted: boolean): Promise<'next' | 'quit' | 'retry'>;
}

export async function taskStep(check: Step, host: TaskStepHost): Promise<'next' | 'quit' | 'retry'> {
  const { screen, ledger, handled, context } = host;
  const { run, lesson, style } = context;
  screen.lines([host.header(check)]);
  const solution = solutionSteps(lesson, check);
  ledger.shellUsed = true;
  const end = await studyTask(check, context);
  const skipAll = (reason: string): void => {
    for (const step of solution) {
      handled.add(step);
      ledger.record([run.skip(step, reason)]);
    }
  };
  switch (end.kind) {
    case 'quit':
      return 'quit';
    case 'solved':
      ledger.record([end.result]);
      skipAll(`not needed: you solved task ${check.name} yourself`);
      return 'next';
    case 'skipped':
      ledger.record([run.skip(check, 'skipped by you')]);
      skipAll(`task ${check.name} skipped by you`);
      screen.lines([`  ${style.dim(`- task ${check.name} skipped; later steps may count on it`)}`, '']);
      return 'next';
    case 'runSolution':
      for (const step of solution) {
        handled.add(step);
        host.showStep(step);
        if ((await host.run(step)) === 'quit') return 'quit';
      }
      return host.afterStep(check, [run.recordCheck(check, await run.check(check, { retry: true }))], false);
  }
}
