/**
 * Reader edge cases (issue 6 item 15 and "read what real producers write"): packages
 * damaged by hand, each in one part, whose read error must be Chinese and name the part;
 * and valid packages laid out unlike ExcelJS's own, which must read.
 */
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { EdgeCase } from './index';

/** A small valid table: text in shared strings, numbers, one merge, two sheets. */
async function base(): Promise<JSZip> {
  const wb = new Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
  wb.creator = wb.lastModifiedBy = '绩效自评助手 fixtures';
  const ws = wb.addWorksheet('自评表');
  ws.getCell('A1').value = '项目支出绩效自评表';
  ws.mergeCells('A1:D1');
  ws.getCell('A2').value = '项目名称';
  ws.getCell('B2').value = '劳模服务';
  ws.getCell('A3').value = '分值';
  ws.getCell('B3').value = 10;
  wb.addWorksheet('说明').getCell('A1').value = '填表说明';
  return JSZip.loadAsync(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

async function edited(edit: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await base();
  await edit(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function replaceIn(zip: JSZip, part: string, from: RegExp | string, to: string): Promise<void> {
  const xml = await zip.file(part)!.async('string');
  const next = xml.replace(from, to);
  if (next === xml) throw new Error(`edge case: ${String(from)} not found in ${part}`);
  zip.file(part, next);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * A package written by hand, as other generators (the OpenXML SDK) write them: every
 * element under an `x:` prefix, inline strings, and the cell forms ExcelJS read wrongly.
 */
async function prefixedPackage(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="R1" Type="${REL_NS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${MAIN_NS}" xmlns:rel="${REL_NS}"><x:sheets><x:sheet name="取值" sheetId="1" rel:id="R9"/></x:sheets></x:workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="R9" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="R2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="${MAIN_NS}"><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="31"/><x:xf numFmtId="10"/></x:cellXfs></x:styleSheet>`,
  );
  const cells = [
    // A1: inline string with a phonetic run and an escaped line break
    '<x:c r="A1" t="inlineStr"><x:is><x:r><x:t>预算</x:t></x:r><x:r><x:t>执行_x000A_数</x:t></x:r><x:rPh sb="0" eb="2"><x:t>よさん</x:t></x:rPh></x:is></x:c>',
    // B1: a formula whose cached result is the empty string
    '<x:c r="B1" t="str"><x:f>IF(C1&gt;0,"","有")</x:f><x:v></x:v></x:c>',
    // C1: a zh-CN built-in date format (31: yyyy"年"m"月"d"日")
    '<x:c r="C1" s="1"><x:v>45291</x:v></x:c>',
    // D1: an ISO date cell
    '<x:c r="D1" t="d"><x:v>2024-06-30T00:00:00</x:v></x:c>',
    // E1: a percentage, F1/G1: a shared formula and its translated copy
    '<x:c r="E1" s="2"><x:v>0.95</x:v></x:c>',
    '<x:c r="F1"><x:f t="shared" ref="F1:G1" si="0">E1*100</x:f><x:v>95</x:v></x:c>',
    '<x:c r="G1"><x:f t="shared" si="0"/><x:v>0</x:v></x:c>',
    // H1: an error value, I1: a boolean
    '<x:c r="H1" t="e"><x:v>#REF!</x:v></x:c>',
    '<x:c r="I1" t="b"><x:v>1</x:v></x:c>',
  ];
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1">${cells.join('')}</x:row></x:sheetData>` +
      '<x:sheetProtection sheet="true"/><x:mergeCells count="1"><x:mergeCell ref="A3:B4"/></x:mergeCells></x:worksheet>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export const CASES: EdgeCase[] = [
  {
    file: 'reader-prefixed-values.xlsx',
    description:
      'valid, hand-written as the OpenXML SDK writes: `x:` element prefixes, inline strings with phonetic runs, an empty-string formula result, a zh-CN built-in date format, a `t="d"` date, a shared formula',
    build: prefixedPackage,
  },
  {
    file: 'reader-far-cell.xlsx',
    description:
      'a table and one stray `x` at XFD1048576: the grid holds those cells only and is sized 1048576 × 16384, with no work proportional to the area',
    build: () =>
      edited(async (zip) => {
        await replaceIn(zip, 'xl/worksheets/sheet1.xml', '</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>');
        await replaceIn(zip, 'xl/worksheets/sheet1.xml', /<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>');
      }),
  },
  {
    file: 'reader-shared-string-out-of-range.xlsx',
    description:
      'B2 points at shared string 99 of 6: ExcelJS failed with "Cannot read properties of undefined (reading \'richText\')"; the message must be Chinese and name the sheet part and the cell (item 15)',
    build: () => edited((zip) => replaceIn(zip, 'xl/worksheets/sheet1.xml', /(<c r="B2"[^>]*t="s"[^>]*><v>)\d+(<\/v>)/, '$199$2')),
  },
  {
    file: 'reader-sheet-xml-truncated.xlsx',
    description: 'the first sheet part ends in the middle of a row: an XML error naming 工作表「自评表」 and its part',
    build: () =>
      edited(async (zip) => {
        const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
        zip.file('xl/worksheets/sheet1.xml', xml.slice(0, xml.indexOf('<row r="3"') + 12));
      }),
  },
  {
    file: 'reader-shared-strings-missing.xlsx',
    description: 'the shared-strings part and its relationship are gone while cells still refer to it',
    build: () =>
      edited(async (zip) => {
        zip.remove('xl/sharedStrings.xml');
        await replaceIn(zip, 'xl/_rels/workbook.xml.rels', /<Relationship[^>]*sharedStrings[^>]*\/>/, '');
      }),
  },
  {
    file: 'reader-sheet-part-missing.xlsx',
    description: 'the workbook lists 说明, but its sheet part is not in the package',
    build: () =>
      edited(async (zip) => {
        zip.remove('xl/worksheets/sheet2.xml');
      }),
  },
  {
    file: 'reader-styles-garbled.xlsx',
    description: 'styles.xml is not XML: an error naming 样式 (xl/styles.xml)',
    build: () =>
      edited(async (zip) => {
        zip.file('xl/styles.xml', '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0"></numFmts>');
      }),
  },
  {
    file: 'reader-sheet-part-renamed.xlsx',
    description:
      'valid: the sheet part is xl/worksheets/data1.xml (the name a relationship gives, not sheetN.xml) with an absolute target, as some generators write; ExcelJS found no sheet in it',
    build: () =>
      edited(async (zip) => {
        const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
        zip.remove('xl/worksheets/sheet1.xml');
        zip.file('xl/worksheets/data1.xml', xml);
        const rels = await zip.file('xl/worksheets/_rels/sheet1.xml.rels')?.async('string');
        if (rels !== undefined) {
          zip.remove('xl/worksheets/_rels/sheet1.xml.rels');
          zip.file('xl/worksheets/_rels/data1.xml.rels', rels);
        }
        await replaceIn(zip, 'xl/_rels/workbook.xml.rels', 'Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/data1.xml"');
        await replaceIn(zip, '[Content_Types].xml', '/xl/worksheets/sheet1.xml', '/xl/worksheets/data1.xml');
      }),
  },
  {
    file: 'reader-crc-mismatch.xlsx',
    description:
      'the parts are stored uncompressed and one digit of B3 (10 → 19) was changed after zipping: the bytes still parse, only the CRC-32 tells (issue 12); reported as damaged, never read or re-written as valid',
    build: async () => {
      const zip = await base();
      const stored = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
      const at = stored.indexOf(Buffer.from('<c r="B3"'));
      const v = stored.indexOf(Buffer.from('<v>10</v>'), at);
      if (at < 0 || v < 0) throw new Error('edge case: B3 not found');
      const out = Buffer.from(stored);
      out[v + 4] = '9'.charCodeAt(0);
      return out;
    },
  },
  {
    file: 'reader-hidden-sheets.xlsx',
    description: 'three sheets: visible 自评表, hidden 说明 and very hidden 参数 (`<sheet state>`): the grid reports each one’s visibility (issue 12)',
    build: async () => {
      const wb = new Workbook();
      wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
      wb.creator = wb.lastModifiedBy = '绩效自评助手 fixtures';
      wb.addWorksheet('自评表').getCell('A1').value = '项目支出绩效自评表';
      wb.addWorksheet('说明', { state: 'hidden' }).getCell('A1').value = '填表说明';
      wb.addWorksheet('参数', { state: 'veryHidden' }).getCell('A1').value = 10;
      return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    },
  },
];
