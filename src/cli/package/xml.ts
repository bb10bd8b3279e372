/**
 * A thin layer over saxes for patching package parts in place: it reports every element
 * with its offsets in the part's text, so callers can splice new text in and leave every
 * other byte as it was. No XML is parsed by hand.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** One element as met in the text; offsets index the JavaScript string of the part. */
export interface XmlElement {
  /** Local name, without any namespace prefix. */
  readonly name: string;
  /** The prefix including its colon (`x:`), or ''. */
  readonly prefix: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just after the start tag's `>` (for `<a/>`, the element's end). */
  readonly openEnd: number;
  readonly selfClosing: boolean;
  /** Number of ancestors (0 for the root element). */
  readonly depth: number;
  /** Local name of the parent element ('' for the root). */
  readonly parent: string;
}

export interface XmlHandlers {
  open?(el: XmlElement): void;
  /** `closeStart`: offset of `</`; equals `end`-free `openEnd` for a self-closing element. */
  close?(el: XmlElement, closeStart: number, end: number): void;
}

/** Raised when a part is not well-formed XML. */
export class XmlPartError extends Error {}

/** Walk `xml`, calling `handlers` for every element. Throws `XmlPartError` on malformed XML. */
export function walkXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: true, xmlns: false });
  const stack: XmlElement[] = [];
  const names: string[] = [];
  let start = 0;
  parser.on('opentagstart', () => {
    start = xml.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const colon = tag.name.indexOf(':');
    const el: XmlElement = {
      name: colon < 0 ? tag.name : tag.name.slice(colon + 1),
      prefix: colon < 0 ? '' : tag.name.slice(0, colon + 1),
      attributes: tag.attributes,
      start,
      openEnd: parser.position,
      selfClosing: tag.isSelfClosing,
      depth: names.length,
      parent: names.length ? names[names.length - 1] : '',
    };
    handlers.open?.(el);
    stack.push(el);
    names.push(el.name);
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    names.pop();
    if (!el) return;
    const end = parser.position;
    const closeStart = el.selfClosing ? end : xml.lastIndexOf('<', end - 1);
    handlers.close?.(el, closeStart, end);
  });
  let failure: Error | undefined;
  parser.on('error', (e: Error) => {
    failure ??= e;
  });
  parser.write(xml).close();
  if (failure) throw new XmlPartError(failure.message);
}

/** Attribute value of `name` ignoring any prefix (`r:id` for `id`), or undefined. */
export function attrLocal(el: XmlElement, local: string): string | undefined {
  for (const [k, v] of Object.entries(el.attributes)) {
    const colon = k.indexOf(':');
    if ((colon < 0 ? k : k.slice(colon + 1)) === local) return v;
  }
  return undefined;
}

/** Escape text for element content or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** A start tag rebuilt from parsed attributes (values re-escaped), without the closing `>`. */
export function startTag(qname: string, attributes: ReadonlyArray<readonly [string, string]>): string {
  return `<${qname}${attributes.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('')}`;
}

export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Among splices at one offset: inserts (start === end) before replacements; then by `order`. */
  readonly order: number;
}

/** Apply non-overlapping splices to `text`. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const s of sorted) {
    if (s.start < cursor) throw new Error('overlapping splices');
    out += text.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}
