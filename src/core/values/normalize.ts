/**
 * Text normalisation for target, actual and header cells (SPEC §3, §4, §11).
 *
 * `normalizeText` is the single canonical form every other parser in this folder works on:
 * no whitespace at all, half-width digits/letters/punctuation, one spelling per operator,
 * no thousands separators, no HTML or Word debris. It is idempotent.
 */
import Decimal from 'decimal.js';
import { memoByString } from '../memo';
import { dict } from '../dict';

/** Named HTML entities seen in exported templates; anything else numeric is decoded too. */
const HTML_ENTITIES: Readonly<Record<string, string>> = dict({
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
  divide: '÷',
  ge: '≥',
  le: '≤',
  percnt: '%',
});

/** Single characters mapped after the full-width → half-width fold. */
const CHAR_MAP: Readonly<Record<string, string>> = dict({
  '≧': '≥',
  '⩾': '≥',
  '≦': '≤',
  '⩽': '≤',
  '═': '=',
  '﹪': '%',
  '﹤': '<',
  '﹥': '>',
  '﹦': '=',
});

/**
 * Multi-character operator spellings, longest first. `=>`/`=<` are how some templates type
 * ≥/≤; the LaTeX forms come from documents pasted out of PDF converters.
 */
const SEQUENCE_MAP: ReadonlyArray<readonly [string, string]> = [
  ['\\geq', '≥'],
  ['\\leq', '≤'],
  ['\\%', '%'],
  ['>=', '≥'],
  ['=>', '≥'],
  ['<=', '≤'],
  ['=<', '≤'],
  ['==', '='],
  ['≥=', '≥'],
  ['≤=', '≤'],
];

