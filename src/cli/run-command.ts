// `learn run LESSON`: study a lesson step by step in a terminal, or, without
// one (stdin or stdout not a TTY), run it straight through as a transcript.
// Wiring only: options, the lesson, the runner, the terminal's modes.
import { SANDBOX_OPTION_HELP, sandboxOption } from './sandbox-option.js';
import { parseCommand } from './args.js';
import { writeSync } from 'node:fs';
import { hostAccessConfirmed } from './host-warning.js';
import { sandboxPrivilege } from './privilege.js';
import { EXIT } from './exit-codes.js';
import { closeRun, restoring, type RegisterRun } from './run-scope.js';
import { loadOneLesson, stepIndex } from './lesson-arg.js';
import { isCi } from './test-command.js';
import { originalLessonFile } from '../lesson/types.js';
import { localeLanguage } from './edition.js';
import { LessonRun } from '../run/lesson-run.js';
import { isFailure } from '../run/outcome.js';
import { colorEnabled, makeStyle, type Style } from '../report/style.js';
import type { Lesson } from '../lesson/types.js';
import { FileSnapshotStore } from '../snapshot/store.js';
import { KeyInput } from '../study/keys.js';
import { RESUME_DECLINED } from '../study/actions.js';
import { OutputRelay, StudySession } from '../study/session.js';
import { runTranscript } from '../study/transcript.js';
import { readOnlyStore, storedOutputs, storedStepNames } from '../study/snapshots.js';
import { describeProgress, progressAfter, progressKey, readProgress, saveProgress, type LessonProgress } from '../study/progress.js';
import { findLearnerStep, stepLabel, stepPosition } from '../study/numbering.js';
import { readOnlyText } from '../study/read-only.js';
import { wrapPlain } from '../study/prose/index.js';

export const RUN_HELP = `usage: learn run LESSON [options]

Study a lesson: its text, then each step shown and run when you press Enter,
with its output live and a verdict against the lesson's recorded output.
Everything runs in a disposable sandbox; nothing on this machine changes.
LESSON is a file, or a name in the project's lessons/ folder (bridge, bridge.md).

keys: Enter run · y type it yourself · s skip · ! shell in the sandbox · h hidden steps
      i the intro again · q quit · ? help
      r after a setback: run the step again (what you typed, if you typed it)
      Ctrl-C interrupts a running step; at a prompt it asks to quit.
      Text longer than the window waits at a screenful: Enter more, s the rest at once.
      Step numbers count the steps you see: hidden preparation steps are not numbered.
      At a task you get a prompt in the sandbox; Ctrl-] there: hint, solution, run it, skip.

options:
      --from STEP       replay the steps before STEP quietly, then study from STEP (a name, or its
                        number as study mode shows it: hidden preparation steps are not counted)
  -y, --yes             run every step without waiting for a key
      --type            type each command yourself instead of pressing Enter (y at a step does it once)
      --snapshots DIR   read recorded outputs from DIR (default: snapshots/ beside the lessons folder)
      --no-color        no colours (NO_COLOR and FORCE_COLOR are honoured too)
      --allow-host      let a lesson marked \`host: true\` run as the host's real root (trusted lessons only)
      --lang LANG       the edition to show: zh for lessons/zh/NAME.md, en for the original
                        (default: from LC_ALL, LC_MESSAGES or LANG; the original when there is none)
${SANDBOX_OPTION_HELP}

Without a terminal (stdin or stdout not a TTY) every step runs straight through
and the transcript is printed with each verdict. Exit status, as \`learn test\`:
0 all as expected, 1 a step failed or differed, 2 bad input, 3 this machine
cannot run the lesson.
`;

