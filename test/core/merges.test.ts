import { mergeLookup, type MergedArea } from '../../src/core';

/** The lookup it replaces: the first area in list order that contains the cell. */
const linear = (merges: readonly MergedArea[], row: number, col: number): MergedArea | undefined =>
  merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);

describe('mergeLookup', () => {
  it('finds the same area as a scan of the list, cell by cell', () => {
    const merges: MergedArea[] = [
      { top: 1, left: 1, bottom: 1, right: 9 },
      { top: 5, left: 1, bottom: 1000005, right: 1 },
      { top: 60, left: 3, bottom: 70, right: 4 },
      { top: 127, left: 2, bottom: 129, right: 2 },
      // malformed areas a damaged file or a host may report
      { top: 9, left: 9, bottom: 3, right: 9 },
      { top: 0, left: 5, bottom: 2, right: 5 },
      { top: 1048570, left: 6, bottom: 2000000, right: 6 },
      // an overlap (damaged file): the first in list order wins, as before
      { top: 61, left: 4, bottom: 62, right: 5 },
    ];
    const at = mergeLookup(merges);
    const rows = [-1, 0, 1, 2, 3, 4, 5, 9, 59, 60, 61, 62, 63, 64, 65, 70, 71, 127, 128, 129, 130, 500000, 1000005, 1000006, 1048575, 1048576, 1048577, 2000000];
    let found = 0;
    for (const r of rows) {
      for (let c = 0; c <= 10; c++) {
        const want = linear(merges, r, c);
        expect([r, c, at(r, c)]).toEqual([r, c, want]);
        if (want) found++;
      }
    }
    expect(found).toBe(51);
    expect(mergeLookup([])(1, 1)).toBeUndefined();
  });
});
