// `learn setup [LESSON ...] [--dry-run]`: install the Debian packages that
// provide the programs the lessons need and this machine lacks. As root on
// Debian or Ubuntu it runs `apt-get update` and `apt-get install -y ...`;
// otherwise (or with --dry-run) it prints the command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { examine } from './doctor-command.js';
import { hostProgram } from '../doctor/machine.js';

export const SETUP_HELP = `usage: learn setup [LESSON|FOLDER|GLOB ...] [--dry-run]

Install the Debian/Ubuntu packages that provide the programs the lessons need
and this machine lacks (as \`learn doctor\` finds them). As root on Debian or
Ubuntu this runs \`apt-get update\` and \`apt-get install -y PACKAGES\`;
otherwise it prints the command. Kernel features cannot be installed this way.

options:
  -n, --dry-run     print the commands, run nothing
`;

export async function setupCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand('setup', SETUP_HELP, argv, { 'dry-run': { type: 'boolean', short: 'n' } });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const report = await examine(positionals);
  const out = (text: string): void => void process.stdout.write(text + '\n');
  if (report.unknownPrograms.length > 0) out(`learn setup: no known package for ${report.unknownPrograms.join(', ')}; install ${report.unknownPrograms.length === 1 ? 'it' : 'them'} by hand`);
  const packages = report.missingPackages;
  const kernelMissing = report.checks.some((c) => c.name === 'vm kernel' && c.status === 'problem');
  if (packages.length === 0 && kernelMissing) return fetchVmKernel(out, values['dry-run'] === true);
  if (packages.length === 0) {
    out(report.unknownPrograms.length === 0 ? 'learn setup: nothing to install; every program the lessons need is here' : 'learn setup: no package to install');
    return report.unknownPrograms.length === 0 ? EXIT.ok : EXIT.failed;
  }
  const commands = setupCommands(packages);
  const canRun = (process.geteuid?.() ?? 1) === 0 && isDebian() && hostProgram('apt-get') !== undefined;
  if (values['dry-run'] || !canRun) {
    const why = values['dry-run'] ? 'would run' : !isDebian() || hostProgram('apt-get') === undefined ? 'not a Debian or Ubuntu system; the packages to install are' : 'not root; run';
    out(`learn setup: ${why}:`);
    const sudo = !values['dry-run'] && (process.geteuid?.() ?? 1) !== 0 ? 'sudo ' : '';
    for (const argv of commands) out(`  ${sudo}${argv.join(' ')}`);
    return values['dry-run'] ? EXIT.ok : EXIT.failed;
  }
  for (const argv of commands) {
    out(`learn setup: ${argv.join(' ')}`);
    const [program, ...args] = argv;
    const result = spawnSync(program, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      process.stderr.write(`learn setup: ${argv.join(' ')} failed (${result.error?.message ?? `exit status ${result.status}`})\n`);
      return EXIT.environment;
    }
  }
  const after = await examine(positionals);
  const still = after.missingPackages;
  if (still.length > 0) {
    process.stderr.write(`learn setup: still missing after the install: ${still.join(' ')}\n`);
    return EXIT.environment;
  }
  out(`learn setup: installed ${packages.join(' ')}; run \`learn doctor\` for the full check`);
  if (kernelMissing) {
    const code = await fetchVmKernel(out, false);
    if (code !== EXIT.ok) return code;
  }
  return after.unknownPrograms.length === 0 ? EXIT.ok : EXIT.failed;
}

/**
 * Debian's current kernel package (the one linux-image-amd64 depends on,
 * so the VM runs the kernel a Debian 12 machine would boot today) into
 * learn's cache for VM lessons; never installed on this machine.
 */
async function fetchVmKernel(out: (text: string) => void, dryRun: boolean): Promise<number> {
  const { currentKernelPackage, fetchKernel, vmCacheDir, KernelCacheError } = await import('../sandbox/vm/kernel-cache.js');
  try {
    const pkg = currentKernelPackage();
    if (dryRun) {
      out(`learn setup: would fetch ${pkg} into ${vmCacheDir()} (apt-get download, dpkg-deb -x; not installed)`);
      return EXIT.ok;
    }
    out(`learn setup: fetching ${pkg} into ${vmCacheDir()} for VM lessons (not installed on this machine)`);
    const kernel = fetchKernel(pkg, vmCacheDir(), (line) => out(`learn setup:   ${line}`));
    out(`learn setup: VM kernel ${kernel.version} ready`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof KernelCacheError)) throw error;
    process.stderr.write(`learn setup: ${error.message}\n`);
    return EXIT.environment;
  }
}

/** The apt-get commands that install `packages`. */
export function setupCommands(packages: string[]): Array<[string, ...string[]]> {
  return [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', '--no-install-recommends', ...packages],
  ];
}

function isDebian(): boolean {
  return existsSync('/etc/debian_version');
}
