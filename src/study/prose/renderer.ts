// The block renderer: a cursor over one prose run's tokens and the table of
// handlers by token type; blocks are joined with a blank line between them
// unless the later one is tight. Unknown tokens, and closers of containers
// opened in an earlier run, render nothing.
import type Token from 'markdown-it/lib/token.mjs';
import type { Block, BlockCursor, BlockHandler } from './block.js';
import { blockquote } from './blockquote.js';
import { fence, rule } from './code.js';
import { heading } from './heading.js';
import { htmlBlock } from './html.js';
import { list, looseItems } from './list.js';
import { inline, paragraph } from './paragraph.js';
import type { ProseStyle } from './style.js';
import { table } from './table.js';

const HANDLERS: Readonly<Record<string, BlockHandler>> = {
  heading_open: heading,
  paragraph_open: paragraph,
  bullet_list_open: list,
  ordered_list_open: list,
  list_item_open: looseItems,
  blockquote_open: blockquote,
  fence,
  code_block: fence,
  hr: rule,
  html_block: htmlBlock,
  table_open: table,
  inline,
};

export class BlockRenderer implements BlockCursor {
  i = 0;
  listDepth = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly style: ProseStyle,
  ) {}

  document(width: number): string[] {
    return this.blocks(width, undefined);
  }

  blocks(width: number, close: string | undefined): string[] {
    const out: string[] = [];
    for (let token = this.tokens[this.i]; token !== undefined; token = this.tokens[this.i]) {
      if (close !== undefined && token.type === close) {
        this.i++;
        break;
      }
      const block = this.block(width);
      if (!block || block.lines.length === 0) continue;
      if (out.length > 0 && !block.tight) out.push('');
      out.push(...block.lines);
    }
    return out;
  }

  block(width: number): Block | undefined {
    const token = this.tokens[this.i];
    if (!token) return undefined;
    const handler = HANDLERS[token.type];
    if (handler) return handler(this, token, width);
    this.i++;
    return undefined;
  }

  inlineAt(): Token[] {
    const token = this.tokens[this.i];
    if (token?.type !== 'inline') return [];
    this.i++;
    return token.children ?? [];
  }

  skipIf(type: string): void {
    if (this.tokens[this.i]?.type === type) this.i++;
  }
}
