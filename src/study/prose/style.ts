// How prose looks: the inline marks and block decorations a renderer asks
// for, and the one ProseStyle that turns them into terminal escapes (or
// leaves text plain). Tests pass their own ProseStyle to see the marks.

/** Inline marks: they nest and combine. */
export type Mark = 'strong' | 'em' | 'strike' | 'code' | 'link' | 'url';
/** Block decorations: one per piece of text. */
export type BlockMark = 'heading1' | 'heading2' | 'heading' | 'rule' | 'quote' | 'bullet' | 'fence' | 'table';

export interface ProseStyle {
  /** True when marks are visible (colours); without them, inline code keeps its backticks. */
  readonly visible: boolean;
  inline(text: string, marks: readonly Mark[]): string;
  block(text: string, mark: BlockMark): string;
}

/** Narrowest width the renderer works at; anything smaller is raised to it. */
export const MIN_PROSE_WIDTH = 20;

const SGR: Record<Mark | BlockMark, [string, string]> = {
  strong: ['1', '22'],
  em: ['3', '23'],
  strike: ['9', '29'],
  code: ['36', '39'],
  link: ['4', '24'],
  url: ['2', '22'],
  heading1: ['1;36', '22;39'],
  heading2: ['1;36', '22;39'],
  heading: ['1', '22'],
  rule: ['2', '22'],
  quote: ['2', '22'],
  bullet: ['36', '39'],
  fence: ['', ''],
  table: ['2', '22'],
};

/** Colours and emphasis as terminal escapes, or plain text when disabled. */
export function ansiProseStyle(enabled: boolean): ProseStyle {
  const paint = (text: string, codes: Array<[string, string]>): string => {
    const used = codes.filter(([open]) => open !== '');
    if (!enabled || used.length === 0 || text === '') return text;
    return used.map(([open]) => `\x1b[${open}m`).join('') + text + used.reverse().map(([, close]) => `\x1b[${close}m`).join('');
  };
  return {
    visible: enabled,
    inline: (text, marks) => paint(text, marks.map((m) => SGR[m])),
    block: (text, mark) => paint(text, [SGR[mark]]),
  };
}

/** No marks at all: plain text. */
export const PLAIN_STYLE: ProseStyle = { visible: false, inline: (t) => t, block: (t) => t };
