// `learn shell LESSON [--after STEP]`: a shell of the learner's own in a fresh
// sandbox, in the state the lesson leaves it in after STEP (every step when
// omitted). The steps run quietly first; leaving the shell removes the sandbox.
import { SANDBOX_OPTION_HELP, sandboxOption } from './sandbox-option.js';
import { parseCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { closeRun, restoring, type RegisterRun } from './run-scope.js';
import { openLessonAtStep, stateName } from './replay-steps.js';
import { runStudyShell } from '../study/shell.js';
import { KeyInput } from '../study/keys.js';
import { wrapPlain } from '../study/prose/index.js';
import { stripEscapes } from '../text/escapes.js';

/** CSI and OSC sequences out, carriage returns before newlines out, NULs out (the terminal's mark of an end of input): text for a pipe or a file. */
export function stripTerminalEscapes(text: string): string {
  return stripEscapes(text).replace(/\r+\n/g, '\n').replace(/\n\r+/g, '\n').replace(/\0/g, '');
}

export const SHELL_HELP = `usage: learn shell LESSON [--after STEP]

Open a shell in a fresh sandbox, in the state the lesson leaves it in after
STEP (a name, or its number as \`learn run\` shows it: hidden preparation steps
are not counted; 0 for none), or after every step when --after is not given. The steps run quietly first. Leaving the shell (exit, Ctrl-D)
removes the sandbox; nothing on this machine changes.

options:
      --after STEP      stop after this step (default: the last one)
      --no-color        no colours (NO_COLOR and FORCE_COLOR are honoured too)
      --allow-host      let a lesson marked \`host: true\` run as the host's real root (trusted lessons only)
${SANDBOX_OPTION_HELP}
`;

export async function shellCommand(argv: string[], registerRun: RegisterRun): Promise<number> {
  const parsed = parseCommand('shell', SHELL_HELP, argv, {
    after: { type: 'string' },
    'no-color': { type: 'boolean' },
    'allow-host': { type: 'boolean' },
    sandbox: { type: 'string' },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const opened = await openLessonAtStep('shell', positionals, values, { sandboxKind: sandboxOption(values.sandbox), registerRun });
  if (typeof opened === 'number') return opened;
  const { lesson, count, style, run, failures } = opened;
  const say = (text: string): void => void process.stderr.write(text);
  try {
    const where = stateName(lesson, count);
    // Wrapped at word boundaries to the window, never in the middle of a word.
    const width = process.stderr.isTTY ? Math.min(process.stderr.columns ?? 80, 100) : Infinity;
    const wrapped = (text: string, paint: (t: string) => string = (t) => t): void =>
      say((width === Infinity ? [text] : wrapPlain(text, width)).map(paint).join('\n') + '\n');
    wrapped(`${lesson.meta.title}: a shell in a fresh sandbox, in the state of the lesson ${where}.`, style.bold);
    if (failures > 0) wrapped(`${failures} step${failures === 1 ? '' : 's'} did not go as the lesson expects (above); the state may differ from the lesson's.`, style.yellow);
    wrapped('Nothing you do here touches this machine. Type exit (or Ctrl-D) to leave; the sandbox goes with the shell.', style.dim);
    const keys = new KeyInput(process.stdin);
    return await restoring(() => keys.stop(), () => runStudyShell(run.sandbox, lesson.name, {
      keys,
      // Piped or redirected: plain text, without the terminal's escapes (bracketed paste, colours).
      window: process.stdout.isTTY ? process.stdout : { write: (text: string) => process.stdout.write(stripTerminalEscapes(text)) },
      term: process.env.TERM,
      color: style.enabled && process.stdout.isTTY === true,
    }));
  } finally {
    await closeRun(run, registerRun);
    process.stderr.write(style.dim('learn: sandbox removed\n'));
  }
}
