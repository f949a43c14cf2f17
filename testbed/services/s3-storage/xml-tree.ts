/**
 * A deliberately small XML reader and writer for S3 configuration documents (element-only content, no DTDs).
 * The project has no XML dependency of its own, and a lifecycle document only needs elements, attributes and
 * text; anything outside that subset is rejected rather than half-understood.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Character data of a leaf element, entities decoded; empty for an element with children. */
  readonly text: string;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

/** Nesting deeper than this is no S3 document; the limit keeps recursion bounded on hostile input. */
const MAX_DEPTH = 32;
const NAME = /[A-Za-z_][\w.:-]*/y;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z]+));/y;

export function element(
  name: string,
  content: readonly XmlElement[] | string = [],
  attributes: Record<string, string> = {},
): XmlElement {
  return typeof content === 'string'
    ? { name, attributes, children: [], text: content }
    : { name, attributes, children: content, text: '' };
}

export function childNamed(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((child) => child.name === name);
}

export function childrenNamed(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child) => child.name === name);
}

export function parseXml(source: string): XmlElement {
  return new XmlReader(source).document();
}

export function serializeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeElement(root)}`;
}

function serializeElement(node: XmlElement): string {
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value).replaceAll('"', '&quot;')}"`)
    .join('');
  const body = node.children.length > 0 ? node.children.map(serializeElement).join('') : escapeXml(node.text);
  return `<${node.name}${attributes}>${body}</${node.name}>`;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

class XmlReader {
  private pos = 0;

  constructor(private readonly source: string) {
    if (source.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  document(): XmlElement {
    this.skipMisc();
    if (this.source[this.pos] !== '<') this.fail('expected the root element');
    const root = this.element(1);
    this.skipMisc();
    if (this.pos !== this.source.length) this.fail('content after the root element');
    return root;
  }

  private element(depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail('elements nested too deeply');
    this.pos++; // '<'
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = this.skipSpace();
      if (this.source.startsWith('/>', this.pos)) {
        this.pos += 2;
        return element(name, '', attributes);
      }
      if (this.source[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (!spaced) this.fail(`expected whitespace before an attribute of <${name}>`);
      const attribute = this.name();
      if (Object.hasOwn(attributes, attribute)) this.fail(`duplicate attribute ${attribute}`);
      attributes[attribute] = this.attributeValue();
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (this.pos >= this.source.length) this.fail(`unclosed element <${name}>`);
      if (this.source.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        this.skipSpace();
        this.expect('>');
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        break;
      }
      if (this.source.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (this.source.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.source.startsWith('<![CDATA[', this.pos)) {
        const start = this.pos + '<![CDATA['.length;
        this.skipPast(']]>');
        text += this.source.slice(start, this.pos - 3);
      } else if (this.source[this.pos] === '<') children.push(this.element(depth + 1));
      else {
        const next = this.source.indexOf('<', this.pos);
        const end = next < 0 ? this.source.length : next;
        text += this.decode(this.source.slice(this.pos, end));
        this.pos = end;
      }
    }
    if (children.length === 0) return element(name, text, attributes);
    if (text.trim() !== '') this.fail(`<${name}> mixes text and elements`);
    return element(name, children, attributes);
  }

  private attributeValue(): string {
    this.skipSpace();
    this.expect('=');
    this.skipSpace();
    const quote = this.source[this.pos];
    if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
    const end = this.source.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail('unterminated attribute value');
    const raw = this.source.slice(this.pos + 1, end);
    if (raw.includes('<')) this.fail('"<" in an attribute value');
    this.pos = end + 1;
    return this.decode(raw);
  }

  private decode(raw: string): string {
    let out = '';
    let from = 0;
    for (let at = raw.indexOf('&'); at >= 0; at = raw.indexOf('&', from)) {
      ENTITY.lastIndex = at;
      const match = ENTITY.exec(raw);
      if (match === null) this.fail('a bare "&" or an unterminated entity');
      const [whole, hex, decimal, named] = match;
      out += raw.slice(from, at) + this.entityText(hex, decimal, named);
      from = at + whole.length;
    }
    return out + raw.slice(from);
  }

  private entityText(
    hex: string | undefined,
    decimal: string | undefined,
    named: string | undefined,
  ): string {
    if (named !== undefined) {
      const text = NAMED_ENTITIES[named];
      if (text === undefined) this.fail(`unknown entity &${named};`);
      return text;
    }
    const codePoint = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
    if (!(codePoint > 0 && codePoint <= 0x10ffff)) this.fail('character reference out of range');
    return String.fromCodePoint(codePoint);
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.source);
    if (match === null) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  /** Whitespace, comments and processing instructions around the root element. */
  private skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.source.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.source.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (this.source.startsWith('<!', this.pos)) this.fail('DOCTYPE declarations are not accepted');
      else return;
    }
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (/\s/.test(this.source[this.pos] ?? '')) this.pos++;
    return this.pos > start;
  }

  private skipPast(terminator: string): void {
    const end = this.source.indexOf(terminator, this.pos);
    if (end < 0) this.fail(`missing "${terminator}"`);
    this.pos = end + terminator.length;
  }

  private expect(text: string): void {
    if (!this.source.startsWith(text, this.pos)) this.fail(`expected "${text}"`);
    this.pos += text.length;
  }

  private fail(what: string): never {
    throw new XmlSyntaxError(`${what} at offset ${this.pos}`);
  }
}
