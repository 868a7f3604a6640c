// What a block handler gets and gives: the cursor over the run's tokens
// (the renderer owns it; handlers move it past what they consume) and the
// lines of one block. Each block kind is a handler in its own file,
// registered by token type in renderer.ts, as markdown-it's renderer does.
import type Token from 'markdown-it/lib/token.mjs';
import type { ProseStyle } from './style.js';

export interface Block {
  lines: string[];
  /** No blank line between this block and the one before (tight lists). */
  tight: boolean;
}

export interface BlockCursor {
  readonly tokens: readonly Token[];
  /** Index of the next token to consume. */
  i: number;
  /** Lists open around the block being rendered. */
  listDepth: number;
  readonly style: ProseStyle;
  /** Blocks up to the token `close` (consumed) or the end of the run. */
  blocks(width: number, close: string | undefined): string[];
  /** The one block at the cursor; undefined for tokens that render nothing. */
  block(width: number): Block | undefined;
  /** The children of the inline token at the cursor (consumed), or none. */
  inlineAt(): Token[];
  /** Consume the token at the cursor if it has this type. */
  skipIf(type: string): void;
}

/** Renders the block whose first token is at the cursor. */
export type BlockHandler = (cursor: BlockCursor, token: Token, width: number) => Block | undefined;
