/**
 * What clean-up needs to know of a package before it changes it: the workbook's sheets and
 * their parts, every formula text and where it lives (cells, defined names, conditional
 * formats, validations, hyperlinks, charts), notes and fills (to recognise last run's
 * marks), drawing anchors, array formula ranges, pivot caches and tables.
 */
import { isRel, PackageParts, PackageProblem, parseRels, relsPartOf, sheetsOf, workbookPartOf, type Relationship, type SheetEntry } from './opc';
import { cellRef, parseCell, unescapeXml } from './refs';
import { scanStyles, solidFillOf, type StylesScan } from './styles';
import { walkXml, XmlPartError } from './xml';

/** Run `fn` on `part`; malformed XML becomes a `PackageProblem` naming the part. */
function named<T>(part: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof XmlPartError) throw new PackageProblem(part, `部件 ${part} 不是有效的 XML`);
    throw e;
  }
}

export interface FormulaSite {
  /** The sheet the formula is written on ('' for a workbook-level name or a chart). */
  readonly home: string;
  /** Where, for messages: `劳模服务!H27`, `名称「总分」`, `图表 xl/charts/chart1.xml`. */
  readonly where: string;
  readonly text: string;
  readonly kind: 'cell' | 'name' | 'rule' | 'link' | 'chart';
  /** For names scoped to a sheet: that sheet. */
  readonly scope?: string;
}

export interface SheetModel {
  readonly entry: SheetEntry;
  readonly part: string;
  readonly xml: string;
  readonly rels: readonly Relationship[];
  /** Cells with a solid fill: `row:col` → ARGB. */
  readonly fills: Map<string, string>;
  /** Notes by A1 ref. */
  readonly notes: Map<string, string>;
  readonly commentsPart: string | undefined;
  readonly vmlPart: string | undefined;
  readonly drawingPart: string | undefined;
  readonly tableParts: readonly string[];
  readonly arrayRanges: { ref: string; master: string }[];
  readonly hasPivot: boolean;
  readonly protected: boolean;
}

export interface PackageModel {
  readonly pkg: PackageParts;
  readonly workbookPart: string;
  readonly workbookXml: string;
  readonly workbookRels: readonly Relationship[];
  readonly sheets: readonly SheetModel[];
  readonly styles: { part: string; scan: StylesScan } | null;
  readonly date1904: boolean;
  readonly formulas: readonly FormulaSite[];
  /** Chart parts and the sheet whose drawing shows each. */
  readonly charts: readonly { part: string; sheet: string }[];
  /** Sheets a pivot cache reads (by name). */
  readonly pivotSources: readonly string[];
}

