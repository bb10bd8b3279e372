/**
 * Package parts an ExcelJS round trip loses or rewrites (issue 6, "`score` keeps the
 * workbook exactly"): `score` must copy them byte for byte and change only written cells.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { EdgeCase } from './index';

const DATE = new Date(Date.UTC(2024, 0, 1));

/** A 1×1 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const CHART_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>' +
  '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
  '<c:ser><c:idx val="0"/><c:order val="0"/>' +
  "<c:val><c:numRef><c:f>'自评表'!$G$8:$G$10</c:f></c:numRef></c:val></c:ser>" +
  '<c:axId val="1"/><c:axId val="2"/></c:barChart>' +
  '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
  '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>' +
  '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>';

const CHART_ANCHOR =
  '<xdr:twoCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
  '<xdr:to><xdr:col>16</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="99" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChart1"/>' +
  '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';

const EXT_LST =
  '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
  '<x14:dataValidations count="0" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst>';

const CUSTOM_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<绩效 xmlns="urn:jixiao:test"><单位>某市总工会</单位></绩效>';

/**
 * A project table whose figures `score` must fill (rate, execution score, two indicator
 * scores, total, grade) in a workbook with an image, a chart, a comment, print titles, a
 * print area, defined names, an extension list, a custom XML part and 宋体 10 as the
 * default font.
 */
