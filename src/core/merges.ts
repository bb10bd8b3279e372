import type { MergedArea } from './grid';

/** Rows per bucket of the index: a merged area is listed in every bucket its rows touch. */
const BUCKET_ROWS = 64;
/** Excel's rows: an area said to reach outside them (a host's bug) is indexed within them. */
const MAX_ROW = 1048576;

/**
 * The merged area containing a cell, looked up in constant time on real sheets: a sheet's
 * areas indexed by bands of rows, built once. Replaces `merges.find(...)` per cell, which
 * made marks and plan checks quadratic (every finding against every merged area).
 *
 * Areas never overlap in a valid sheet; when a damaged one has them, the first area in
 * `merges` order containing the cell wins, as `merges.find` did.
 */
export function mergeLookup(merges: readonly MergedArea[]): (row: number, col: number) => MergedArea | undefined {
  if (!merges.length) return () => undefined;
  const buckets = new Map<number, number[]>();
  merges.forEach((m, i) => {
    if (!(m.top <= m.bottom && m.left <= m.right)) return;
    const last = Math.floor(Math.min(m.bottom, MAX_ROW) / BUCKET_ROWS);
    for (let b = Math.floor(Math.max(m.top, 1) / BUCKET_ROWS); b <= last; b++) {
      const list = buckets.get(b);
      if (list) list.push(i);
      else buckets.set(b, [i]);
    }
  });
  const contains = (m: MergedArea, row: number, col: number): boolean => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right;
  return (row, col) => {
    if (!(row >= 1 && row <= MAX_ROW)) return merges.find((m) => contains(m, row, col));
    const list = buckets.get(Math.floor(row / BUCKET_ROWS));
    if (!list) return undefined;
    for (const i of list) {
      if (contains(merges[i], row, col)) return merges[i];
    }
    return undefined;
  };
}
