/**
 * Write the core's `ReviewSummary` (src/core/review) as a new .xlsx: the package parts are the
 * core's (`summaryParts`, the same the add-in's 导出审核汇总 hands Excel); this file only zips
 * them. A user's workbook is never written here.
 */
import * as path from 'path';
import JSZip from 'jszip';

import { summaryParts, type ReviewSummary } from '../../core';

/** The summary as .xlsx bytes. */
export async function renderSummary(summary: ReviewSummary): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(summaryParts(summary.sheets))) zip.file(name, text);
  // Fast deflate: the summary is written once and opened once; level 1 is several times
  // quicker than the default on a 300-file summary for a few percent more bytes.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/**
 * The hyperlink from the summary workbook at `report` to `file`: a relative path with `/`
 * separators, so the folder can be moved or shared with its submissions. Characters a URI
 * reserves (`%`, `#`, `?`, space) are escaped; Chinese is kept as is.
 */
export function linkTo(report: string, file: string): string {
  const rel = path.relative(path.dirname(path.resolve(report)), path.resolve(file)).split(path.sep).join('/');
  return rel.replace(/[%#? ]/g, (c) => encodeURIComponent(c));
}