/** Load what clean-up reads. Throws XmlPartError / PackageProblem for the caller to name. */
export async function loadModel(pkg: PackageParts): Promise<PackageModel> {
  const workbookPart = await workbookPartOf(pkg).catch((e: unknown) => named('_rels/.rels', () => {
    throw e;
  }));
  const workbookXml = await pkg.text(workbookPart);
  if (workbookXml === undefined) throw new Error(`missing ${workbookPart}`);
  const workbookRels = await pkg.rels(workbookPart).catch((e: unknown) => named(relsPartOf(workbookPart), () => {
    throw e;
  }));
  const entries = named(workbookPart, () => sheetsOf(workbookXml, workbookRels));
  const formulas: FormulaSite[] = [];

  let date1904 = false;
  const names: { name: string; local?: string; text: string }[] = [];
  named(workbookPart, () => {
    let cur: { name: string; local?: string } | null = null;
    let start = 0;
    walkXml(workbookXml, {
      open(el) {
        if (el.name === 'workbookPr') date1904 = el.attributes.date1904 === '1' || el.attributes.date1904 === 'true';
        else if (el.name === 'definedName') {
          cur = { name: el.attributes.name ?? '', local: el.attributes.localSheetId };
          start = el.openEnd;
        }
      },
      close(el, closeStart) {
        if (el.name === 'definedName' && cur) {
          names.push({ ...cur, text: unescapeXml(workbookXml.slice(start, closeStart)) });
          cur = null;
        }
      },
    });
  });
  for (const n of names) {
    const scope = n.local !== undefined ? entries[Number(n.local)]?.name : undefined;
    formulas.push({ home: scope ?? '', where: `名称「${n.name}」`, text: n.text, kind: 'name', ...(scope ? { scope } : {}) });
  }

  const stylesRel = workbookRels.find((r) => isRel(r, 'styles') && !r.external);
  const stylesPart = stylesRel ? stylesRel.part : 'xl/styles.xml';
  const stylesXml = await pkg.text(stylesPart);
  const styles = stylesXml === undefined ? null : { part: stylesPart, scan: named(stylesPart, () => scanStyles(stylesXml)) };

  const sheets: SheetModel[] = [];
  const charts: { part: string; sheet: string }[] = [];
  for (const entry of entries) {
    if (entry.part === undefined || entry.kind !== 'worksheet') continue;
    const xml = await pkg.text(entry.part);
    if (xml === undefined) continue;
    const rels = await relsOf(pkg, entry.part);
    const sheet = named(entry.part, () => scanSheet(entry, xml, rels, styles?.scan ?? null, formulas));
    const commentsPart = sheet.commentsPart;
    if (commentsPart) {
      const cx = await pkg.text(commentsPart);
      if (cx !== undefined) for (const [ref, text] of named(commentsPart, () => readComments(cx))) sheet.notes.set(ref, text);
    }
    if (sheet.drawingPart) {
      for (const r of await relsOf(pkg, sheet.drawingPart)) {
        if (!isRel(r, 'chart') || r.external) continue;
        charts.push({ part: r.part, sheet: entry.name });
      }
    }
    sheets.push(sheet);
  }
  // Chart sheets show a chart too (through their drawing).
  for (const entry of entries) {
    if (entry.part === undefined || entry.kind !== 'chartsheet') continue;
    for (const r of await relsOf(pkg, entry.part)) {
      if (!isRel(r, 'drawing') || r.external) continue;
      for (const c of await relsOf(pkg, r.part)) if (isRel(c, 'chart') && !c.external) charts.push({ part: c.part, sheet: entry.name });
    }
  }
  for (const c of charts) {
    const xml = await pkg.text(c.part);
    if (xml === undefined) continue;
    for (const text of named(c.part, () => fTexts(xml))) formulas.push({ home: '', where: `图表（${c.part}）`, text, kind: 'chart' });
  }
  const pivotSources: string[] = [];
  for (const r of workbookRels) {
    if (!isRel(r, 'pivotCacheDefinition') || r.external) continue;
    const xml = await pkg.text(r.part);
    if (xml === undefined) continue;
    named(r.part, () =>
      walkXml(xml, {
        open(el) {
          if (el.name === 'worksheetSource') {
            if (el.attributes.sheet) pivotSources.push(el.attributes.sheet);
            else if (el.attributes.name) pivotSources.push(`\u0000${el.attributes.name}`);
          }
        },
      }),
    );
  }
  return { pkg, workbookPart, workbookXml, workbookRels, sheets, styles, date1904, formulas, charts, pivotSources };
}

async function relsOf(pkg: PackageParts, part: string): Promise<Relationship[]> {
  const relsPart = relsPartOf(part);
  const xml = await pkg.text(relsPart);
  return xml === undefined ? [] : named(relsPart, () => parseRels(xml, part));
}

function fTexts(xml: string): string[] {
  const out: string[] = [];
  let start = -1;
  walkXml(xml, {
    open(el) {
      if (el.name === 'f' && !el.selfClosing) start = el.openEnd;
    },
    close(el, closeStart) {
      if (el.name === 'f' && start >= 0) {
        out.push(unescapeXml(xml.slice(start, closeStart)));
        start = -1;
      }
    },
  });
  return out;
}

