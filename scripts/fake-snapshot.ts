/**
 * Writes fake-Excel snapshots (JSON) of .xlsx workbooks, for the browser build of the fake
 * host (`fake/<name>.json`, read by test/fake-excel/browser.ts):
 *
 *   npx ts-node --transpile-only scripts/fake-snapshot.ts examples/*.xlsx --out dist/fake
 *
 * Each output is named after its workbook: examples/seed002-shigu.xlsx -> <out>/seed002-shigu.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { snapshotFromFile } from '../test/fake-excel/load';

export async function writeSnapshots(files: readonly string[], outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const out: string[] = [];
  for (const file of files) {
    const snap = await snapshotFromFile(file);
    const target = path.join(outDir, `${path.basename(file, path.extname(file))}.json`);
    fs.writeFileSync(target, JSON.stringify(snap));
    out.push(target);
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--out');
  const outDir = i >= 0 ? argv[i + 1] : undefined;
  const files = argv.filter((a, j) => !a.startsWith('--') && j !== i + 1);
  if (!outDir || !files.length) {
    console.error('usage: fake-snapshot.ts <xlsx...> --out <dir>');
    process.exit(2);
  }
  for (const f of await writeSnapshots(files, outDir)) console.log(f);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
