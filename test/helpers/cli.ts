// Run the real CLI (`bin/learn ...`, the command as installed) and collect what it printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot, learnCommand } from './paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunLearnOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Run as this (unprivileged) user, through runuser: the rootless path. */
  asUser?: string;
  /** Run bin/learn.js with this Node.js, not bin/learn: for a PATH without node (or coreutils) on it. */
  withThisNode?: boolean;
}

export function runLearn(args: string[], options: RunLearnOptions = {}): Promise<CliResult> {
  const argv = options.withThisNode ? [process.execPath, path.join(projectRoot, 'bin', 'learn.js'), ...args] : [learnCommand, ...args];
  const [file, ...rest] = options.asUser ? ['runuser', '-u', options.asUser, '--', ...argv] : argv;
  return new Promise((resolve) => {
    const child = spawn(file!, rest, {
      cwd: options.cwd ?? projectRoot,
      env: { ...process.env, CI: '', NO_COLOR: '1', GITHUB_ACTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
