// Command-line entry: argv in, exit code out. Parsing of lessons and printing
// of results live elsewhere; this file wires commands and handles signals.
import { EXIT, exitCodeForError } from './exit-codes.js';
import { UsageError } from './usage.js';
import { closeMatches, useProjectRoot } from './discover.js';
import { packageVersion } from './version.js';
import { testCommand } from './test-command.js';
import type { LessonRun } from '../run/lesson-run.js';
import { PTY_FIX, PtyUnavailableError } from '../session/pty-module.js';

const HELP = `learn: hands-on Linux networking lessons, run in a disposable sandbox

usage:
  learn run LESSON            study a lesson step by step (Enter runs a step, ? lists the keys)
  learn shell LESSON          a shell in the lesson's sandbox, in the state after its steps
  learn topo LESSON           draw the sandbox's network after a step (--svg for a picture)
  learn list                  the lessons, and whether this machine can run them
  learn serve                 the lessons as a local web page with live terminals
  learn test [LESSON ...]     run lessons and compare every step with its snapshot
  learn doctor [LESSON ...]   check this machine for what the lessons need
  learn setup [LESSON ...]    install the missing Debian/Ubuntu packages (as root)
  learn init [DIR]            start a lesson project: a sample lesson, its snapshot, a CI workflow
  learn help COMMAND          more about a command
  learn --version             the version of learn

options for every command:
  --root DIR                  the lesson project in DIR (its lessons/ and snapshots/) instead of
                              the nearest folder with a lessons/ folder here or above

Lesson names are looked up in the project's lessons/, then in the curriculum
bundled with learn (\`learn list\` shows where each comes from).
Lessons are Markdown files; see docs/lesson-format.md.
`;

const COMMANDS = ['run', 'shell', 'topo', 'serve', 'list', 'test', 'doctor', 'setup', 'init', 'help'];

/** Lesson runs that are open now, so a signal can tear them down. */
const openRuns = new Set<LessonRun>();

function registerRun(run: LessonRun, open: boolean): void {
  if (open) openRuns.add(run);
  else openRuns.delete(run);
}

let stopping = false;
function onSignal(signal: NodeJS.Signals): void {
  const code = signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  if (stopping) process.exit(code);
  stopping = true;
  process.stderr.write(`\nlearn: ${signal}: stopping, tearing down sandboxes\n`);
  void Promise.allSettled([...openRuns].map((run) => run.abort())).then(() => process.exit(code));
}

/** `learn test | head`: the reader went away; stop quietly, as other tools do. */
function exitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw error;
}

export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', exitOnClosedPipe);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    const [command, ...rest] = takeRoot(argv);
    process.exitCode = await dispatch(command, rest);
  } catch (error) {
    // After a signal the runs are torn down under the commands' feet: what
    // they throw then is that teardown, and the signal handler sets the exit.
    if (stopping) return;
    process.exitCode = reportError(error);
  }
}

/** Remove `--root DIR` (or `--root=DIR`) from the arguments, before any `--`, and use it. */
export function takeRoot(argv: string[]): string[] {
  const out: string[] = [];
  let root: string | undefined;
  const rest = [...argv];
  for (let arg = rest.shift(); arg !== undefined; arg = rest.shift()) {
    if (arg === '--') {
      out.push(arg, ...rest);
      break;
    }
    if (arg === '--root') {
      root = rest.shift();
      if (root === undefined || root === '') throw new UsageError('--root needs a folder: --root DIR');
    } else if (arg.startsWith('--root=')) root = arg.slice('--root='.length);
    else out.push(arg);
  }
  if (root !== undefined) useProjectRoot(root);
  return out;
}

// Performance: commands other than `test` are imported when used, so that
// `learn test` does not load the study mode and the doctor (docs/performance.md).
async function dispatch(command: string | undefined, rest: string[]): Promise<number> {
  switch (command) {
    case 'test':
      return testCommand(rest, registerRun);
    case 'run':
      return (await import('./run-command.js')).runCommand(rest, registerRun);
    case 'shell':
      return (await import('./shell-command.js')).shellCommand(rest, registerRun);
    case 'topo':
      return (await import('./topo-command.js')).topoCommand(rest, registerRun);
    case 'serve':
      return (await import('./serve-command.js')).serveCommand(rest, registerRun);
    case 'list':
      return (await import('./list-command.js')).listCommand(rest);
    case 'doctor':
      return (await import('./doctor-command.js')).doctorCommand(rest);
    case 'setup':
      return (await import('./setup-command.js')).setupCommand(rest);
    case 'init':
      return (await import('./init-command.js')).initCommand(rest);
    case '--version':
    case '-v':
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return EXIT.ok;
    case 'help':
      if (rest[0] !== undefined && rest[0] !== 'help') return dispatch(rest[0], ['--help']);
      process.stdout.write(HELP);
      return EXIT.ok;
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return command === undefined ? EXIT.input : EXIT.ok;
    default: {
      const close = closeMatches(command, COMMANDS).slice(0, 1);
      throw new UsageError(`unknown command "${command}"${close.length ? ` (did you mean \`learn ${close[0]}\`?)` : ''}; run \`learn help\``);
    }
  }
}

function reportError(error: unknown): number {
  const code = exitCodeForError(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === EXIT.internal) process.stderr.write(`learn: internal error: ${error instanceof Error ? error.stack : message}\n`);
  else process.stderr.write(`learn: ${message}\n${error instanceof PtyUnavailableError ? `  fix: ${PTY_FIX}\n` : ''}`);
  return code;
}
