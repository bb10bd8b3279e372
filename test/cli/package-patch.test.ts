/**
 * The package patcher on hand-written parts: rows and cells that do not exist yet, self-
 * closing rows and sheetData, namespace prefixes, cells without `r`, number text, inline
 * strings, and style records cloned for a number format.
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';

import type { CellEdit } from '../../src/core';
import { numberText, patchPackage } from '../../src/cli/package/patch';
import { withFullCalcOnLoad } from '../../src/cli/package/workbook';
import { crc32, resolveTarget, targetFrom } from '../../src/cli/package/opc';
import { WorkbookWriteError } from '../../src/cli/errors';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="176" formatCode="0.0"/></numFmts>' +
  '<fonts count="1"><font><sz val="10"/><name val="宋体"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '</styleSheet>';

async function pack(sheetXml: string, styles: string | null = STYLES): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      (styles ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : '') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
      (styles ? `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` : '') +
      '</Relationships>',
  );
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  if (styles) zip.file('xl/styles.xml', styles);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function edit(cell: string, row: number, col: number, value: number | string, numFmt?: string): CellEdit {
  return { sheet: '表', cell, row, col, value, role: 'score', previous: { t: 'empty' }, ...(numFmt ? { numFmt } : {}) };
}

async function partOf(bytes: Buffer, name: string): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(name)!.async('string');
}

const sheet = (data: string, prefix = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${MAIN}"><${prefix}dimension ref="A1"/>${data}<${prefix}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${prefix}worksheet>`;

describe('patchPackage', () => {
  it('inserts missing rows and cells in order, fills a self-closing row, keeps everything else', async () => {
    const xml = sheet(
      '<sheetData><row r="2" spans="1:3"><c r="A2" t="s"><v>0</v></c><c r="C2"><v>1</v></c></row><row r="4" ht="20" customHeight="1"/><row r="9"><c r="B9"><v>5</v></c></row></sheetData>',
    );
    const { bytes, changedParts } = await patchPackage(
      await pack(xml),
      [edit('B2', 2, 2, 1.5), edit('D2', 2, 4, 2), edit('B4', 4, 2, '优'), edit('A3', 3, 1, 0.1 + 0.2), edit('C12', 12, 3, -0), edit('B1', 1, 2, ' 良 ')],
      'out.xlsx',
    );
    expect(changedParts).toEqual(['xl/worksheets/sheet1.xml', 'xl/workbook.xml']);
    expect(await partOf(bytes, 'xl/worksheets/sheet1.xml')).toBe(
      sheet(
        '<sheetData><row r="1"><c r="B1" t="inlineStr"><is><t xml:space="preserve"> 良 </t></is></c></row>' +
          '<row r="2" spans="1:3"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1.5</v></c><c r="C2"><v>1</v></c><c r="D2"><v>2</v></c></row>' +
          '<row r="3"><c r="A3"><v>0.30000000000000004</v></c></row>' +
          '<row r="4" ht="20" customHeight="1"><c r="B4" t="inlineStr"><is><t>优</t></is></c></row>' +
          '<row r="9"><c r="B9"><v>5</v></c></row><row r="12"><c r="C12"><v>0</v></c></row></sheetData>',
      ),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('表')!;
    expect(['B1', 'B2', 'D2', 'A3', 'B4', 'C12', 'B9'].map((a) => ws.getCell(a).value)).toEqual([' 良 ', 1.5, 2, 0.30000000000000004, '优', 0, 5]);
  });

  it('handles a prefixed namespace, a self-closing sheetData and cells without r', async () => {
    const a = await patchPackage(await pack(sheet('<x:sheetData/>', 'x:')), [edit('B3', 3, 2, 7)], 'out.xlsx');
    expect(await partOf(a.bytes, 'xl/worksheets/sheet1.xml')).toBe(sheet('<x:sheetData><x:row r="3"><x:c r="B3"><x:v>7</x:v></x:c></x:row></x:sheetData>', 'x:'));
    const b = await patchPackage(await pack(sheet('<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData>')), [edit('B2', 2, 2, 9), edit('B1', 1, 2, 8)], 'o.xlsx');
    expect(await partOf(b.bytes, 'xl/worksheets/sheet1.xml')).toBe(sheet('<sheetData><row><c><v>1</v></c><c r="B1"><v>8</v></c></row><row><c><v>3</v></c><c r="B2"><v>9</v></c></row></sheetData>'));
  });

  it('adds a style only where the format differs: clones the xf, reuses built-in and custom formats, adds a new code once', async () => {
    const xml = sheet('<sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>0.5</v></c><c r="C1" s="1"/><c r="D1"/></row></sheetData>');
    const { bytes, changedParts } = await patchPackage(
      await pack(xml),
      [edit('A1', 1, 1, 0.95, '0.00%'), edit('B1', 1, 2, 0.9, '0.00%'), edit('C1', 1, 3, 3, '0.0'), edit('D1', 1, 4, 1.25, '0.000'), edit('E1', 1, 5, 2, '0.000')],
      'out.xlsx',
    );
    expect(changedParts).toEqual(['xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/workbook.xml']);
    expect(await partOf(bytes, 'xl/worksheets/sheet1.xml')).toBe(
      sheet('<sheetData><row r="1"><c r="A1" s="3"><v>0.95</v></c><c r="B1" s="2"><v>0.9</v></c><c r="C1" s="4"><v>3</v></c><c r="D1" s="5"><v>1.25</v></c><c r="E1" s="5"><v>2</v></c></row></sheetData>'),
    );
    expect(await partOf(bytes, 'xl/styles.xml')).toBe(
      STYLES.replace('<numFmts count="1"><numFmt numFmtId="176" formatCode="0.0"/></numFmts>', '<numFmts count="2"><numFmt numFmtId="176" formatCode="0.0"/><numFmt numFmtId="177" formatCode="0.000"/></numFmts>')
        .replace('<cellXfs count="3">', '<cellXfs count="6">')
        .replace(
          '</cellXfs>',
          '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf>' +
            '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf>' +
            '<xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
        ),
    );
  });

  it('creates a styles part for a package that has none, when a format is needed', async () => {
    const { bytes, changedParts } = await patchPackage(await pack(sheet('<sheetData/>'), null), [edit('A1', 1, 1, 0.5, '0.00%')], 'out.xlsx');
    expect(changedParts).toEqual(['xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/workbook.xml']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect([wb.getWorksheet('表')!.getCell('A1').value, wb.getWorksheet('表')!.getCell('A1').numFmt]).toEqual([0.5, '0.00%']);
  });

  it('returns the input bytes untouched when nothing changes', async () => {
    const input = await pack(sheet('<sheetData/>'));
    const r = await patchPackage(input, [], 'out.xlsx');
    expect(r.bytes).toBe(input);
    expect(r.changedParts).toEqual([]);
  });

  it('refuses a formula cell, a merge slave, a protected sheet and malformed XML, naming the output', async () => {
    const cases: Array<[string, CellEdit, string, RegExp]> = [
      ['<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row></sheetData>', edit('A1', 1, 1, 3), 'formula-cell', /A1 含有公式，拒绝覆盖/],
      ['<sheetData/><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>', edit('B2', 2, 2, 3), 'merged-cell', /合并单元格 A1:B2 中，只能写入其左上角单元格 A1/],
      ['<sheetData/><sheetProtection sheet="1"/>', edit('A1', 1, 1, 3), 'protected-sheet', /受保护/],
      ['<sheetData><row r="1"></sheetData>', edit('A1', 1, 1, 3), 'io', /不是有效的 XML/],
      [
        '<sheetData><row r="1"><c r="B1"><f t="array" ref="B1:B3">A1:A3*2</f><v>2</v></c></row><row r="2"><c r="B2"><v>4</v></c></row></sheetData>',
        edit('B2', 2, 2, 3),
        'formula-cell',
        /表」B2 属于 B1 的数组公式（B1:B3），拒绝覆盖/,
      ],
    ];
    for (const [data, e, reason, words] of cases) {
      const err = await patchPackage(await pack(sheet(data)), [e], '/x/out.xlsx').then(
        () => null,
        (x: unknown) => x,
      );
      expect(err).toBeInstanceOf(WorkbookWriteError);
      expect((err as WorkbookWriteError).reason).toBe(reason);
      expect((err as WorkbookWriteError).message).toMatch(/^\/x\/out\.xlsx：/);
      expect((err as WorkbookWriteError).message).toMatch(words);
    }
  });

  it('writes numbers in their shortest round-trip form', () => {
    expect([0.1 + 0.2, 95.67, -0, 1e-7, 123456789012, 2 / 3].map(numberText)).toEqual(['0.30000000000000004', '95.67', '0', '1e-7', '123456789012', '0.6666666666666666']);
  });

  it('sets fullCalcOnLoad on the workbook of every written package, so formulas show new results on open (issue 12)', async () => {
    const { bytes } = await patchPackage(await pack(sheet('<sheetData/>')), [edit('A1', 1, 1, 3)], 'out.xlsx');
    expect(await partOf(bytes, 'xl/workbook.xml')).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets><calcPr fullCalcOnLoad="1"/></workbook>`,
    );
  });

  it('adds fullCalcOnLoad to an existing calcPr, or a calcPr where the schema puts it', () => {
    const wb = (inner: string): string => `<x:workbook xmlns:x="${MAIN}"><x:sheets/>${inner}</x:workbook>`;
    expect(withFullCalcOnLoad(wb('<x:calcPr calcId="191029"/>'))).toBe(wb('<x:calcPr calcId="191029" fullCalcOnLoad="1"/>'));
    expect(withFullCalcOnLoad(wb('<x:calcPr calcId="1" fullCalcOnLoad="0"></x:calcPr>'))).toBe(wb('<x:calcPr calcId="1" fullCalcOnLoad="1"></x:calcPr>'));
    expect(withFullCalcOnLoad(wb('<x:calcPr fullCalcOnLoad="1"/>'))).toBe(wb('<x:calcPr fullCalcOnLoad="1"/>'));
    expect(withFullCalcOnLoad(wb('<x:definedNames/><x:pivotCaches/><x:extLst/>'))).toBe(wb('<x:definedNames/><x:calcPr fullCalcOnLoad="1"/><x:pivotCaches/><x:extLst/>'));
  });

  it('refuses a package whose entry does not match its CRC, naming the part (issue 12)', async () => {
    const good = await pack(sheet('<sheetData><row r="1"><c r="A1"><v>12345</v></c></row></sheetData>'));
    // Store the parts uncompressed so one byte of a sheet can be changed in place.
    const stored = await (await JSZip.loadAsync(good)).generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const at = stored.indexOf(Buffer.from('<v>12345</v>'));
    const damaged = Buffer.from(stored);
    damaged[at + 3] = '9'.charCodeAt(0);
    const err = await patchPackage(damaged, [edit('B1', 1, 2, 3)], '/x/out.xlsx').then(
      () => null,
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(WorkbookWriteError);
    expect((err as Error).message).toBe('/x/out.xlsx：原工作簿已损坏：部件 xl/worksheets/sheet1.xml 的校验和（CRC）不符，文件已损坏，未写入');
  });

  it('names a part too large to patch with its size', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`).join('');
    const err = await patchPackage(await pack(sheet(`<sheetData>${rows}</sheetData>`)), [edit('A1', 1, 1, 3)], '/x/out.xlsx', { maxPartBytes: 2048 }).then(
      () => null,
      (x: unknown) => x,
    );
    expect((err as Error).message).toBe('/x/out.xlsx：部件 xl/worksheets/sheet1.xml 过大（解压后 9 KB），无法处理，未写入');
  });

  it('writes a sheet whose relationship target is percent-encoded (the reader decodes it too)', async () => {
    const zip = await JSZip.loadAsync(await pack(sheet('<sheetData/>')));
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace('Target="/xl/worksheets/sheet1.xml"', 'Target="worksheets/%E8%A1%A8%201.xml"'));
    zip.file('xl/worksheets/表 1.xml', await zip.file('xl/worksheets/sheet1.xml')!.async('string'));
    zip.remove('xl/worksheets/sheet1.xml');
    const input = await zip.generateAsync({ type: 'nodebuffer' });
    const { bytes, changedParts } = await patchPackage(input, [edit('A1', 1, 1, 7)], 'out.xlsx');
    expect(changedParts).toEqual(['xl/worksheets/表 1.xml', 'xl/workbook.xml']);
    expect(await partOf(bytes, 'xl/worksheets/表 1.xml')).toBe(sheet('<sheetData><row r="1"><c r="A1"><v>7</v></c></row></sheetData>'));
  });

  it('resolves and writes relationship targets as URIs', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/%E8%A1%A8%201.xml')).toBe('xl/worksheets/表 1.xml');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '../drawings/drawing1.xml')).toBe('xl/drawings/drawing1.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/styles.xml')).toBe('xl/styles.xml');
    expect(resolveTarget('xl/workbook.xml', 'a%zz.xml')).toBe('xl/a%zz.xml');
    expect(targetFrom('xl/workbook.xml', 'xl/worksheets/表 1.xml')).toBe('worksheets/%E8%A1%A8%201.xml');
    expect(targetFrom('xl/worksheets/sheet1.xml', 'xl/comments1.xml')).toBe('../comments1.xml');
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
