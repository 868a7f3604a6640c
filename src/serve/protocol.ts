// The WebSocket messages between a lesson page and its session, as JSON
// text frames. Client messages are checked here before anything acts on
// them; a malformed one is answered with an error and otherwise ignored.

export type ClientMessage =
  /** Run one step (and the hidden set-up steps just before it that have not run). */
  | { type: 'run'; step: string }
  /** Run every step up to this one that has not run yet, then this one. */
  | { type: 'runTo'; step: string }
  /** Keys typed into a terminal. */
  | { type: 'input'; term: string; data: string }
  /** The page's terminal has shown this many more characters of `term` (flow control). */
  | { type: 'ack'; term: string; chars: number }
  /** Run a task's solution steps, then its check. */
  | { type: 'solve'; task: string }
  /** Draw the sandbox's network again (the learner may have changed it by typing). */
  | { type: 'topology' }
  /** Throw the sandbox away and start again in a fresh one. */
  | { type: 'reset' };

/** `background`: a background step is running (its `ready` text came); its verdict comes when it ends. */
export type StepStatus = 'running' | 'background' | 'passed' | 'differed' | 'failed' | 'skipped';

export type ServerMessage =
  | { type: 'ready'; terminals: string[]; generation: number }
  | { type: 'unavailable'; reason: string }
  | { type: 'resetting' }
  /** Terminal output; `at` is when the server read it from the pty (epoch ms, fractional). */
  | { type: 'output'; term: string; data: string; at: number }
  | { type: 'step'; step: string; status: StepStatus; ms?: number; message?: string; diff?: string; note?: string }
  | { type: 'busy'; busy: boolean }
  /** The sandbox's network as SVG text (src/topology/svg.ts), or why it could not be read. */
  | { type: 'topology'; svg: string; error?: undefined }
  | { type: 'topology'; error: string; svg?: undefined }
  | { type: 'notice'; message: string }
  | { type: 'error'; message: string };

const MAX_INPUT_CHARS = 16 * 1024;

export function parseClientMessage(text: string): ClientMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not an object';
  const m = value as Record<string, unknown>;
  const str = (key: string): string | undefined => (typeof m[key] === 'string' ? (m[key] as string) : undefined);
  switch (m.type) {
    case 'run':
    case 'runTo': {
      const step = str('step');
      return step === undefined ? `${m.type}: no step name` : { type: m.type, step };
    }
    case 'input': {
      const term = str('term');
      const data = str('data');
      if (term === undefined || data === undefined) return 'input: needs term and data';
      if (data.length > MAX_INPUT_CHARS) return `input: more than ${MAX_INPUT_CHARS} characters at once`;
      return { type: 'input', term, data };
    }
    case 'ack': {
      const term = str('term');
      const chars = m.chars;
      if (term === undefined || typeof chars !== 'number' || !Number.isFinite(chars) || chars < 0) return 'ack: needs term and chars';
      return { type: 'ack', term, chars };
    }
    case 'solve': {
      const task = str('task');
      return task === undefined ? 'solve: no task name' : { type: 'solve', task };
    }
    case 'topology':
      return { type: 'topology' };
    case 'reset':
      return { type: 'reset' };
    default:
      return `unknown message type ${JSON.stringify(m.type)}`;
  }
}