export async function runCommand(argv: string[], registerRun: RegisterRun): Promise<number> {
  const parsed = parseCommand('run', RUN_HELP, argv, {
    from: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    type: { type: 'boolean' },
    snapshots: { type: 'string' },
    'no-color': { type: 'boolean' },
    'allow-host': { type: 'boolean' },
    lang: { type: 'string' },
    sandbox: { type: 'string' },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const lesson = await loadOneLesson(positionals, 'run', process.cwd(), values.lang ?? localeLanguage(process.env));
  let from = values.from === undefined ? 0 : stepIndex(lesson, values.from, '--from');
  const privilege = sandboxPrivilege();
  if (!privilege) return EXIT.environment;
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (!(await hostAccessConfirmed(lesson, values['allow-host'] === true, interactive))) return EXIT.ok;
  const style = makeStyle(values['no-color'] ? false : colorEnabled(process.stdout));
  const store = readOnlyStore(new FileSnapshotStore({ dir: values.snapshots }));
  const storedSnapshots = await storedStepNames(store, originalLessonFile(lesson));
  const relay = new OutputRelay();
  if (interactive) process.stdout.write(style.dim(`preparing a sandbox for ${lesson.meta.title}…`));
  const opened = await LessonRun.open(lesson, {
    store,
    updateMode: isCi(process.env) ? 'none' : 'new',
    events: relay.events,
    privilege,
    allowHost: values['allow-host'] === true,
    sandboxKind: sandboxOption(values.sandbox),
    continueAfterFailure: true,
    color: style.enabled,
  }).finally(() => {
    if (interactive) process.stdout.write('\r\x1b[2K');
  });
  if (!(opened instanceof LessonRun)) {
    process.stderr.write(`learn: this machine cannot run ${lesson.file}: ${opened.reason}\n`);
    // At a terminal the lesson can still be read: its text and commands, nothing run.
    if (interactive) process.stdout.write(readOnlyText(lesson, opened.reason ?? 'unknown reason', style, Math.min(process.stdout.columns ?? 80, 100)));
    return EXIT.environment;
  }
  const run = opened;
  registerRun(run, true);
  try {
    if (!interactive) {
      const outcome = await runTranscript({
        lesson, run, style, storedSnapshots, from,
        write: (text) => process.stdout.write(text),
        width: process.stdout.columns ?? 80,
      });
      return outcome.failed ? EXIT.failed : EXIT.ok;
    }
    const keys = new KeyInput(process.stdin);
    const saved = await readProgress();
    if (saved.warning) process.stderr.write(style.yellow(`learn: ${saved.warning}\n`));
    const before: LessonProgress | undefined = saved.lessons[progressKey(lesson.file)];
    const restore = (): void => {
      keys.stop();
      try {
        writeSync(1, '\x1b[0m\x1b[?25h');
      } catch {
        /* the terminal is gone */
      }
    };
    return await restoring(restore, async () => {
      keys.start();
    if (values.from === undefined && values.yes !== true) from = await offerResume(lesson, before, keys, style) ?? from;
    const session = new StudySession({
      lesson, run, relay, keys, style, from, storedSnapshots,
      storedOutputs: await storedOutputs(store, lesson.file),
      auto: values.yes === true,
      typeMode: values.type === true,
      screen: { write: (text) => void process.stdout.write(text), columns: () => process.stdout.columns ?? 80, rows: () => process.stdout.rows ?? 24 },
      window: process.stdout,
      term: process.env.TERM,
    });
    const { results, recap } = await session.study();
    const progress = progressAfter(lesson, results, recap.quit, before);
    const warning = await saveProgress(lesson.file, progress).catch((error: Error) => `cannot save your progress: ${error.message}`);
    if (warning) process.stderr.write(style.yellow(`learn: ${warning}\n`));
    if (!progress.done) {
      const arg = positionals[0] ?? lesson.file;
      const saved = `Your place is saved: ${stepLabel(lesson, { name: progress.step })}. \`learn run ${arg}\` offers to resume there; exactly:`;
      // Wrapped at spaces to the window, the command whole on a line of its own when it does not fit.
      const command = `learn run ${arg} --from ${progress.step}`;
      const lines = wrapPlain(`${saved} ${command}`, Math.min(process.stdout.columns ?? 80, 100));
      const whole = lines.length === 1 ? lines : [...wrapPlain(saved, Math.min(process.stdout.columns ?? 80, 100)), command];
      process.stdout.write(whole.map((line) => line.replace(command, style.bold(command))).join('\n') + '\n');
    }
    return results.some((r) => isFailure(r.outcome)) ? EXIT.failed : EXIT.ok;
    });
  } finally {
    await closeRun(run, registerRun);
  }
}

/** Ask whether to resume where the learner left off; the 0-based step index, or undefined to start over. */
async function offerResume(lesson: Lesson, before: LessonProgress | undefined, keys: KeyInput, style: Style): Promise<number | undefined> {
  if (!before || before.done) return undefined;
  const index = findLearnerStep(lesson, before.step);
  // Nothing to resume before the first step the learner sees.
  if (index === undefined || (stepPosition(lesson, { name: before.step }).number ?? 0) <= 1) return undefined;
  process.stdout.write(`${style.yellow('?')} You were ${describeProgress(before, lesson.steps.filter((s) => s.check).length, lesson)}. ` +
    `Resume there (the steps before it are replayed)? ${style.bold('Y')}/${style.bold('n')} `);
  const key = await keys.next();
  process.stdout.write('\r\x1b[2K');
  return RESUME_DECLINED.has(key) ? undefined : index;
}