async function richWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手 fixtures';
  wb.created = DATE;
  wb.modified = DATE;
  const ws = wb.addWorksheet('自评表');
  ws.addRow(['项目支出绩效自评表']);
  ws.mergeCells('A1:I1');
  ws.addRow(['（2023年度）']);
  ws.addRow(['项目名称', '职工服务阵地建设']);
  ws.addRow(['项目资金', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
  ws.addRow(['', '年度资金总额', 20, 20, 18, 10, null, null]);
  ws.addRow(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  ws.addRow(['', '产出指标', '数量指标', '新建阵地数', '≥10个', '10个', 30, 30, '']);
  ws.addRow(['', '产出指标', '质量指标', '验收合格率', '100%', '90%', 30, null, '部分未验收']);
  ws.addRow(['', '效益指标', '社会效益指标', '服务职工人次', '≥5000人次', '6000人次', 30, null, '']);
  ws.addRow(['总分', '', '', '', '', '', 100, 80, '']);
  ws.addRow(['等级', '', '', '', '', '', '', '良', '']);
  ws.getCell('G5').numFmt = 'yyyy/m/d'; // a rate cell formatted as a date: a format must be added
  ws.getCell('H8').font = { name: '宋体', size: 10, bold: true };
  ws.getColumn(4).width = 18;
  ws.getCell('B3').note = '项目负责人：张三';
  ws.pageSetup.printTitlesRow = '4:6';
  ws.pageSetup.printArea = 'A1:I11';
  ws.pageSetup.orientation = 'landscape';
  wb.definedNames.add("'自评表'!$H$10", '总分');
  wb.definedNames.add("'自评表'!$E$5", '执行数');
  const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(image, 'K2:L4');
  const other = wb.addWorksheet('说明');
  other.getCell('A1').value = '本表由某市总工会填报';
  other.getCell('A2').value = { formula: "'自评表'!H10", result: 80 } as ExcelJS.CellFormulaValue;

  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const edit = async (part: string, fn: (xml: string) => string): Promise<void> => {
    const f = zip.file(part);
    if (!f) throw new Error(`package edge case: no part ${part}`);
    const before = await f.async('string');
    const after = fn(before);
    if (after === before) throw new Error(`package edge case: ${part} unchanged`);
    zip.file(part, after);
  };
  // 宋体 10 as the workbook's default font (font 0, used by every unstyled cell).
  await edit('xl/styles.xml', (x) => x.replace(/<font>.*?<\/font>/, '<font><sz val="10"/><name val="宋体"/><family val="3"/><charset val="134"/></font>'));
  // A chart in the sheet's drawing, beside the image.
  await edit('xl/drawings/drawing1.xml', (x) => x.replace('</xdr:wsDr>', `${CHART_ANCHOR}</xdr:wsDr>`));
  await edit('xl/drawings/_rels/drawing1.xml.rels', (x) =>
    x.replace(
      '</Relationships>',
      '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
    ),
  );
  zip.file('xl/charts/chart1.xml', CHART_XML);
  zip.file('customXml/item1.xml', CUSTOM_XML);
  await edit('[Content_Types].xml', (x) =>
    x.replace(
      '</Types>',
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  // An extension list at the end of the worksheet.
  await edit('xl/worksheets/sheet1.xml', (x) => x.replace('</worksheet>', `${EXT_LST}</worksheet>`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export const CASES: EdgeCase[] = [
  {
    file: 'package-rich.xlsx',
    description: 'score keeps every part: image, chart, comment, print titles, defined names, extLst, custom XML, 宋体 10 default font',
    build: richWorkbook,
  },
];

// ---------------------------------------------------------------------------------------
// Clean-up through the package (issue 13): workbooks carrying what an ExcelJS round trip lost

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A part's text edited by `fn`; throws when `fn` changes nothing (the fixture must not drift silently). */
async function editPart(zip: JSZip, part: string, fn: (xml: string) => string): Promise<void> {
  const f = zip.file(part);
  if (!f) throw new Error(`package edge case: no part ${part}`);
  const before = await f.async('string');
  const after = fn(before);
  if (after === before) throw new Error(`package edge case: ${part} unchanged`);
  zip.file(part, after);
}

/** Insert `text` before the first of `tags` found in a worksheet (schema order), else before `</worksheet>`. */
function before(xml: string, tags: readonly string[], text: string): string {
  let at = xml.indexOf('</worksheet>');
  for (const t of tags) {
    const i = xml.indexOf(`<${t}`);
    if (i >= 0 && i < at) at = i;
  }
  return xml.slice(0, at) + text + xml.slice(at);
}

/** Printer settings as Excel stores them: an opaque DEVMODE blob (here a short fixed one). */
const PRINTER_SETTINGS = Buffer.from('4a0069007800690061006f0020005000720069006e0074006500720000000000', 'hex');

const CUSTOM_PROPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="填报单位"><vt:lpwstr>石鼓区总工会</vt:lpwstr></property>' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="年度"><vt:i4>2023</vt:i4></property></Properties>';

/**
 * The dirty seed 002 as Excel leaves a workbook a person has worked on (issue 13, "tried as
 * a new user would"): 宋体 as the default font, a manual page break and ignored errors on
 * 劳模服务 below its placeholder rows, a list validation there that reads another sheet
 * (x14, `参数!$A$1:$A$3`), printer settings, custom document properties, hyperlinks with
 * tooltips, `fullCalcOnLoad`, print gridlines, print areas (`$A$1:$I$26`) and print titles
 * (`$4:$6`) on every sheet. An ExcelJS round trip lost or rewrote each of these.
 */
async function excelLikeDirty(): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildWorkbook } = require('../build-fixtures') as typeof import('../build-fixtures');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dirtySpec, addMarks, DIRTY_EXAMPLE } = require('./dirty') as typeof import('./dirty');
  const wb = buildWorkbook(dirtySpec(DIRTY_EXAMPLE));
  addMarks(wb);
  wb.creator = '绩效自评助手 fixtures';
  wb.created = DATE;
  wb.modified = DATE;
  const lists = wb.addWorksheet('参数');
  ['已完成', '部分完成', '未完成'].forEach((v, i) => {
    lists.getCell(i + 1, 1).value = v;
  });
  for (const ws of wb.worksheets) {
    if (ws.name === '参数') continue;
    ws.pageSetup.printArea = `A1:I${ws.rowCount}`;
    ws.pageSetup.printTitlesRow = '4:6';
    ws.pageSetup.showGridLines = true;
  }
  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const sheetOf = async (name: string): Promise<string> => {
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(xml)?.[1];
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
    if (!target) throw new Error(`package edge case: no part for ${name}`);
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  };
  const sheet = await sheetOf('劳模服务');
  const rels = sheet.replace(/([^/]+)$/, '_rels/$1.rels');
  await editPart(zip, 'xl/styles.xml', (x) => x.replace(/<font>.*?<\/font>/, '<font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/><scheme val="minor"/></font>'));
  // As Excel writes them: absolute print areas (ExcelJS writes `$A1:$I26`).
  await editPart(zip, 'xl/workbook.xml', (x) => x.replace(/<calcPr\b[^>]*\/>/, '<calcPr calcId="191029" fullCalcOnLoad="1"/>').replace(/!\$A(\d+):\$I(\d+)</g, '!$$A$$$1:$$I$$$2<'));
  // 劳模服务: a link with a tooltip below the placeholder rows, a break, ignored errors, a list from 参数.
  await editPart(zip, sheet, (x) => {
    let out = before(x, ['printOptions', 'pageMargins'], '<hyperlinks><hyperlink ref="I25" r:id="rIdLink1" tooltip="打开项目资料（单位内网）"/><hyperlink ref="B26" location="\'参数\'!A1" tooltip="查看完成情况选项" display="完成情况选项"/></hyperlinks>');
    out = out.replace(/<pageSetup\b([^>]*?)\/>/, '<pageSetup$1 r:id="rIdPrinter1"/>');
    out = before(out, ['colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'], '<rowBreaks count="1" manualBreakCount="1"><brk id="25" max="16383" man="1"/></rowBreaks>');
    out = before(out, ['smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'], '<ignoredErrors><ignoredError sqref="C5:E6 H25:H26" numberStoredAsText="1"/></ignoredErrors>');
    out = out.replace(
      '</worksheet>',
      '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
        '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
        '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>参数!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>F9:F12 F14:F16 F21 F25</xm:sqref></x14:dataValidation>' +
        '</x14:dataValidations></ext></extLst></worksheet>',
    );
    if (!out.includes(`xmlns:r="${NS_REL}"`)) out = out.replace(`xmlns="${NS_MAIN}"`, `xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"`);
    return out;
  });
  const relsXml =
    '<Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://oa.example.gov.cn/%E9%A1%B9%E7%9B%AE/2023" TargetMode="External"/>' +
    '<Relationship Id="rIdPrinter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="../printerSettings/printerSettings1.bin"/>';
  if (zip.file(rels)) await editPart(zip, rels, (x) => x.replace('</Relationships>', `${relsXml}</Relationships>`));
  else zip.file(rels, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relsXml}</Relationships>`);
  zip.file('xl/printerSettings/printerSettings1.bin', PRINTER_SETTINGS);
  zip.file('docProps/custom.xml', CUSTOM_PROPS);
  await editPart(zip, '_rels/.rels', (x) =>
    x.replace('</Relationships>', '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'),
  );
  await editPart(zip, '[Content_Types].xml', (x) =>
    x.replace(
      '</Types>',
      '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>' +
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * The dirty seed 002 with a summary sheet reading 劳模服务!H25 through INDIRECT: deleting a
 * placeholder row above row 25 would make it read another cell, so those rows stay (and
 * the run says why); 双联工作's placeholder rows still go.
 */
async function indirectDirty(): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildWorkbook } = require('../build-fixtures') as typeof import('../build-fixtures');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dirtySpec, DIRTY_EXAMPLE } = require('./dirty') as typeof import('./dirty');
  const wb = buildWorkbook(dirtySpec(DIRTY_EXAMPLE));
  wb.created = DATE;
  wb.modified = DATE;
  const ws = wb.addWorksheet('汇总');
  ws.getCell('A1').value = '劳模服务总分';
  ws.getCell('B1').value = { formula: 'INDIRECT("劳模服务!H25")', result: 90 } as ExcelJS.CellFormulaValue;
  ws.getCell('A2').value = '双联工作得分合计';
  ws.getCell('B2').value = { formula: 'SUM(双联工作!H12:H25)', result: 90 } as ExcelJS.CellFormulaValue;
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

CASES.push(
  {
    file: 'clean-excel-like.dirty.xlsx',
    description:
      'dirty seed 002 as Excel keeps it: 宋体 default font, row break, ignored errors, x14 cross-sheet list validation, printer settings, custom properties, hyperlinks with tooltips, fullCalcOnLoad, print gridlines, print areas and titles (issue 13: each was lost by the ExcelJS clean)',
    build: excelLikeDirty,
  },
  {
    file: 'clean-indirect.xlsx',
    description: 'dirty seed 002 plus 汇总!B1 =INDIRECT("劳模服务!H25"): 劳模服务 keeps its placeholder rows (deleting them would move H25), 双联工作 loses them',
    build: indirectDirty,
  },
);
