// Run the real CLI (`node bin/learn.js ...`) and collect what it printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './paths.js';

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
}

export function runLearn(args: string[], options: RunLearnOptions = {}): Promise<CliResult> {
  const argv = [process.execPath, path.join(projectRoot, 'bin/learn.js'), ...args];
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
