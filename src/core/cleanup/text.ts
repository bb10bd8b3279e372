/**
 * Kind 1, text hygiene: HTML and Word debris, invisible characters, runs of blanks, and
 * line breaks inside labels. Pure string functions; each is idempotent.
 */
import { decodeEntity, HTML_COMMENT, HTML_ENTITY, HTML_TAG } from '../values/normalize';
import { dict } from '../dict';

const WORD_ARTEFACT = /\[\s*bookmark\s*:[^\]]*\]/gi;
/** Tags that end a line in exported HTML: they become a line break, not nothing. */
const HTML_BREAK = /<\s*(?:br\s*\/?|\/\s*(?:p|div|li|tr|h[1-6]))\s*>/gi;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** Blanks other than line breaks: ASCII, NBSP, U+3000, U+2000–U+200A … */
const BLANKS = /[ \t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const CJK = /[\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;

/** Strip HTML tags, comments and entities and Word bookmark artefacts, until stable. */
export function stripMarkup(s: string): string {
  let out = s;
  for (let i = 0; i < 8; i++) {
    const next = out
      .replace(WORD_ARTEFACT, '')
      .replace(HTML_COMMENT, '')
      .replace(HTML_BREAK, '\n')
      .replace(HTML_TAG, '')
      .replace(HTML_ENTITY, decodeEntity);
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Clean one text. `label` (header and indicator-name cells): no line breaks, and no blank
 * next to a Chinese character (`总\u3000分` → `总分`, `年初预算\n数` → `年初预算数`). Other text:
 * each line trimmed, runs of blanks collapsed to one space, at most one empty line in a row,
 * none at either end.
 */
/** Anything `cleanText` could change: markup, blanks, line breaks, invisible characters. */
const NEEDS_WORK = /[<&[\s\u00A0\u3000\u200B-\u200D\u2060\uFEFF\u00AD]/;

export function cleanText(s: string, label: boolean): string {
  if (!NEEDS_WORK.test(s)) return s;
  let t = stripMarkup(s).replace(/\r\n?/g, '\n').replace(ZERO_WIDTH, '').replace(BLANKS, ' ');
  if (label) {
    t = t.replace(/ *\n[ \n]*/g, '\n');
    t = t.replace(/(.)?\n(.)?/g, (_m, a: string | undefined, b: string | undefined) => {
      const keepSpace = a !== undefined && b !== undefined && !CJK.test(a) && !CJK.test(b);
      return (a ?? '') + (keepSpace ? ' ' : '') + (b ?? '');
    });
    t = t.replace(/ +/g, ' ');
    t = t.replace(/(.) (?=(.))/g, (m, a: string, b: string) => (CJK.test(a) || CJK.test(b) ? a : m));
    return t.trim();
  }
  const lines = t.split('\n').map((l) => l.trim());
  const kept: string[] = [];
  for (const l of lines) {
    if (l === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(l);
  }
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

// ---------------------------------------------------------------------------------------
// Kind 2: notation in target and actual cells.

const NOTATION_CHARS: Readonly<Record<string, string>> = dict({
  '％': '%',
  '．': '.',
  '＋': '+',
  '－': '-',
  '＜': '<',
  '＞': '>',
  '＝': '=',
  '／': '/',
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

const NOTATION_SEQUENCES: ReadonlyArray<readonly [RegExp, string]> = [
  [/>\s*=|=\s*>|≥\s*=/g, '≥'],
  [/<\s*=|=\s*<|≤\s*=/g, '≤'],
  [/==+/g, '='],
];

/**
 * Half-width digits, letters, `%`, `.` and operators, one spelling per operator
 * (`＞＝９０％` → `≥90%`). The parsers read both alike (`normalizeText`), so the meaning stays.
 */
export function normalizeNotation(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) {
      out += String.fromCharCode(code - 0xfee0);
    } else out += NOTATION_CHARS[ch] ?? ch;
  }
  // Until stable: `>＝=` becomes `≥=` in one pass and `≥` in the next (idempotent clean-up).
  for (let i = 0; i < 8; i++) {
    let next = out;
    for (const [re, to] of NOTATION_SEQUENCES) next = next.replace(re, to);
    if (next === out) break;
    out = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Kind 5: fill-in hints.

const HINTS: readonly RegExp[] = [
  /^[（(]?\s*(?:请|此处|在此)(?:填写|填报|输入|选择|根据|按照|按|据实|如实|简要|详细|说明|列明|注明)/,
  /^[（(]\s*(?:填写|填报|输入|选择|说明|注明|列明)[^）)]*[）)]$/,
  /^[（(]?\s*(?:如|例如|例|比如|示例)\s*[:：]/,
  /^[（(]?\s*示例/,
  /^(?:X|x|Ｘ|ｘ|×){2,}[\u4e00-\u9fff]{0,8}$/,
  /^[（(]?\s*填写说明/,
];

/** True when the whole text is a fill-in instruction (请填写…, （填写…）, 如：…, XX项目, 示例). */
/** Every hint contains one of these (cheap test before the full one). */
const HINT_CHARS = /[请填如例比示XxＸｘ×]/;

export function isHint(s: string): boolean {
  if (!HINT_CHARS.test(s)) return false;
  const t = cleanText(s, true);
  if (t === '' || t.length > 120) return false;
  return HINTS.some((re) => re.test(t));
}
