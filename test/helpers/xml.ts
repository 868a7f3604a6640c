// A small strict XML 1.0 reader for tests: well-formedness (one root, tags
// nested and closed, quoted and unique attributes, only the predefined and
// numeric entities, only characters XML allows) and a tree to check structure.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (message: string): never => {
    const line = source.slice(0, at).split('\n').length;
    throw new XmlError(`line ${line}: ${message}`);
  };
  const invalid = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]/.exec(source);
  if (invalid) {
    at = invalid.index;
    fail(`character U+${invalid[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML`);
  }
  const skipSpace = (): void => {
    while (at < source.length && /\s/.test(source[at]!)) at++;
  };
  const decode = (text: string): string =>
    text.replace(/&([^;]*);?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) fail(`unterminated entity reference "${whole}"`);
      if (name in ENTITIES) return ENTITIES[name]!;
      const numeric = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(name);
      if (!numeric) return fail(`unknown entity &${name};`);
      const code = numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : Number(numeric[1]);
      return String.fromCodePoint(code);
    });
  const name = (): string => {
    const match = NAME.exec(source.slice(at));
    if (!match) return fail('expected a name');
    at += match[0].length;
    return match[0];
  };
  const element = (): XmlElement => {
    if (source[at] !== '<') fail('expected "<"');
    at++;
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = at;
      skipSpace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return el;
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected whitespace before an attribute');
      const attribute = name();
      skipSpace();
      if (source[at] !== '=') fail(`attribute ${attribute} has no "="`);
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} is not quoted`);
      const end = source.indexOf(quote!, at + 1);
      if (end === -1) fail(`attribute ${attribute} is not closed`);
      const raw = source.slice(at + 1, end);
      if (raw.includes('<')) fail(`"<" in attribute ${attribute}`);
      if (attribute in el.attributes) fail(`attribute ${attribute} given twice`);
      el.attributes[attribute] = decode(raw);
      at = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', at);
      if (next === -1) fail(`<${el.name}> is not closed`);
      const text = source.slice(at, next);
      if (text.includes(']]>')) fail('"]]>" in text');
      el.text += decode(text);
      at = next;
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (source[at] !== '>') fail('expected ">"');
        at++;
        return el;
      }
      if (source.startsWith('<!--', at)) {
        const end = source.indexOf('-->', at);
        if (end === -1) fail('unclosed comment');
        at = end + 3;
        continue;
      }
      el.children.push(element());
    }
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end === -1) fail('unclosed XML declaration');
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(source.slice(0, end + 2))) fail('unexpected XML declaration');
    at = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== source.length) fail('content after the root element');
  return root;
}
