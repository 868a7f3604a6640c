// `learn topo LESSON [--after STEP]`: the sandbox's network after a step,
// drawn as text (or SVG with --svg, or the collector's raw output with
// --raw). Runs the steps in a fresh sandbox the way `learn shell` does,
// reads the network once, draws, and removes the sandbox.
import { integerOption, parseCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { closeRun, type RegisterRun } from './run-scope.js';
import { colorEnabled, makeStyle } from '../report/style.js';
import { openLessonAtStep, stateName } from './replay-steps.js';
import { UsageError } from './usage.js';

export const TOPO_HELP = `usage: learn topo LESSON [--after STEP] [--svg | --raw] [--details] [--width N]

Draw the network of a fresh sandbox in the state the lesson leaves it in
after STEP (a name or a number; 0 for none; every step when omitted): every
network namespace, its interfaces with their kind, state and addresses,
bridge ports, veth pairs across namespaces, VXLAN tunnels, routes and NAT.
The sandbox is removed afterwards; nothing on this machine changes.

options:
      --after STEP      stop after this step (default: the last one)
      --svg             write an SVG picture to stdout instead of text
      --raw             print what was read from the sandbox (ip -j, nft -j), for recordings
      --details         show MAC addresses, interface indexes and every route
      --width N         text width (default: the terminal's, or 100)
      --no-color        no colours (NO_COLOR and FORCE_COLOR are honoured too)
      --allow-host      let a lesson marked \`host: true\` run as the host's real root (trusted lessons only)
`;

export async function topoCommand(argv: string[], registerRun: RegisterRun): Promise<number> {
  const parsed = parseCommand('topo', TOPO_HELP, argv, {
    after: { type: 'string' },
    svg: { type: 'boolean' },
    raw: { type: 'boolean' },
    details: { type: 'boolean' },
    width: { type: 'string' },
    'no-color': { type: 'boolean' },
    'allow-host': { type: 'boolean' },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (values.svg && values.raw) throw new UsageError('--svg and --raw exclude each other');
  const width = integerOption(values.width, '--width', { min: 40, max: 1000, what: 'a number of columns' });
  const opened = await openLessonAtStep('topo', positionals, values, { registerRun });
  if (typeof opened === 'number') return opened;
  const { lesson, count, style, run, failures } = opened;
  try {
    const { collectRaw } = await import('../topology/collect.js');
    const raw = await collectRaw(run.sandbox);
    if (failures > 0) process.stderr.write(style.yellow(`${failures} step${failures === 1 ? '' : 's'} did not go as the lesson expects (above); the picture may differ from the lesson's.\n`));
    if (values.raw) {
      process.stdout.write(raw);
      return EXIT.ok;
    }
    const { buildTopology } = await import('../topology/model.js');
    const topology = buildTopology(raw);
    const title = `${lesson.meta.title}, ${stateName(lesson, count)}`;
    if (values.svg) {
      const { renderSvg } = await import('../topology/svg.js');
      process.stdout.write(renderSvg(topology, { title, details: values.details === true }));
      return EXIT.ok;
    }
    const { renderText } = await import('../topology/text.js');
    const columns = width ?? (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 100;
    const textStyle = makeStyle(values['no-color'] ? false : colorEnabled(process.stdout));
    process.stdout.write(renderText(topology, { title, width: columns, details: values.details === true, style: textStyle }) + '\n');
    return EXIT.ok;
  } finally {
    await closeRun(run, registerRun);
  }
}
