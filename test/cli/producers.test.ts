/**
 * "Read what real producers write": the seed workbooks saved through openpyxl (some with a
 * chart and a comment) and through LibreOffice (scripts/producers.ts, built by the fixture
 * script) give exactly the original's `check --json`, minus the file name.
 *
 * Without the Debian packages the tests skip with a loud notice; in CI (.ci/run installs
 * them, and sets JIXIAO_REQUIRE_PRODUCERS=1) they fail instead.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';

import { missingProducers, PRODUCER_COPIES, type Producer, type ProducerCopy } from '../../scripts/producers';
import { readGrid, readWorkbook, workbookToGrid } from '../../src/cli/read';
import { jixiao } from '../helpers/cli';
import { fixture, FIXTURES } from '../helpers/fixtures';

const missing = missingProducers();
const required = process.env.JIXIAO_REQUIRE_PRODUCERS === '1' || !!process.env.CI;

const producerCopy = (c: ProducerCopy): string => path.join(FIXTURES, 'producers', c.file);

interface Checked {
  code: number;
  file: Record<string, unknown>;
}

async function checkJson(file: string): Promise<Checked> {
  const r = await jixiao('check', file, '--json');
  const doc = JSON.parse(r.out) as { files: Record<string, unknown>[] };
  expect(doc.files).toHaveLength(1);
  const { file: name, ...rest } = doc.files[0];
  expect(name).toBe(file);
  return { code: r.code, file: rest };
}

async function entries(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return Object.keys(zip.files);
}

const originals = new Map<string, Checked>();

async function original(name: string): Promise<Checked> {
  let c = originals.get(name);
  if (!c) {
    c = await checkJson(fixture(name));
    originals.set(name, c);
  }
  return c;
}

for (const producer of ['openpyxl', 'libreoffice'] as Producer[]) {
  const copies = PRODUCER_COPIES.filter((c) => c.producer === producer);
  const why = missing[producer];

  if (why && !required) {
    describe(`${producer} copies`, () => {
      it.skip(`skipped: ${why}`, () => {});
      beforeAll(() => {
        console.warn(
          [
            '',
            '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
            `!!! SKIPPED ${copies.length} producer-parity tests for ${producer}: ${why}`,
            '!!! Install python3-openpyxl and libreoffice-calc-nogui (see .ci/run) to run them.',
            '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
            '',
          ].join('\n'),
        );
      });
    });
    continue;
  }

  describe(`${producer} copies`, () => {
    it('the producer is installed (required in CI)', () => {
      expect(why).toBeUndefined();
    });

    it.each(copies.map((c) => [c.file, c] as const))('%s gives the original’s check --json', async (_name, c) => {
      const file = producerCopy(c);
      expect(fs.existsSync(file)).toBe(true);
      const want = await original(c.original);
      expect((want.file.tables as unknown[]).length).toBeGreaterThan(0);
      const got = await checkJson(file);
      expect(got.file.error).toBeUndefined();
      expect(got.file).toEqual(want.file);
      expect(got.code).toBe(want.code);
    });
  });
}

describe('producer copies are what they claim', () => {
  const built = PRODUCER_COPIES.filter((c) => !missing[c.producer] && fs.existsSync(producerCopy(c)));

  it.each(built.filter((c) => c.file.includes('chart')).map((c) => [c.file, c] as const))('%s holds a chart', async (_n, c) => {
    expect((await entries(producerCopy(c))).some((e) => /^\/?xl\/charts\/chart\d+\.xml$/.test(e))).toBe(true);
  });

  it.each(built.filter((c) => c.file.includes('comment')).map((c) => [c.file, c] as const))('%s holds a comment', async (_n, c) => {
    expect((await entries(producerCopy(c))).some((e) => /comment/i.test(e))).toBe(true);
  });

  it.each(built.filter((c) => c.producer === 'libreoffice').map((c) => [c.file, c] as const))('%s was written by LibreOffice', async (_n, c) => {
    const zip = await JSZip.loadAsync(fs.readFileSync(producerCopy(c)));
    expect(await zip.file('docProps/app.xml')!.async('string')).toMatch(/LibreOffice/);
  });
});

describe('score on producer copies', () => {
  const chart = PRODUCER_COPIES.find((c) => c.file === 'seed002-shigu.openpyxl-chart-comment.xlsx')!;
  const run = missing.openpyxl && !required ? it.skip : it;

  run('scores the openpyxl copy with a chart and a comment, and keeps both', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-producers-'));
    try {
      const out = path.join(dir, 'out.xlsx');
      const r = await jixiao('score', producerCopy(chart), '-o', out, '--json');
      const doc = JSON.parse(r.out) as { files: { error?: string; notes?: string[]; written?: string }[] };
      expect(doc.files[0].error).toBeUndefined();
      expect(doc.files[0].written).toBe(out);
      expect(doc.files[0].notes ?? []).not.toContainEqual(expect.stringContaining('不会保留'));
      // The package is patched, not rewritten: the chart and the comment are still there.
      const names = Object.keys((await JSZip.loadAsync(fs.readFileSync(out))).files);
      expect(names.some((n) => n.startsWith('xl/charts/'))).toBe(true);
      expect(names.some((n) => /comments?\d*\.xml$/.test(n))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the direct reader reads as ExcelJS did', () => {
  const files = [
    ...['seed000-shijiazhuang', 'seed001-boye', 'seed002-shigu', 'seed003-jinzhong', 'seed004-liangzhou'].map((s) => fixture(`${s}.xlsx`)),
    ...PRODUCER_COPIES.filter((c) => !missing[c.producer] && fs.existsSync(producerCopy(c))).map(producerCopy),
  ];

  it.each(files.map((f) => [path.basename(f), f] as const))('%s: same grid as the ExcelJS conversion', async (_n, f) => {
    const { grid } = await readGrid(f);
    const { workbook } = await readWorkbook(f);
    expect(grid).toEqual(workbookToGrid(workbook));
  });
});
