// The host's end of the guest agent's two ports (guest-scripts.ts has the
// other end): requests and replies on the control port, one line each,
// matched by id; events (a terminal's shell started or ended) on the events
// port. Lines only, arguments in base64: nothing typed by a lesson can be
// taken for a request.
import type { Duplex } from 'node:stream';
import { captured } from '../../text/captured.js';

export interface AgentReply {
  status: number;
  stdout: string;
  stderr: string;
}

export type AgentEvent = { kind: 'pid'; port: number; pid: number } | { kind: 'exit'; port: number; status: number };

export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** One reply line: `ID STATUS STDOUT STDERR`, the last two base64 (possibly empty). */
export function parseReply(line: string): { id: number; reply: AgentReply } | undefined {
  const match = /^(\d+) (\d+) ([A-Za-z0-9+/=]*) ([A-Za-z0-9+/=]*)$/.exec(line);
  if (!match) return undefined;
  const text = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
  return { id: Number(match[1]), reply: { status: Number(match[2]), stdout: text(captured(match, 3)), stderr: text(captured(match, 4)) } };
}

export function parseEvent(line: string): AgentEvent | undefined {
  const match = /^(pid|exit) (\d+) (\d+)$/.exec(line);
  if (!match) return undefined;
  return match[1] === 'pid'
    ? { kind: 'pid', port: Number(match[2]), pid: Number(match[3]) }
    : { kind: 'exit', port: Number(match[2]), status: Number(match[3]) };
}

/** Calls `onLine` with each complete line of the stream. */
export function readLines(stream: Duplex, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (data: string) => {
    buffer += data;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, newline).replace(/\r$/, ''));
      buffer = buffer.slice(newline + 1);
    }
  });
}

export class AgentChannel {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: AgentReply) => void>();
  private readyWaiter: (() => void) | undefined;
  private isReady = false;
  private gone: string | undefined;
  private readonly eventListeners: Array<(event: AgentEvent) => void> = [];

  constructor(private readonly control: Duplex, events: Duplex) {
    readLines(control, (line) => this.onControlLine(line));
    readLines(events, (line) => {
      const event = parseEvent(line);
      if (event) for (const listener of this.eventListeners) listener(event);
    });
  }

  /** Resolves once the agent has said it is ready. */
  ready(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve) => (this.readyWaiter = resolve));
  }

  onEvent(listener: (event: AgentEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /** Send a request; a VM that is gone answers every request with status 255. */
  request(verb: string, ...args: Array<string | number>): Promise<AgentReply> {
    if (this.gone !== undefined) return Promise.resolve({ status: 255, stdout: '', stderr: this.gone });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.control.write(`${id} ${verb} ${args.join(' ')}\n`);
    });
  }

  /** The VM is gone: settle everything that waits for it. */
  shutDown(reason: string): void {
    this.gone = reason;
    for (const resolve of this.pending.values()) resolve({ status: 255, stdout: '', stderr: reason });
    this.pending.clear();
  }

  private onControlLine(line: string): void {
    if (line === 'learn-vm-ready') {
      this.isReady = true;
      this.readyWaiter?.();
      return;
    }
    const parsed = parseReply(line);
    if (!parsed) return;
    const resolve = this.pending.get(parsed.id);
    this.pending.delete(parsed.id);
    resolve?.(parsed.reply);
  }
}
