/**
 * A strict reader for the XML subset reports use (declaration, elements, attributes, text, character and the
 * five predefined entity references). It throws on anything malformed, so a test that reads a report through
 * it also proves the report is well-formed XML.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*/;

function decode(raw: string, where: number): string {
  if (/<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw))
    throw new Error(`XML: raw < or & at ${where}: ${JSON.stringify(raw.slice(0, 60))}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref] ?? '';
  });
}

export function parseXml(xml: string): XmlElement {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`XML: ${what} at ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
  };
  // XML 1.0 Char production, checked over the whole document.
  for (const ch of xml) {
    const c = ch.codePointAt(0) ?? 0;
    if (
      (c < 0x20 && c !== 9 && c !== 10 && c !== 13) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff
    )
      throw new Error(`XML: character U+${c.toString(16)} is not allowed`);
  }
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(xml);
  if (decl === null) fail('missing XML declaration');
  at = decl?.[0].length ?? 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (at < xml.length) {
    if (xml.startsWith('</', at)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(at));
      const open = stack.pop();
      if (m === null || open === undefined || m[1] !== open.name) fail('mismatched closing tag');
      at += m?.[0].length ?? 0;
      continue;
    }
    if (xml[at] === '<') {
      at += 1;
      const name = NAME.exec(xml.slice(at))?.[0] ?? fail('element name');
      at += name.length;
      const attrs: Record<string, string> = {};
      for (;;) {
        const m = /^\s+([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(xml.slice(at));
        if (m === null) break;
        const [all, key = '', value = ''] = m;
        if (key in attrs) fail(`duplicate attribute ${key}`);
        attrs[key] = decode(value, at);
        at += all.length;
      }
      const end = /^\s*(\/?)>/.exec(xml.slice(at)) ?? fail('end of start tag');
      at += end[0].length;
      const element: XmlElement = { name, attrs, children: [], text: '' };
      const parent = stack.at(-1);
      if (parent === undefined) {
        if (root !== undefined) fail('second root element');
        root = element;
      } else parent.children.push(element);
      if (end[1] !== '/') stack.push(element);
      continue;
    }
    const next = xml.indexOf('<', at);
    const raw = xml.slice(at, next === -1 ? xml.length : next);
    const parent = stack.at(-1);
    if (parent === undefined) {
      if (raw.trim() !== '') fail('text outside the root element');
    } else parent.text += decode(raw, at);
    at += raw.length;
  }
  if (stack.length > 0 || root === undefined) fail('unclosed element');
  return root as XmlElement;
}

/** Every element of the tree named `name`, depth first. */
export function elements(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) found.push(e);
    for (const child of e.children) walk(child);
  };
  walk(root);
  return found;
}
