// The topology picture of one tab's sandbox: collected (src/topology) after
// steps settle and when the page asks, drawn as SVG and sent to the page.
// Never two collections at once: requests that come while one runs are
// folded into one more run after it. Off the steps' path: callers ask for
// it after a step's result was sent and do not wait for it.
import { collectRaw } from '../topology/collect.js';
import { buildTopology } from '../topology/model.js';
import { renderSvg } from '../topology/svg.js';
import type { LessonSandbox } from '../sandbox/kind.js';
import type { ServerMessage } from './protocol.js';

export class TopologyFeed {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly sandbox: Pick<LessonSandbox, 'run'>,
    private readonly send: (message: ServerMessage) => void,
  ) {}

  /** Collect soon; returns when the picture that covers this request was sent. */
  request(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The sandbox is going away: send nothing more. */
  stop(): void {
    this.stopped = true;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const message = await this.picture();
      if (this.stopped) return;
      this.send(message);
    } while (this.again && !this.stopped);
  }

  private async picture(): Promise<ServerMessage> {
    try {
      // The renderer escapes every name it draws (interface names come from the lesson).
      return { type: 'topology', svg: renderSvg(buildTopology(await collectRaw(this.sandbox))) };
    } catch (error) {
      return { type: 'topology', error: (error as Error).message };
    }
  }
}
