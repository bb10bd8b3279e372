/**
 * Large workbooks (issue 12, "Robustness left over"): one 项目支出绩效自评表 whose every
 * indicator row is wrong in the same way, so a run produces one finding per row. 150,001
 * rows overflowed the stack (`findings.push(...found)`) before the engine appended in loops.
 *
 * Too large for the fixtures every test run builds (scripts/build-fixtures.ts): the tests
 * that need them call these builders into a temporary folder.
 *
 * The table: title, 项目名称, the header on row 3 (一级/二级/三级, 年度指标值, 实际完成值,
 * 分值, 得分, 偏差原因…), then `rows` indicators 产出指标 / 数量指标 / 指标N, target ≥100人,
 * actual 100人, weight 1, stated score 0.5 (computed: 1, so `score-mismatch` on each row),
 * and a 总分 row with no score.
 */
import JSZip from 'jszip';

export const MANY_FINDINGS_ROWS = 150001;

/** The table's rows as plain values (for an engine run on a grid). */
export function manyFindingsRows(rows = MANY_FINDINGS_ROWS): (string | number)[][] {
  const out: (string | number)[][] = [
    ['项目支出绩效自评表'],
    ['项目名称', '大量问题测试项目'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
  for (let i = 0; i < rows; i++) out.push(['', '产出指标', '数量指标', `指标${i + 1}`, '≥100人', '100人', 1, 0.5, '']);
  out.push(['总分']);
  return out;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function column(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The same table as an .xlsx, its sheet XML written directly (ExcelJS takes minutes on
 * such a sheet): inline strings, sheet 问题.
 */
export async function manyFindingsWorkbook(rows = MANY_FINDINGS_ROWS): Promise<Buffer> {
  const parts: string[] = [`${XML}<worksheet xmlns="${MAIN_NS}"><sheetData>`];
  manyFindingsRows(rows).forEach((values, i) => {
    const r = i + 1;
    let row = `<row r="${r}">`;
    values.forEach((v, j) => {
      if (v === '') return;
      const ref = `${column(j + 1)}${r}`;
      row += typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
    });
    parts.push(`${row}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file('_rels/.rels', `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `${XML}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="问题" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  zip.file('xl/worksheets/sheet1.xml', parts.join(''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}