function scanSheet(entry: SheetEntry, xml: string, rels: readonly Relationship[], styles: StylesScan | null, formulas: FormulaSite[]): SheetModel {
  const relById = new Map(rels.map((r) => [r.id, r]));
  const fills = new Map<string, string>();
  const arrayRanges: { ref: string; master: string }[] = [];
  let isProtected = false;
  let drawingPart: string | undefined;
  let vmlPart: string | undefined;
  const tableParts: string[] = [];
  let lastRow = 0;
  let lastCol = 0;
  let row = 0;
  let col = 0;
  let fStart = -1;
  let ruleStart = -1;
  let inData = false;
  let ownerDepth = -1;
  const where = (r: number, c: number): string => `${entry.name}!${cellRef(r, c)}`;
  walkXml(xml, {
    open(el) {
      const d = el.depth;
      if (d === 1 && el.name === 'sheetData') inData = !el.selfClosing;
      else if (inData && d === 2 && el.name === 'row') {
        row = Number(el.attributes.r ?? lastRow + 1);
        lastRow = row;
        lastCol = 0;
      } else if (inData && d === 3 && el.name === 'c') {
        col = parseCell(el.attributes.r)?.col ?? lastCol + 1;
        lastCol = col;
        const s = el.attributes.s;
        if (s !== undefined && styles) {
          const fill = solidFillOf(styles, Number(s));
          if (fill) fills.set(`${row}:${col}`, fill);
        }
      } else if (inData && d === 4 && el.name === 'f') {
        if ((el.attributes.t === 'array' || el.attributes.t === 'dataTable') && el.attributes.ref) arrayRanges.push({ ref: el.attributes.ref, master: cellRef(row, col) });
        if (!el.selfClosing) fStart = el.openEnd;
      } else if (!inData) {
        if (d === 1 && el.name === 'sheetProtection') isProtected = el.attributes.sheet === '1' || el.attributes.sheet === 'true';
        else if (el.name === 'conditionalFormatting' || el.name === 'dataValidation' || el.name === 'sparkline') ownerDepth = d;
        else if (ownerDepth >= 0 && (el.name === 'formula' || el.name === 'formula1' || el.name === 'formula2' || el.name === 'f') && !el.selfClosing) ruleStart = el.openEnd;
        else if (el.name === 'hyperlink' && el.attributes.location) formulas.push({ home: entry.name, where: `${entry.name}!${el.attributes.ref ?? ''} 的超链接`, text: el.attributes.location, kind: 'link' });
        else if (d === 1 && (el.name === 'drawing' || el.name === 'legacyDrawing' || el.name === 'tablePart')) {
          let id = '';
          for (const [k, v] of Object.entries(el.attributes)) if (k === 'id' || k.endsWith(':id')) id = v;
          const rel = relById.get(id);
          if (rel && !rel.external) {
            if (el.name === 'drawing') drawingPart = rel.part;
            else if (el.name === 'legacyDrawing') vmlPart = rel.part;
            else tableParts.push(rel.part);
          }
        }
      }
    },
    close(el, closeStart) {
      if (el.name === 'sheetData' && el.depth === 1) inData = false;
      else if (inData && el.name === 'f' && fStart >= 0) {
        formulas.push({ home: entry.name, where: where(row, col), text: unescapeXml(xml.slice(fStart, closeStart)), kind: 'cell' });
        fStart = -1;
      } else if (!inData && ruleStart >= 0 && (el.name === 'formula' || el.name === 'formula1' || el.name === 'formula2' || el.name === 'f')) {
        formulas.push({ home: entry.name, where: `${entry.name} 的条件格式或数据验证`, text: unescapeXml(xml.slice(ruleStart, closeStart)), kind: 'rule' });
        ruleStart = -1;
      } else if (!inData && ownerDepth === el.depth && (el.name === 'conditionalFormatting' || el.name === 'dataValidation' || el.name === 'sparkline')) ownerDepth = -1;
    },
  });
  const comments = rels.find((r) => isRel(r, 'comments') && !r.external);
  return {
    entry,
    part: entry.part!,
    xml,
    rels,
    fills,
    notes: new Map(),
    commentsPart: comments?.part,
    vmlPart,
    drawingPart,
    tableParts,
    arrayRanges,
    hasPivot: rels.some((r) => isRel(r, 'pivotTable')),
    protected: isProtected,
  };
}

/** Note texts by ref (runs joined, phonetic runs left out), as ExcelJS reads them. */
export function readComments(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  let ref: string | null = null;
  let text = '';
  let inT = false;
  let phonetic = 0;
  let tStart = 0;
  walkXml(xml, {
    open(el) {
      if (el.name === 'comment') {
        ref = (el.attributes.ref ?? '').toUpperCase();
        text = '';
      } else if (el.name === 'rPh') phonetic++;
      else if (el.name === 't' && ref !== null && !phonetic && !el.selfClosing) {
        inT = true;
        tStart = el.openEnd;
      }
    },
    close(el, closeStart) {
      if (el.name === 't' && inT) {
        text += unescapeXml(xml.slice(tStart, closeStart));
        inT = false;
      } else if (el.name === 'rPh') phonetic--;
      else if (el.name === 'comment' && ref !== null) {
        out.set(ref, text);
        ref = null;
      }
    },
  });
  return out;
}

