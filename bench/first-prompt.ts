// `learn run LESSON` as a learner starts it: the real CLI in a pty, timed
// from the spawn to the first key prompt on screen (the "▶ Enter run" line
// of the first step), then quit with q, y. Returns the time in ms.
import { spawnPty } from '../src/session/pty.js';

/** The study mode's key prompt starts with this arrow (src/study). */
const PROMPT = '\u25b6';
const TIMEOUT_MS = 20_000;

export async function firstPrompt(argv: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const pty = spawnPty(argv[0]!, argv.slice(1), { cols: 100, rows: 30, env });
  let screen = '';
  let promptMs = NaN;
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  const shown = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`learn run showed no prompt in ${TIMEOUT_MS} ms: ${JSON.stringify(screen.slice(-400))}`)), TIMEOUT_MS);
    pty.onData((data) => {
      if (!Number.isNaN(promptMs)) return;
      screen += data;
      if (!screen.includes(PROMPT)) return;
      promptMs = performance.now() - started;
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await shown;
    pty.write('q');
    await new Promise((resolve) => setTimeout(resolve, 100));
    pty.write('y');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
    if ((await Promise.race([exited, timeout])) === 'timeout') throw new Error('learn run did not quit on q, y');
  } finally {
    pty.kill();
  }
  return promptMs;
}
