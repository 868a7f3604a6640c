// Study mode's prompts: one line of key hints, a key, its action from the
// tables in actions.ts. What the learner opens aside (a shell, the intro,
// the hidden steps, the network) is done by the session through `aside`;
// the keys every prompt shares are answered here, quitting confirmed.
import { END_HINTS, QUIT_CONFIRMED, SETBACK_KEYS, setbackHints, SHARED_KEYS, STEP_KEYS, stepHints, type SetbackAction, type StepAction } from './actions.js';
import type { Key, KeyInput } from './keys.js';
import type { Screen } from './screen.js';
import { helpLines, keyLine } from './view/index.js';

type Aside<A> = (action: A) => Promise<void>;

export class Prompts {
  constructor(
    private readonly screen: Screen,
    private readonly keys: KeyInput,
    /** Steps of the lesson not run yet (the quit prompt says how many). */
    private readonly stepsLeft: () => number,
  ) {}

  /** At a step: until a key that runs, types, skips or quits. `showHidden`: `h` is offered. */
  async step(showHidden: () => boolean, aside: Aside<Exclude<StepAction, 'run' | 'type' | 'skip'>>): Promise<'run' | 'type' | 'skip' | 'quit'> {
    for (;;) {
      const key = await this.screen.ask(this.keys, keyLine(stepHints(showHidden()), this.screen.ctx()));
      const action = STEP_KEYS.get(key);
      if (action === 'run' || action === 'type' || action === 'skip') return action;
      if (action !== undefined) await aside(action);
      else if (await this.shared(key)) return 'quit';
    }
  }

  /** After a setback: go on, retry (when `retryable`) or quit. */
  async setback(retryable: boolean, aside: Aside<Exclude<SetbackAction, 'next' | 'retry'>>): Promise<'next' | 'retry' | 'quit'> {
    for (;;) {
      const key = await this.screen.ask(this.keys, keyLine(setbackHints(retryable), this.screen.ctx()));
      const action = SETBACK_KEYS.get(key);
      if (action === 'next') return 'next';
      if (action === 'retry') {
        if (retryable) return 'retry';
      } else if (action !== undefined) await aside(action);
      else if (await this.shared(key)) return 'quit';
    }
  }

  /** At the end of the lesson: true when the learner asks to stay in a shell. */
  async end(): Promise<boolean> {
    return (await this.screen.ask(this.keys, keyLine(END_HINTS, this.screen.ctx()))) === '!';
  }

  /** Keys every prompt understands (actions.ts): `?` shows the keys; quitting is confirmed. True to quit. */
  async shared(key: Key): Promise<boolean> {
    switch (SHARED_KEYS.get(key)) {
      case 'help':
        this.screen.lines([...helpLines(this.screen.ctx()), '']);
        return false;
      case 'quit':
        return true;
      case 'confirmQuit':
        return this.confirmQuit();
      case undefined:
        return false;
    }
  }

  private async confirmQuit(): Promise<boolean> {
    const left = this.stepsLeft();
    if (left === 0) return true;
    const { style } = this.screen;
    const key = await this.screen.ask(this.keys, `${style.yellow('?')} Quit the lesson? ${left} step${left === 1 ? '' : 's'} not run yet. ${style.bold('y')}/${style.bold('N')} `);
    return QUIT_CONFIRMED.has(key);
  }
}
