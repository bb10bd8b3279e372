/**
 * Copies of the seed workbooks saved by other producers, as users' files arrive: through
 * openpyxl (Debian python3-openpyxl, some with a chart and a comment added) and through
 * headless LibreOffice Calc (Debian libreoffice-calc-nogui). `check` must read each copy
 * exactly as the original (test/cli/producers.test.ts).
 *
 *   npx ts-node --transpile-only scripts/producers.ts [fixturesDir]
 *
 * `buildProducerCopies(fixturesDir)` (called by scripts/build-fixtures.ts) writes them into
 * `<fixturesDir>/producers/`. A copy is rebuilt only when its source or the producer script
 * changed (LibreOffice takes tens of seconds to start). When a producer is not installed,
 * its copies are not built and `missing` says why: the test then skips loudly, except in
 * CI (`.ci/run` installs both).
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const PYTHON = '/usr/bin/python3';
const OPENPYXL_SCRIPT = path.join(__dirname, 'producers', 'openpyxl_save.py');

export type Producer = 'openpyxl' | 'libreoffice';

export interface ProducerCopy {
  /** File name inside `<fixturesDir>/producers/`. */
  readonly file: string;
  /** The fixture (in `<fixturesDir>/`, e.g. `edge/x.xlsx`) whose check output the copy must reproduce. */
  readonly original: string;
  /** The file the producer saves: the original, or another copy (by its file name). */
  readonly from: string;
  readonly producer: Producer;
  /** openpyxl_save.py flags: `--chart`, `--comment`, `--validation`, `--cf`, `--names`, `--print`, `--freeze`. */
  readonly flags: readonly string[];
}

const SEEDS = ['seed000-shijiazhuang', 'seed001-boye', 'seed002-shigu', 'seed003-jinzhong', 'seed004-liangzhou'];

function openpyxlCopy(seed: string, flags: string[] = []): ProducerCopy {
  const suffix = flags.map((f) => f.replace(/^--/, '')).join('-');
  return { file: `${seed}.openpyxl${suffix ? `-${suffix}` : ''}.xlsx`, original: `${seed}.xlsx`, from: `${seed}.xlsx`, producer: 'openpyxl', flags };
}

function libreofficeCopy(seed: string, from?: ProducerCopy): ProducerCopy {
  const base = from ? from.file.replace(/\.xlsx$/, '') : seed;
  return { file: `${base}.libreoffice.xlsx`, original: `${seed}.xlsx`, from: from?.file ?? `${seed}.xlsx`, producer: 'libreoffice', flags: [] };
}

const CHART_AND_COMMENT = openpyxlCopy('seed002-shigu', ['--chart', '--comment']);

/**
 * The Excel-like dirty copy of seed 002 (scripts/edge-cases/package.ts: 宋体, page breaks,
 * ignored errors, a cross-sheet list validation, printer settings, custom properties, links
 * with tooltips, print areas and titles) saved by openpyxl with a chart, a reviewer's
 * comment beside the 财务科 one, validations (one reading 参数), conditional formats,
 * defined names, print titles and areas, and a frozen header; and both saved by
 * LibreOffice. `jixiao clean` must keep all of it (issue 13).
 */
const EXCEL_LIKE = 'edge/clean-excel-like.dirty.xlsx';
const RICH_FLAGS = ['--chart', '--comment', '--validation', '--cf', '--names', '--print', '--freeze'];
const EXCEL_LIKE_RICH: ProducerCopy = { file: 'clean-excel-like.dirty.openpyxl-rich.xlsx', original: EXCEL_LIKE, from: EXCEL_LIKE, producer: 'openpyxl', flags: RICH_FLAGS };

export const PRODUCER_COPIES: readonly ProducerCopy[] = [
  ...SEEDS.map((s) => openpyxlCopy(s)),
  CHART_AND_COMMENT,
  openpyxlCopy('seed000-shijiazhuang', ['--comment']),
  openpyxlCopy('seed004-liangzhou', ['--chart']),
  ...SEEDS.map((s) => libreofficeCopy(s)),
  // LibreOffice re-saving openpyxl's chart and comment: its own chart and comment parts.
  libreofficeCopy('seed002-shigu', CHART_AND_COMMENT),
  EXCEL_LIKE_RICH,
  { file: 'clean-excel-like.dirty.libreoffice.xlsx', original: EXCEL_LIKE, from: EXCEL_LIKE, producer: 'libreoffice', flags: [] },
  { file: 'clean-excel-like.dirty.openpyxl-rich.libreoffice.xlsx', original: EXCEL_LIKE, from: EXCEL_LIKE_RICH.file, producer: 'libreoffice', flags: [] },
];

