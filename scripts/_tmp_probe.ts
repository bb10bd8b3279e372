import { analyzeWorkbook } from '../src/core';
import { readWorkbook } from '../src/cli/workbook';
(async () => {
  for (const f of process.argv.slice(2)) {
    const { grid } = await readWorkbook(`test/fixtures/edge/${f}`);
    const r = analyzeWorkbook(grid);
    console.log('==', f);
    for (const t of r.tables) {
      console.log(t.range, t.title, t.kind, JSON.stringify(t.execution && { rate: t.execution.rate, score: t.execution.score, w: (t.execution as any).weight, sr: t.execution.statedRate }), 'total', JSON.stringify(t.total));
      for (const i of t.indicators) console.log('   ', i.row, i.level1, i.level3, i.weight, i.score, i.method, i.scoreCell);
      for (const x of t.findings) console.log('   F', x.rule, x.cell, x.message);
    }
    console.log('  plan', JSON.stringify(r.plan.map((e) => [e.cell, e.role, e.value, e.numFmt])));
  }
})();
