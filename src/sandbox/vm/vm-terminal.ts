// One lesson terminal of a VM: a virtio console port, /dev/hvcN inside the
// guest, where the agent starts the shell with that tty as its controlling
// terminal. The guest's own line discipline does echo, ^C and job control;
// the host end is a plain byte stream (a socket pair with qemu).
import type { Duplex } from 'node:stream';
import type { ShellProcesses, TerminalProcess } from '../kind.js';
import type { AgentChannel } from './agent-channel.js';

export class VmTerminal implements TerminalProcess {
  /** Not a host process: the shell is a guest process (guestPid). */
  readonly pid = -1;
  guestPid: number | undefined;
  private exitCode: number | undefined;
  private readonly dataListeners: Array<(data: string) => void> = [];
  private readonly exitListeners: Array<(exit: { exitCode: number }) => void> = [];

  constructor(
    readonly port: number,
    private readonly stream: Duplex,
    private readonly agent: AgentChannel,
  ) {}

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  /** Bytes from the port, for this terminal while its shell lives. */
  deliver(data: string): void {
    if (this.exitCode === undefined) for (const listener of this.dataListeners) listener(data);
  }

  /** The shell ended (or the VM did). */
  ended(status: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = status;
    for (const listener of this.exitListeners) listener({ exitCode: status });
  }

  onData(listener: (data: string) => void): void {
    this.dataListeners.push(listener);
  }

  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void {
    this.exitListeners.push(listener);
  }

  write(data: string): void {
    if (this.exitCode === undefined) this.stream.write(data);
  }

  kill(signal = 'SIGHUP'): void {
    if (this.exitCode !== undefined || this.guestPid === undefined) return;
    void this.agent.request('kill', signal.replace(/^SIG/, ''), this.guestPid);
  }

  resize(cols: number, rows: number): void {
    void this.agent.request('stty', this.port, cols, rows);
  }

  /** The guest's /proc answers, through the agent. */
  processes(): ShellProcesses {
    return {
      foregroundReadsTerminal: async () => {
        if (this.guestPid === undefined) return false;
        const reply = await this.agent.request('fg', this.guestPid);
        return reply.status === 0 && reply.stdout.trim().split(' ')[1] === '1';
      },
      killForegroundJob: () => {
        if (this.guestPid !== undefined) void this.agent.request('killfg', this.guestPid);
      },
      // Not asked of the guest: an `exec` in a VM terminal times out as a plain timeout.
      shellCommandLine: () => '',
    };
  }
}
