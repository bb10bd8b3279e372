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
