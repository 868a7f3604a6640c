// The worker thread of regexp-guard.ts: runs one lesson-supplied regular
// expression at a time and reports back through a shared counter, so the
// caller can wait for it synchronously, with a deadline.
import { workerData, type MessagePort } from 'node:worker_threads';
import type { PatternRequest, PatternReply } from './regexp-guard.js';

const { port, shared } = workerData as { port: MessagePort; shared: SharedArrayBuffer };
// [0] counts replies; [1] becomes 1 once this thread runs.
const done = new Int32Array(shared);
Atomics.store(done, 1, 1);
Atomics.notify(done, 1);

port.on('message', (request: PatternRequest) => {
  let reply: PatternReply;
  try {
    const pattern = new RegExp(request.source, request.flags);
    reply = request.replace === undefined
      ? { ok: true, value: pattern.test(request.text) }
      : { ok: true, value: request.text.replace(pattern, request.replace) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