/** Why each producer cannot run here; empty when both can. */
export function missingProducers(): Partial<Record<Producer, string>> {
  const out: Partial<Record<Producer, string>> = {};
  const py = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
  if (py.status !== 0) out.openpyxl = `${PYTHON} 无法导入 openpyxl（Debian 软件包 python3-openpyxl 未安装）`;
  if (!sofficePath()) out.libreoffice = '找不到 soffice（Debian 软件包 libreoffice-calc-nogui 未安装）';
  return out;
}

function sofficePath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, 'soffice');
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

function sha(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

export interface ProducerBuild {
  readonly files: string[];
  readonly missing: Partial<Record<Producer, string>>;
}

/** Write every copy whose producer is installed into `<fixturesDir>/producers/`. */
export async function buildProducerCopies(fixturesDir: string): Promise<ProducerBuild> {
  const dir = path.join(path.resolve(fixturesDir), 'producers');
  fs.mkdirSync(dir, { recursive: true });
  const missing = missingProducers();
  const stampFile = path.join(dir, '.stamps.json');
  let stamps: Record<string, string> = {};
  try {
    stamps = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as Record<string, string>;
  } catch {
    // first run
  }
  const script = fs.readFileSync(OPENPYXL_SCRIPT);
  const sourceOf = (c: ProducerCopy): string => (c.from === c.original ? path.join(path.resolve(fixturesDir), c.from) : path.join(dir, c.from));
  const stampOf = (c: ProducerCopy): string => sha(c.producer, c.flags.join(' '), c.producer === 'openpyxl' ? script : '', fs.readFileSync(sourceOf(c)));
  const fresh = (c: ProducerCopy): boolean => fs.existsSync(path.join(dir, c.file)) && stamps[c.file] === stampOf(c);

  const files: string[] = [];
  if (!missing.openpyxl) {
    for (const c of PRODUCER_COPIES.filter((x) => x.producer === 'openpyxl')) {
      const out = path.join(dir, c.file);
      if (!fresh(c)) {
        const r = spawnSync(PYTHON, [OPENPYXL_SCRIPT, sourceOf(c), out, ...c.flags], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`openpyxl could not save ${c.file}: ${r.stderr || r.error}`);
        stamps[c.file] = stampOf(c);
      }
      files.push(out);
    }
  }
  if (!missing.libreoffice) {
    const todo = PRODUCER_COPIES.filter((x) => x.producer === 'libreoffice' && fs.existsSync(sourceOf(x)) && !fresh(x));
    if (todo.length) convertWithLibreOffice(todo, sourceOf, dir);
    for (const c of todo) stamps[c.file] = stampOf(c);
    for (const c of PRODUCER_COPIES) {
      if (c.producer === 'libreoffice' && fs.existsSync(path.join(dir, c.file))) files.push(path.join(dir, c.file));
    }
  }
  fs.writeFileSync(stampFile, JSON.stringify(stamps, null, 2));
  return { files, missing };
}

/**
 * One `soffice --convert-to xlsx` for all copies: each source is first copied under its
 * copy's name (LibreOffice names the output after the input). A private profile keeps
 * parallel runs (and a user's own LibreOffice) apart.
 */
function convertWithLibreOffice(copies: readonly ProducerCopy[], sourceOf: (c: ProducerCopy) => string, outDir: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-'));
  try {
    const inputs = copies.map((c) => {
      const p = path.join(work, 'in', c.file);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.copyFileSync(sourceOf(c), p);
      return p;
    });
    const profile = `file://${path.join(work, 'profile')}`;
    const r = spawnSync(
      sofficePath() ?? 'soffice',
      ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'xlsx', '--outdir', path.join(work, 'out'), ...inputs],
      { encoding: 'utf8', timeout: 600_000 },
    );
    for (const c of copies) {
      const produced = path.join(work, 'out', c.file);
      if (!fs.existsSync(produced)) {
        throw new Error(`LibreOffice did not write ${c.file} (status ${r.status}): ${r.stderr || r.error || r.stdout}`);
      }
      fs.copyFileSync(produced, path.join(outDir, c.file));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, '..', 'test', 'fixtures');
  buildProducerCopies(dir).then(
    (b) => {
      for (const f of b.files) console.log(path.relative(process.cwd(), f));
      for (const [p, why] of Object.entries(b.missing)) console.error(`${p}: ${why}`);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
