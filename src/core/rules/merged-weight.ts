import { rowLabel } from './describe';
import { rule, type Hit } from './types';

/**
 * `weight-covered-by-merge` (issue 6 item 4): a row's 分值 cell lies under a merged area
 * anchored in another column — typically an actual (`98%`) merged across 分值 and 得分. The
 * value belongs to the merge's top-left column only, so the row has no weight: it is not
 * scored and its figure is not summed, and the accountant is told to unmerge and fill 分值.
 */
export const weightCoveredByMerge = rule('weight-covered-by-merge', 'error', (t) => {
  const out: Hit[] = [];
  for (const i of t.indicators) {
    const w = i.row.covered?.weight;
    if (!w) continue;
    out.push({
      cell: w.cell,
      message: `${rowLabel(i)}的分值单元格 ${w.cell} 被合并单元格 ${w.merge} 覆盖，合并区域的内容只属于其左上角所在列，本行视为未填分值、不计分；请取消合并后填写分值`,
    });
  }
  return out;
});
