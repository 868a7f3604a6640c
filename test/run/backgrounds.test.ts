// Which background steps count as finished when study mode is about to show
// the next prose: ended ones, and one still printing given a moment to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backgrounds } from '../../src/run/backgrounds.js';
import type { Step } from '../../src/lesson/types.js';
import type { BackgroundStep, StepTranscript } from '../../src/session/terminal.js';

const transcript = (text: string): StepTranscript => ({ text, cutChars: 0, statuses: [], end: { kind: 'completed' }, durationMs: 1 });

/** A background step that ends `endsAfterMs` from now (never: undefined), printing until then when `chatty`. */
function fakeStep(name: string, endsAfterMs: number | undefined, chatty: boolean): { step: Step; handle: BackgroundStep } {
  let running = true;
  const finished = new Promise<StepTranscript>((resolve) => {
    if (endsAfterMs !== undefined) setTimeout(() => { running = false; resolve(transcript(name)); }, endsAfterMs);
  });
  const handle: BackgroundStep = {
    finished,
    get running() { return running; },
    get quietForMs() { return chatty ? 0 : 60_000; },
    interrupt: () => finished,
  };
  return { step: { name } as Step, handle };
}

test('a background step still printing is given its grace to end; a quiet one is left running', async () => {
  const backgrounds = new Backgrounds();
  backgrounds.add('a', fakeStep('capture', 30, true));
  backgrounds.add('b', fakeStep('server', undefined, false));
  const finished = await backgrounds.takeFinished(60_000);
  assert.deepEqual(finished.map((f) => f.transcript.text), ['capture']);
  assert.ok(backgrounds.get('b'), 'the quiet one is still running');
});

test('without a grace, only what has already ended is taken', async () => {
  const backgrounds = new Backgrounds();
  backgrounds.add('a', fakeStep('capture', 30, true));
  assert.deepEqual(await backgrounds.takeFinished(), []);
  assert.ok(backgrounds.get('a'));
});

test('a step that keeps printing and never ends holds the prose no longer than the grace', async () => {
  const backgrounds = new Backgrounds();
  backgrounds.add('a', fakeStep('flood', undefined, true));
  assert.deepEqual(await backgrounds.takeFinished(50), []);
  assert.ok(backgrounds.get('a'));
});
