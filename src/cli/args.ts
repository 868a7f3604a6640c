// Command-line options of one command, parsed by node:util parseArgs; an
// unknown option becomes a usage error that names the command's --help and
// the closest known option, as unknown commands do.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeMatches, editDistance } from './discover.js';
import { UsageError } from './usage.js';

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

/** " (did you mean --update?)" for the closest option name, or "". */
export function suggestion(given: string, names: string[]): string {
  const bare = given.replace(/=.*$/, '');
  const close = closeMatches(bare.replace(/^-+/, ''), names.map((n) => n.replace(/^-+/, '')))
    .sort((a, b) => editDistance(a, bare.replace(/^-+/, '')) - editDistance(b, bare.replace(/^-+/, '')));
  return close.length > 0 ? ` (did you mean --${close[0]}?)` : '';
}
