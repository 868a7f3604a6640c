// What a shell on a host pty is doing, read from the host's /proc: the shell
// is the pty child's child (nsenter, then bash), its terminal's foreground
// group is in its stat line, its command line tells an `exec`. The namespace
// sandbox's ShellProcesses.
import { readFileSync, readdirSync } from 'node:fs';
import type { ShellProcesses } from './kind.js';
import { childrenOf } from './proc-tree.js';

/** Host pid of the shell: the first child of the pty's process. */
export function shellPidUnder(ptyPid: number): number | undefined {
  return childrenOf(ptyPid)[0];
}

/** The process's argv joined by spaces, or '' when it cannot be read. */
function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '').join(' ');
  } catch {
    return '';
  }
}

export function hostShellProcesses(ptyPid: number): ShellProcesses {
  const foregroundGroup = (): number | undefined => {
    const shell = shellPidUnder(ptyPid);
    if (shell === undefined) return undefined;
    const tpgid = Number(statFields(shell)?.[5]);
    return tpgid > 0 ? tpgid : undefined;
  };
  return {
    // Only asked while a command runs, so the shell itself reading means a builtin such as `read`.
    async foregroundReadsTerminal() {
      const group = foregroundGroup();
      if (group === undefined) return false;
      for (const pid of processesInGroup(group)) {
        try {
          const wchan = readFileSync(`/proc/${pid}/wchan`, 'utf8');
          if (wchan === 'n_tty_read' || wchan === 'wait_woken') return true;
        } catch {
          /* gone */
        }
      }
      return false;
    },
    killForegroundJob() {
      const group = foregroundGroup();
      // The shell's own group (a builtin such as `read` runs): never kill the shell.
      if (group === undefined || group === shellPidUnder(ptyPid)) return;
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        /* already gone */
      }
    },
    shellCommandLine() {
      const shell = shellPidUnder(ptyPid);
      return shell === undefined ? '' : commandLineOf(shell);
    },
  };
}

/** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, tty, tpgid... */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function processesInGroup(group: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (Number(statFields(entry)?.[2]) === group) pids.push(Number(entry));
  }
  return pids;
}
