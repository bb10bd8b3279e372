/**
 * `npx ts-node --transpile-only scripts/bench-wps.ts`: what the WPS host costs on the seed
 * workbooks and on a generated 5,000-row 自评表, over the fake WPS: object-model calls (each one
 * crosses into WPS's process) and wall time of check and score. Prints figures; asserts nothing.
 */
import * as path from 'path';
import { DEFAULT_SETTINGS } from '../src/core';
import { createWpsHost } from '../src/wps/host';
import type { WpsApplication } from '../src/wps/types';
import { snapshotFromFile } from '../test/fake-excel/load';
import { FakeBook, FakeSheet, bookFromSnapshot, createFakeWps, type FakeWps } from '../test/fake-wps';

const SETTINGS = { ...DEFAULT_SETTINGS, highlight: true, notes: true };

async function measure(label: string, fake: FakeWps, cells: number): Promise<void> {
  const host = createWpsHost({ app: fake.Application as unknown as WpsApplication, calls: () => fake.app.calls });
  fake.app.resetCounters();
  let t = performance.now();
  await host.check(SETTINGS);
  const checkMs = performance.now() - t;
  const checkCalls = fake.app.calls;
  fake.app.resetCounters();
  t = performance.now();
  const w = await host.score(SETTINGS);
  const scoreMs = performance.now() - t;
  console.log(
    `${label}：${cells} 个单元格；检查 ${checkCalls} 次对象模型调用（每格 ${(checkCalls / cells).toFixed(2)} 次），${checkMs.toFixed(0)} ms；` +
      `计分并写回（标记与批注）${fake.app.calls} 次调用，写入 ${w.written} 格、标记 ${w.highlighted} 格，${scoreMs.toFixed(0)} ms`,
  );
}

/** A project table of `rows` indicator rows (merged 一级/二级, a % column), like bench/run.js's. */
function generated(rows: number): FakeBook {
  const book = new FakeBook('big.xlsx');
  const s = new FakeSheet('项目');
  const put = (r: number, c: number, v: string | number, nf?: string): void => s.set(r, c, { v, ...(nf ? { nf } : {}) });
  put(1, 1, '项目支出绩效自评表');
  s.merges.push({ top: 1, left: 1, bottom: 1, right: 9 });
  put(2, 1, '项目名称');
  put(2, 2, '大表项目');
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((h, i) => put(4, i + 1, h));
  const w = Math.round((90 / rows) * 100) / 100;
  for (let i = 0; i < rows; i++) {
    const r = 5 + i;
    if (i % 10 === 0) {
      put(r, 1, '产出指标');
      put(r, 2, '数量指标');
      s.merges.push({ top: r, left: 1, bottom: Math.min(r + 9, 4 + rows), right: 1 }, { top: r, left: 2, bottom: Math.min(r + 9, 4 + rows), right: 2 });
    }
    put(r, 3, `指标${i + 1}`);
    put(r, 4, `≥${100 + i}人`);
    put(r, 5, `${95 + (i % 10)}人`);
    put(r, 6, w, '0.00');
  }
  put(5 + rows, 1, '总分');
  book.sheets.push(s);
  return book;
}

async function main(): Promise<void> {
  for (const f of ['seed002-shigu', 'seed004-liangzhou']) {
    const snap = await snapshotFromFile(path.join(__dirname, '..', 'examples', `${f}.xlsx`));
    const cells = snap.sheets.reduce((n, s) => n + Object.keys(s.cells).length, 0);
    await measure(`WPS ${f}`, createFakeWps(bookFromSnapshot(snap)), cells);
  }
  await measure('WPS 生成的 5000 行自评表', createFakeWps(generated(5000)), 5000 * 8);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
