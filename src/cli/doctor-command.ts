// `learn doctor [LESSON ...] [--json]`: check this machine for what the
// lessons need. Exit 0 when every lesson can run (a lesson skipped for a
// kernel feature the machine lacks is only a warning), 1 when something
// here needs fixing.
import { parseCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { DiscoveryError, resolveLessons } from './discover.js';
import { diagnose, lessonNeeds, type DoctorReport } from '../doctor/doctor.js';
import { realMachine } from '../doctor/machine.js';
import { doctorJson, formatDoctor } from '../doctor/format.js';
import { colorEnabled, makeStyle } from '../report/style.js';

export const DOCTOR_HELP = `usage: learn doctor [LESSON|FOLDER|GLOB ...] [--json]

Check this machine for everything the lessons need: privilege to create
namespaces, a working sandbox and pseudo-terminal, each program the lessons
require (with the Debian package that provides it), each kernel feature they
declare, and the Node version. Without arguments: the project's lessons/.

Exit status: 0 when every lesson can run here. A lesson that needs a kernel
feature this machine lacks is reported as a warning (it will be skipped;
installing packages cannot fix it) and does not change the status.
1 when something can be fixed here: a missing program (see \`learn setup\`),
no privilege for namespaces, no working pseudo-terminal, an old Node.

options:
      --json        the report as JSON
      --no-color    no colours
`;

export async function doctorCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand('doctor', DOCTOR_HELP, argv, { json: { type: 'boolean' }, 'no-color': { type: 'boolean' } });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const report = await examine(positionals);
  if (values.json) process.stdout.write(doctorJson(report));
  else process.stdout.write(formatDoctor(report, makeStyle(values['no-color'] ? false : colorEnabled(process.stdout))));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** The doctor's report for these lesson arguments (the project's lessons when none). */
export async function examine(args: string[]): Promise<DoctorReport> {
  let files: string[] = [];
  try {
    files = resolveLessons(args, process.cwd());
  } catch (error) {
    // Outside a project the machine can still be checked; named lessons must exist.
    if (!(error instanceof DiscoveryError) || args.length > 0) throw error;
  }
  const { needs, invalid } = await lessonNeeds(files);
  return diagnose(needs, realMachine(), invalid);
}
