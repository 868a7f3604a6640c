// One call for a live picture: read the sandbox's network, build the model,
// draw it as text. What study mode's `t` key and other callers use.
import type { Sandbox } from '../sandbox/sandbox.js';
import type { Style } from '../report/style.js';
import { collectRaw } from './collect.js';
import { buildTopology } from './model.js';
import { renderText } from './text.js';

export async function sandboxTopologyText(sandbox: Pick<Sandbox, 'run'>, options: { width: number; style: Style; title?: string; details?: boolean }): Promise<string> {
  return renderText(buildTopology(await collectRaw(sandbox)), options);
}
