// `--sandbox ns|vm`: the command line's choice of sandbox kind, for every
// lesson of the run (a lesson's `sandbox:` front matter otherwise).
import { SANDBOX_KINDS, type SandboxKind } from '../sandbox/kind.js';
import { UsageError } from './usage.js';

export const SANDBOX_OPTION_HELP = '      --sandbox KIND    run in this kind of sandbox: ns (namespaces) or vm (a small VM with its own kernel); default: the lesson\'s `sandbox:`';

export function sandboxOption(value: string | undefined): SandboxKind | undefined {
  if (value === undefined) return undefined;
  if ((SANDBOX_KINDS as readonly string[]).includes(value)) return value as SandboxKind;
  throw new UsageError(`--sandbox takes ns or vm, not "${value}"`);
}
