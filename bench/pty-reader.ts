// The ceiling for a flood: a workload's commands in a pty in a fresh
// sandbox, read by node-pty in a fresh process (cold, like learn) and only
// counted: no markers, no capture, no rendering. Only the reading is timed.
//
//   node build/bench/pty-reader.js WORKLOAD_DIR
//
// Prints one JSON object: { wallMs, chars, code }.
import { createSandbox, SANDBOX_LESSON_DIR } from '../src/sandbox/sandbox.js';
import { detectPrivilege } from '../src/sandbox/privilege.js';
import { spawnPty } from '../src/session/pty.js';
import { RENDER_COLUMNS, RENDER_ROWS } from '../src/render/screen.js';

async function main(): Promise<void> {
  const [dir] = process.argv.slice(2);
  if (!dir) throw new Error('usage: pty-reader WORKLOAD_DIR');
  const sandbox = await createSandbox({ lessonDir: dir, privilege: detectPrivilege() });
  try {
    const { file, args } = sandbox.command(['/bin/bash', '-e', `${SANDBOX_LESSON_DIR}/floor.sh`]);
    const started = performance.now();
    const pty = spawnPty(file, args, { cols: RENDER_COLUMNS, rows: RENDER_ROWS, env: sandbox.env });
    let chars = 0;
    pty.onData((data) => (chars += data.length));
    const code = await new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
    process.stdout.write(JSON.stringify({ wallMs: performance.now() - started, chars, code }) + '\n');
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`pty-reader: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
