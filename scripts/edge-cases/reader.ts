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

export const CASES: EdgeCase[] = [
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
];
