/**
 * `npx ts-node --transpile-only bench/addin-cleanup.ts`: 清理模板 in the add-in over the fake
 * Excel host. Prints the syncs of applying the clean-up plan of the 5,000-row bench workbook
 * (debris in one row in ten, as bench/cleanup.js) against a small workbook (the dirty
 * example): the number is the same, whatever the number of changes. Also the largest
 * request, the preview and apply times, and the syncs of undo. Figures, not assertions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { cleanup } from '../src/core';
import { createExcelHost } from '../src/excel/host';
import { createFakeHost, type WorkbookSnapshot } from '../test/fake-excel';
import { snapshotFromFile } from '../test/fake-excel/load';

/** bench/rows.js: the 5,000-row workbook with debris in one row in ten, as bench/cleanup.js. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeDirty } = require('./rows.js') as { writeDirty: (file: string) => Promise<void> };


async function bigSnapshot(dir: string): Promise<WorkbookSnapshot> {
  const file = path.join(dir, 'bench-5000-dirty.xlsx');
  await writeDirty(file);
  return snapshotFromFile(file);
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function measure(label: string, snap: WorkbookSnapshot): Promise<void> {
  const fake = createFakeHost(snap, { tolerate: [] });
  const host = createExcelHost({ excel: fake.Excel as unknown as typeof Excel, office: fake.Office as unknown as typeof Office });
  let t0 = performance.now();
  const preview = await host.previewCleanup();
  const previewMs = performance.now() - t0;
  fake.state.resetCounters();
  t0 = performance.now();
  const applied = await host.applyCleanup(preview.plan, {});
  const applyMs = performance.now() - t0;
  const largest = fake.state.largestRequest();
  const undone = await host.undoCleanup();
  console.log(
    `${label}：${preview.plan.changes.length} 处（${cleanup.countsLine(preview.plan.counts)}）；` +
      `预览 ${preview.syncs} 次 sync（${previewMs.toFixed(0)} ms）；应用 ${applied.syncs} 次 sync（最大请求 ${kb(largest)}，${applyMs.toFixed(0)} ms，备份 ${applied.backedUp.length} 个工作表）；` +
      `撤销清理 ${undone.syncs} 次 sync`,
  );
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-addin-clean-bench-'));
  try {
    await measure('小工作簿（examples/seed002-shigu.dirty.xlsx）', await snapshotFromFile(path.join(__dirname, '..', 'examples', 'seed002-shigu.dirty.xlsx')));
    await measure('5,000 行指标的工作簿（每 10 行一处残留）', await bigSnapshot(dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
