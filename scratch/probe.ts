import * as fs from 'fs';
import * as path from 'path';
import { CASES } from '../scripts/edge-cases/safety';
import { readGrid } from '../src/cli/read';
import { analyzeWorkbook } from '../src/core';
(async () => {
  const only = process.argv[2];
  for (const c of CASES) {
    if (only && !c.file.includes(only)) continue;
    const f = path.join('/tmp/safety/edge', c.file);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, await c.build());
    const { grid } = await readGrid(f);
    const r = analyzeWorkbook(grid, process.env.HID ? { includeHidden: true } as any : {});
    console.log('==', c.file);
    for (const t of r.tables) {
      console.log(' table', t.sheet, t.range, 'total', JSON.stringify(t.total), 'grade', JSON.stringify(t.grade));
      for (const x of t.findings) console.log('   ', x.rule, x.cell, x.message.slice(0, 200));
    }
    console.log(' plan', JSON.stringify(r.plan.map((e) => [e.sheet, e.cell, e.role, e.value, e.numFmt ?? null])));
    const extra: any = r;
    for (const k of ['skippedSheets', 'formulasReadingWrites', 'refused']) if (extra[k] !== undefined) console.log(' ', k, JSON.stringify(extra[k]));
    for (const n of r.notes) console.log('  note', JSON.stringify(n).slice(0, 200));
  }
})();
