// Which reporters `learn test` uses and where each writes: `--reporter
// NAME[:FILE]` (repeatable), `--output FILE` for the --reporter before it, the
// human reporter on stdout whenever no other reporter takes stdout, and the
// GitHub annotations added on their own under GitHub Actions.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage.js';
import type { Reporter } from '../run/events.js';
import { PrettyReporter } from '../report/pretty.js';
import { ProgressLine } from '../report/progress.js';
import { LogLines } from '../report/log-lines.js';
import { TapReporter } from '../report/tap.js';
import { JunitReporter } from '../report/junit.js';
import { JsonReporter } from '../report/json.js';
import { GithubReporter } from '../report/github.js';
import { makeStyle } from '../report/style.js';

export const REPORTER_NAMES = ['pretty', 'tap', 'junit', 'github', 'json'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

const ALIASES: Record<string, ReporterName> = { human: 'pretty', default: 'pretty', 'github-actions': 'github', xml: 'junit' };

export type Target = { kind: 'stdout' } | { kind: 'stderr' } | { kind: 'file'; path: string };

export interface ReporterSpec {
  name: ReporterName;
  target: Target;
}

/** `--reporter` and `--output` options in command-line order. */
export type ReporterOption = { kind: 'reporter'; value: string } | { kind: 'output'; value: string };

export function parseReporterSpecs(options: ReporterOption[], env: NodeJS.ProcessEnv): ReporterSpec[] {
  const specs: ReporterSpec[] = [];
  for (const option of options) {
    if (option.kind === 'reporter') {
      specs.push(parseOne(option.value));
      continue;
    }
    const last = specs[specs.length - 1];
    if (!last) throw new UsageError('--output FILE goes after the --reporter it is for (for example --reporter junit --output junit.xml)');
    if (last.target.kind === 'file') throw new UsageError(`--output ${option.value}: reporter ${last.name} already writes to ${last.target.path}`);
    last.target = { kind: 'file', path: option.value };
  }
  const files = specs.flatMap((s) => (s.target.kind === 'file' ? [s.target.path] : []));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UsageError(`two reporters write to ${twice}`);
  const onStdout = specs.filter((s) => s.target.kind === 'stdout');
  if (onStdout.length > 1 && !onStdout.every((s) => s.name === 'pretty' || s.name === 'github')) {
    throw new UsageError(`only one reporter can write to stdout (${onStdout.map((s) => s.name).join(', ')}); give the others a file: --reporter NAME:FILE`);
  }
  if (onStdout.length === 0 && !specs.some((s) => s.name === 'pretty')) specs.unshift({ name: 'pretty', target: { kind: 'stdout' } });
  if (isGithubActions(env) && !specs.some((s) => s.name === 'github')) {
    const stdoutTaken = specs.some((s) => s.target.kind === 'stdout' && s.name !== 'pretty');
    specs.push({ name: 'github', target: { kind: stdoutTaken ? 'stderr' : 'stdout' } });
  }
  return specs;
}

function parseOne(arg: string): ReporterSpec {
  const colon = arg.indexOf(':');
  const rawName = (colon === -1 ? arg : arg.slice(0, colon)).trim().toLowerCase();
  const file = colon === -1 ? undefined : arg.slice(colon + 1);
  const name = (REPORTER_NAMES as readonly string[]).includes(rawName) ? (rawName as ReporterName) : ALIASES[rawName];
  if (!name) throw new UsageError(`unknown reporter "${rawName}"; reporters: ${REPORTER_NAMES.join(', ')}`);
  if (file === '') throw new UsageError(`--reporter ${arg}: the file name after ":" is empty`);
  return { name, target: file === undefined || file === '-' ? { kind: 'stdout' } : { kind: 'file', path: file } };
}

export function isGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface BuildContext {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Colours for what goes to stdout (`--no-color`, NO_COLOR, TTY). */
  color: boolean;
  slowest?: number | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface BuiltReporters {
  reporters: Reporter[];
  /** Write the files of file reporters; call after the run. */
  finish(): Promise<void>;
}

export function buildReporters(specs: ReporterSpec[], context: BuildContext): BuiltReporters {
  const reporters: Reporter[] = [];
  const files: Array<{ path: string; chunks: string[] }> = [];
  // On a terminal the human report has a live progress line; whatever else
  // goes to stdout is printed above it.
  const live = context.stdout.isTTY && specs.some((s) => s.name === 'pretty' && s.target.kind === 'stdout');
  const progress = live ? new ProgressLine({ stream: context.stdout, style: makeStyle(context.color) }) : undefined;
  if (progress) reporters.push(progress);
  // Piped (CI logs): a line as each lesson starts and each step ends.
  const piped = !context.stdout.isTTY && specs.some((s) => s.name === 'pretty' && s.target.kind === 'stdout');
  if (piped) reporters.push(new LogLines({ write: (t) => void context.stdout.write(t), style: makeStyle(context.color) }));
  const sink = (target: Target): ((text: string) => void) => {
    if (target.kind === 'stdout') return progress ? (t) => progress.print(t) : (t) => void context.stdout.write(t);
    if (target.kind === 'stderr') return (t) => void context.stderr.write(t);
    const file = { path: target.path, chunks: [] as string[] };
    files.push(file);
    return (t) => void file.chunks.push(t);
  };
  for (const spec of specs) {
    const write = sink(spec.target);
    switch (spec.name) {
      case 'pretty': {
        const style = makeStyle(spec.target.kind === 'stdout' && context.color);
        reporters.push(new PrettyReporter({ write, style, slowest: context.slowest }));
        break;
      }
      case 'tap':
        reporters.push(new TapReporter(write));
        break;
      case 'junit':
        reporters.push(new JunitReporter(write));
        break;
      case 'json':
        reporters.push(new JsonReporter(write));
        break;
      case 'github':
        reporters.push(new GithubReporter({ write, workspace: context.env.GITHUB_WORKSPACE, cwd: context.cwd }));
        break;
    }
  }
  return {
    reporters,
    finish: async () => {
      for (const file of files) {
        const target = path.resolve(context.cwd, file.path);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, file.chunks.join(''));
      }
    },
  };
}
