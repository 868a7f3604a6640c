// Command-line entry: argv in, exit code out. Parsing of lessons and printing
// of results live elsewhere; this file wires commands and handles signals.
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage.js';
import { DiscoveryError } from './discover.js';
import { testCommand } from './test-command.js';
import { InputError, type LessonRun } from '../run/lesson-run.js';
import { SandboxError } from '../sandbox/sandbox.js';

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
  learn help COMMAND          more about a command

Lessons are Markdown files; see docs/lesson-format.md.
`;

/** Lesson runs that are open now, so a signal can tear them down. */
const openRuns = new Set<LessonRun>();

function registerRun(run: LessonRun, open: boolean): void {
  if (open) openRuns.add(run);
  else openRuns.delete(run);
}

let stopping = false;
function onSignal(signal: NodeJS.Signals): void {
  const code = signal === 'SIGINT' ? EXIT.interrupted : 143;
  if (stopping) process.exit(code);
  stopping = true;
  process.stderr.write(`\nlearn: ${signal}: stopping, tearing down sandboxes\n`);
  void Promise.allSettled([...openRuns].map((run) => run.abort())).then(() => process.exit(code));
}

/** `learn test | head`: the reader went away; stop quietly, as other tools do. */
function exitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}

export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', exitOnClosedPipe);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  const [command, ...rest] = argv;
  try {
    process.exitCode = await dispatch(command, rest);
  } catch (error) {
    process.exitCode = reportError(error);
  }
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
    case 'help':
      if (rest[0] !== undefined && rest[0] !== 'help') return dispatch(rest[0], ['--help']);
      process.stdout.write(HELP);
      return EXIT.ok;
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return command === undefined ? EXIT.input : EXIT.ok;
    default:
      throw new UsageError(`unknown command "${command}"; run \`learn help\``);
  }
}

function reportError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError || error instanceof DiscoveryError || error instanceof InputError) {
    process.stderr.write(`learn: ${message}\n`);
    return EXIT.input;
  }
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    process.stderr.write(`learn: ${message}\n`);
    return EXIT.input;
  }
  if (error instanceof SandboxError) {
    process.stderr.write(`learn: ${message}\n`);
    return EXIT.environment;
  }
  process.stderr.write(`learn: internal error: ${error instanceof Error ? error.stack : message}\n`);
  return 70;
}
