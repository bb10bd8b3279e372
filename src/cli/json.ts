/**
 * `--json` written in pieces: the same text as `JSON.stringify(value, null, 2)`, produced
 * without ever holding it whole. A million-row table's document is ~400 MB of text; built
 * as one string it doubled the peak memory of `check --json` (issue 12, Robustness).
 */

const GAP = '  ';

/** Arrays longer than this, and objects holding one, are written element by element. */
const SMALL = 64;

/** Roughly how much text is handed to the writer at once. */
const CHUNK = 1 << 20;

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces whose concatenation is exactly it,
 * for the CLI's documents (plain data; a `toJSON` returning an object with a `toJSON` of its
 * own would be applied twice).
 */
export function* jsonPieces(value: unknown): Generator<string> {
  yield* pieces(jsonValue(value, ''), '');
}

/**
 * Write `value` as `JSON.stringify(value, null, 2)` through `line`, which ends each call
 * with a newline (the CLI's `io.stdout`): each call gets whole lines, about CHUNK at a time.
 */
export function writeJson(value: unknown, line: (text: string) => void): void {
  let buf = '';
  for (const p of jsonPieces(value)) {
    buf += p;
    if (buf.length < CHUNK) continue;
    const cut = buf.lastIndexOf('\n');
    if (cut < 0) continue;
    line(buf.slice(0, cut));
    buf = buf.slice(cut + 1);
  }
  line(buf);
}

/** `value`: already what JSON.stringify serialises (its `toJSON` applied by the caller). */
function* pieces(value: unknown, indent: string): Generator<string> {
  if (!isLarge(value)) {
    // JSON strings never hold a raw newline: every newline starts a line to indent.
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield indent ? text.replace(/\n/g, `\n${indent}`) : text;
    return;
  }
  const inner = indent + GAP;
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : ''}\n${inner}`;
      const el = jsonValue(value[i], String(i));
      if (omitted(el)) yield 'null';
      else yield* pieces(el, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  const obj = value as Record<string, unknown>;
  let first = true;
  yield '{';
  for (const k of Object.keys(obj)) {
    const v = jsonValue(obj[k], k);
    if (omitted(v)) continue;
    yield `${first ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* pieces(v, inner);
  }
  yield first ? '}' : `\n${indent}}`;
}

/** What JSON.stringify serialises for `value` under `key` (its `toJSON`, if any). */
function jsonValue(value: unknown, key: string): unknown {
  const toJSON = (value as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON === 'function' ? (toJSON as (k: string) => unknown).call(value, key) : value;
}

/** Left out of an object (written `null` in an array), as JSON.stringify does. */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** A long array, or an object one of whose own values is one (a table and its indicators). */
function isLarge(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > SMALL || v.some(isLarge);
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v).some((x) => (Array.isArray(x) ? x.length > SMALL || x.some(isLarge) : x !== null && typeof x === 'object' && isLarge(x)));
}
