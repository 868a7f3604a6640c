// `learn serve`: the lessons as a local web page with live terminals.
// Wiring only: options, the lessons, the server; prints the address to open.
import { integerOption, parseCommand } from './args.js';
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { EXIT } from './exit-codes.js';
import { type RegisterRun } from './run-scope.js';
import { findProjectRoot, resolveLessons } from './discover.js';
import { sandboxPrivilege } from './privilege.js';
import { isCi } from './test-command.js';
import { UsageError } from './usage.js';
import { FileSnapshotStore } from '../snapshot/store.js';
import { readOnlyStore } from '../study/snapshots.js';
import { startServer } from '../serve/server.js';

export const SERVE_HELP = `usage: learn serve [FOLDER|LESSON ...] [options]

The lessons as a web page on this machine: the curriculum, each lesson's
text with a Run button on every step, its verdict and diff, and beside it
live terminals attached to the lesson's sandbox, where you can also type.
Each browser tab's lesson gets a sandbox of its own, torn down when the tab
closes. Prints the address to open (it carries a secret token); opens nothing.

options:
      --port N           port to listen on (default: any free port)
      --host ADDR        address to listen on (default: 127.0.0.1, this machine only)
      --open             also open the address in the default browser (xdg-open)
      --max-sandboxes N  lessons open at once, each with its own sandbox (default: 4)
      --snapshots DIR    read recorded outputs from DIR (default: snapshots/ beside the lessons folder)
      --allow-host       let lessons marked \`host: true\` run as the host's real root (trusted lessons only)

Ctrl-C stops the server and tears every sandbox down.
`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function serveCommand(argv: string[], registerRun: RegisterRun): Promise<number> {
  const parsed = parseCommand('serve', SERVE_HELP, argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    open: { type: 'boolean' },
    'max-sandboxes': { type: 'string' },
    snapshots: { type: 'string' },
    'allow-host': { type: 'boolean' },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const port = integerOption(values.port, '--port', { min: 0, max: 65535 }) ?? 0;
  const maxSandboxes = integerOption(values['max-sandboxes'], '--max-sandboxes', { min: 1, max: 64 }) ?? 4;
  const host = values.host === 'localhost' ? '127.0.0.1' : (values.host ?? '127.0.0.1');
  const cwd = process.cwd();
  const lessons = resolveLessons(positionals, cwd);
  const root = findProjectRoot(cwd);
  const lessonsDir = root ? path.join(root, 'lessons') : path.dirname(path.resolve(lessons[0] ?? cwd));
  const privilege = sandboxPrivilege();
  if (!privilege) return EXIT.environment;
  if (!LOOPBACK.has(host)) {
    process.stderr.write(`learn: warning: listening on ${host}, not only on this machine: anyone who can reach it and learns the token can run commands in sandboxes here\n`);
  }
  const server = await startServer({
    host, port, lessons, lessonsDir, privilege, maxSandboxes, registerRun,
    runOptions: {
      store: readOnlyStore(new FileSnapshotStore({ dir: values.snapshots })),
      updateMode: isCi(process.env) ? 'none' : 'new',
      privilege,
      allowHost: values['allow-host'] === true,
      continueAfterFailure: true,
      color: false,
    },
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' || error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') {
      throw new UsageError(`cannot listen on ${host}:${port}: ${error.code}`);
    }
    throw error;
  });
  process.stdout.write(`learn serve: ${lessons.length} lesson${lessons.length === 1 ? '' : 's'}; open this address in a browser (Ctrl-C stops):\n\n  ${server.url}\n\n`);
  if (values.open) openBrowser(server.url);
  return new Promise(() => {
    // Runs until a signal: main's handler tears every open lesson down and exits.
  });
}

function openBrowser(url: string): void {
  const opener = (process.env.PATH ?? '').split(':').map((dir) => path.join(dir, 'xdg-open')).find(isExecutable);
  if (!opener) {
    process.stderr.write('learn: --open: no xdg-open on this machine; open the address yourself\n');
    return;
  }
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('learn: --open: xdg-open failed; open the address yourself\n'));
  child.unref();
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
