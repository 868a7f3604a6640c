// Command-line options of one command: its option table parsed by node:util
// parseArgs (every command also takes -h/--help, which prints its help), an
// unknown option a usage error that names the command's --help and the
// closest known option, as unknown commands do; and the checked conversions
// of option values, whose errors name the option.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeMatches, editDistance } from './discover.js';
import { UsageError } from './usage.js';

type OptionTable = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h' } } as const;
// Tokens too: `learn test` reads the order of its --reporter and --output options.
type Config<T extends OptionTable> = { args: string[]; allowPositionals: true; tokens: true; options: T & typeof HELP };
type Parsed<T extends OptionTable> = ReturnType<typeof parseArgs<Config<T>>>;

/**
 * The arguments of `learn COMMAND`, parsed against its option table.
 * Undefined after `--help` has printed `help`: the command is done (exit 0).
 */
export function parseCommand<T extends OptionTable>(command: string, help: string, argv: string[], options: T): Parsed<T> | undefined {
  const config: Config<T> = { args: argv, allowPositionals: true, tokens: true, options: { ...options, ...HELP } };
  const parsed = parseCommandArgs(command, config);
  const values: { help?: unknown } = parsed.values;
  if (values.help === true) {
    process.stdout.write(help);
    return undefined;
  }
  return parsed;
}

export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw error;
    const given = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
    const names = Object.keys(config.options ?? {}).map((n) => `--${n}`);
    throw new UsageError(`unknown option ${given} for learn ${command}${suggestion(given, names)}; see \`learn ${command} --help\``);
  }
}

export interface IntegerRange {
  min: number;
  /** No upper bound when left out. */
  max?: number;
  /** What the number counts, for the error: "a number of columns". */
  what?: string;
}

/** An option's whole-number value within `range`, or undefined when the option was not given; a usage error names the option. */
export function integerOption(value: string | undefined, flag: string, range: IntegerRange): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const within = range.max === undefined ? `of ${range.min} or more` : `from ${range.min} to ${range.max}`;
  if (!/^\d+$/.test(value) || n < range.min || (range.max !== undefined && n > range.max)) {
    throw new UsageError(`${flag}: expected ${range.what ?? 'a whole number'} ${within}, got "${value}"`);
  }
  return n;
}

/** " (did you mean --update?)" for the closest option name, or "". */
export function suggestion(given: string, names: string[]): string {
  const bare = given.replace(/=.*$/, '');
  const close = closeMatches(bare.replace(/^-+/, ''), names.map((n) => n.replace(/^-+/, '')))
    .sort((a, b) => editDistance(a, bare.replace(/^-+/, '')) - editDistance(b, bare.replace(/^-+/, '')));
  return close.length > 0 ? ` (did you mean --${close[0]}?)` : '';
}
