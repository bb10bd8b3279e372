/**
 * The workbook part (`xl/workbook.xml`) as the writers patch it: `fullCalcOnLoad` on
 * `<calcPr>` for every written package, and for clean-up the sheet list and the defined
 * names (print areas and titles included).
 */
import { applySplices, startTag, walkXml, type Splice, type XmlElement } from './xml';

/**
 * Children of `<workbook>` that follow `<calcPr>` (ECMA-376 Part 1 §18.2.27, CT_Workbook's
 * sequence): a new `<calcPr>` goes before the first of these, else before `</workbook>`.
 */
const AFTER_CALC_PR = new Set(['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst']);

/**
 * The workbook part with `fullCalcOnLoad="1"` on `<calcPr>` (added when absent), so Excel,
 * LibreOffice and WPS recompute every formula on open instead of showing cached results
 * computed before our writes (ECMA-376 Part 1 §18.2.2).
 */
export function withFullCalcOnLoad(xml: string): string {
  let root: XmlElement | null = null;
  let rootClose = -1;
  let calcPr: XmlElement | null = null;
  let before: XmlElement | null = null;
  walkXml(xml, {
    open(el) {
      if (el.depth === 0) root = el;
      else if (el.depth === 1 && el.name === 'calcPr') calcPr ??= el;
      else if (el.depth === 1 && AFTER_CALC_PR.has(el.name)) before ??= el;
    },
    close(el, closeStart) {
      if (el.depth === 0) rootClose = closeStart;
    },
  });
  const splices: Splice[] = [];
  const c = calcPr as XmlElement | null;
  if (c) {
    if (c.attributes.fullCalcOnLoad === '1' || c.attributes.fullCalcOnLoad === 'true') return xml;
    const attrs = Object.entries(c.attributes).filter(([k]) => k !== 'fullCalcOnLoad');
    const tag = startTag(`${c.prefix}calcPr`, [...attrs, ['fullCalcOnLoad', '1']]) + (c.selfClosing ? '/>' : '>');
    splices.push({ start: c.start, end: c.openEnd, text: tag, order: 0 });
  } else {
    const r = root as XmlElement | null;
    if (!r) return xml;
    const b = before as XmlElement | null;
    const at = b ? b.start : r.selfClosing ? -1 : rootClose;
    if (at < 0) return xml;
    splices.push({ start: at, end: at, text: `<${r.prefix}calcPr fullCalcOnLoad="1"/>`, order: 0 });
  }
  return applySplices(xml, splices);
}