const WORD_ARTEFACT = /\[bookmark:[^\]]*\]/gi;
export const HTML_COMMENT = /<!--[\s\S]*?-->/g;
/** A tag needs a letter right after `<` (or `</`), so `<=90%` and `<5次` survive. */
export const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>/g;
export const HTML_ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,8});/g;
/** `\s` covers ASCII blanks, line breaks, NBSP, U+3000 and U+2000–U+200A; add zero-width ones. */
const WHITESPACE = /[\s\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/**
 * A grouped number `215,457` / `1,000,000` not glued to other digits. The preceding char is
 * captured so the match cannot start inside a longer number.
 */
const GROUPED_NUMBER = /(^|[^\d.,])(\d{1,3}(?:,\d{3})+)(?=$|[^\d,]|,(?!\d))/g;

/** A `String.replace` callback for HTML_ENTITY: named and numeric entities decoded. */
export function decodeEntity(match: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const code = parseInt(body.slice(2), 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  if (body.startsWith('#')) {
    const code = parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return HTML_ENTITIES[body.toLowerCase()] ?? match;
}

/** Full-width ASCII block (U+FF01–U+FF5E) → ASCII, ideographic space → space, plus CHAR_MAP. */
function foldWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += CHAR_MAP[ch] ?? ch;
  }
  return out;
}

/** Characters every SEQUENCE_MAP key contains at least one of. */
const SEQUENCE_TRIGGER = /[\\<>=≥≤]/;

function replaceSequences(s: string): string {
  if (!SEQUENCE_TRIGGER.test(s)) return s;
  let out = s;
  for (const [from, to] of SEQUENCE_MAP) out = out.split(from).join(to);
  return out;
}

/**
 * Canonical form of a cell's text: see the module comment. Chinese punctuation outside the
 * full-width ASCII block (`、`, `。`, `〔〕`, `【】`, `《》`, `—`) is kept as written.
 */
export function normalizeText(s: string): string {
  if (typeof s !== 'string' || s.length === 0) return '';
  // Already canonical: CJK ideographs and ASCII that no pass rewrites (no blanks, full-width
  // forms, `<>=&[,\\`). Most cells of a real sheet take this path.
  if (CLEAN.test(s)) return s;
  return textMemo(s);
}

const CLEAN = /^[\u4e00-\u9fffA-Za-z0-9.%()+\-/:;*#'"!?~_\u3001\u3002\u3008-\u3011\u2014\u201c\u201d]*$/;
const textMemo = memoByString(normalizeSlow);

function normalizeSlow(s: string): string {
  // One pass can expose new debris (`&lt;p&gt;` decodes to a tag, `< p>` loses its space,
  // `［bookmark:…］` folds to brackets): repeat until stable so the result is idempotent.
  let out = s;
  for (let i = 0; i < MAX_PASSES; i++) {
    const next = normalizePass(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

const MAX_PASSES = 8;

function normalizePass(s: string): string {
  let out = s.replace(WORD_ARTEFACT, '');
  out = out.replace(HTML_COMMENT, '').replace(HTML_TAG, '');
  out = out.replace(HTML_ENTITY, decodeEntity);
  out = foldWidth(out);
  out = out.replace(WHITESPACE, '');
  out = replaceSequences(out);
  return out.replace(GROUPED_NUMBER, (_m, before: string, digits: string) => before + digits.replace(/,/g, ''));
}

/** Content of a trailing `(…)` that is a unit, weight or column letter, not part of the name. */
const HEADER_SUFFIX_PATTERNS: readonly RegExp[] = [
  // weights: (90分), (20), (20%)
  /^(?:权重|分值)?:?\d+(?:\.\d+)?(?:分|%)?$/,
  // column letters and formulas: (A), (B), (B/A), (A-B), (B/A×100%)
  /^[A-Za-z](?:[/+\-*÷×][A-Za-z])*(?:[*×]100%?)?$/,
  // a score's formula with its weight: (20分*执行率), (执行率×20分), (B/A×20)
  /^(?:\d+(?:\.\d+)?分?[*×](?:预算执行率|执行率|[A-Za-z](?:\/[A-Za-z])?)|(?:预算执行率|执行率|[A-Za-z](?:\/[A-Za-z])?)[*×]\d+(?:\.\d+)?分?)$/,
  // money and common units, optionally `单位:万元`
  /^(?:单位:?)?(?:%|‰|元|千元|万元|百万元|亿元|人|人次|个|家|户|项|次|场|天|日|月|年|㎡|平方米|米|公里|百分比)$/,
];

const TRAILING_COLON = /:+$/;

/**
 * Header text for synonym matching (SPEC §3): `normalizeText`, then drop trailing colons,
 * trailing unit/weight/column-letter brackets and required-field asterisks, repeatedly:
 * `年初预算数(万元)` → `年初预算数`, `执行率(B/A)` → `执行率`, `评价结果等次:` → `评价结果等次`.
 * A bracket with other content (`部门(单位名称)`) is kept.
 */
/** A header's end that normalising may drop. Hoisted: a literal in the function is a new RegExp per call. */
const DROPPABLE_END = /[):*]$/;

export function normalizeHeader(s: string): string {
  // Already canonical and nothing to drop at either end: most cells of a sheet.
  if (typeof s === 'string' && CLEAN.test(s) && !DROPPABLE_END.test(s) && s[0] !== '*') return s;
  return headerMemo(s);
}

const headerMemo = memoByString(normalizeHeaderOnce);

function normalizeHeaderOnce(s: string): string {
  let out = normalizeText(s).replace(/^\*+/, '');
  for (;;) {
    const before = out;
    out = out.replace(TRAILING_COLON, '').replace(/\*+$/, '');
    if (out.endsWith(')')) {
      const open = out.lastIndexOf('(');
      if (open > 0) {
        const inner = out.slice(open + 1, -1);
        if (HEADER_SUFFIX_PATTERNS.some((p) => p.test(inner))) out = out.slice(0, open);
      }
    }
    if (out === before) return out;
  }
}

export interface DeclaredWeight {
  readonly name: string;
  readonly weight: Decimal | null;
}

/** `产出指标（20分）`, `成本指标(20分)`, `产出指标(权重20%)`, `满意度指标（10\n分）`. */
const BRACKETED_WEIGHT = /^(.+?)\((?:权重|分值)?:?(\d+(?:\.\d+)?)(?:分|%)?\)$/;
/** `产出指标20分` (brackets lost in a copy). */
const TRAILING_WEIGHT = /^(\D+?)(\d+(?:\.\d+)?)分$/;

/**
 * Split a level-1 cell into its name and declared weight (SPEC §3). Without a weight suffix
 * the weight is null and the name is the normalised text.
 */
export function parseDeclaredWeight(s: string): DeclaredWeight {
  const text = normalizeText(s);
  const m = BRACKETED_WEIGHT.exec(text) ?? TRAILING_WEIGHT.exec(text);
  if (m) return { name: m[1], weight: new Decimal(m[2]) };
  return { name: text, weight: null };
}

/**
 * The weight a budget header states for the execution score (issue 12 item 9): `得分(20分*执行率)`,
 * `得分（执行率×20分）`, `分值(20分)` → 20. Null when the header states none.
 */
export function headerStatedWeight(s: string): Decimal | null {
  const text = normalizeText(s);
  const m = /\((?:权重|分值)?:?(\d+(?:\.\d+)?)分?\)$/.exec(text) ?? /\((?:[^()]*[*×])?(\d+(?:\.\d+)?)分(?:[*×][^()]*)?\)$/.exec(text);
  return m ? new Decimal(m[1]) : null;
}
