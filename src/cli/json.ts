/**
 * `JSON.stringify(value, null, 2)` in blocks of whole lines, for a document of any size:
 * `check --json` on a million rows is hundreds of megabytes of text, past what one V8
 * string may hold and twice that in memory. Joined with `\n`, the blocks are exactly
 * `JSON.stringify(value, null, 2)` (io.stdout ends each block with a newline).
 *
 * Large arrays, and plain objects holding them, are written element by element; everything
 * else goes through JSON.stringify itself, so its rules (undefined dropped from objects, null
 * in arrays, toJSON) hold unchanged.
 */

/** Arrays longer than this are written element by element. */
const LONG = 64;
/** Blocks are cut at the last line end past this many characters. */
const BLOCK = 1 << 16;

export function* jsonBlocks(value: unknown): Generator<string> {
  let buf = '';
  for (const piece of pieces(value, '')) {
    buf += piece;
    if (buf.length < BLOCK) continue;
    const cut = buf.lastIndexOf('\n');
    if (cut < 0) continue;
    yield buf.slice(0, cut);
    buf = buf.slice(cut + 1);
  }
  yield buf;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/** Worth writing piece by piece: a long array, or a plain object with one among its values. */
function isLarge(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > LONG;
  return isPlainObject(v) && Object.values(v).some((x) => Array.isArray(x) && x.length > LONG);
}

/** The pieces of `value` written at indentation `pad`. */
function* pieces(value: unknown, pad: string): Generator<string> {
  if (!isLarge(value)) {
    const s = JSON.stringify(value, null, 2);
    yield s === undefined ? 'null' : pad ? s.replace(/\n/g, `\n${pad}`) : s;
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : ''}\n${inner}`;
      yield* pieces(value[i], inner);
    }
    yield `\n${pad}]`;
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* pieces(v, inner);
  }
  yield `\n${pad}}`;
}
