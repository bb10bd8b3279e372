import { cleanup, sheetFromRows } from '../../src/core';

const { cleanText, normalizeNotation, isHint, textToNumber, shiftFormula, planCleanup, applyCleanup, formatPreview } = cleanup;

describe('text hygiene', () => {
  it.each([
    ['<p>全面完成</p>', false, '全面完成'],
    ['受疫情影响&nbsp;&nbsp;活动延期', false, '受疫情影响 活动延期'],
    ['[bookmark: OLE_LINK3]人均体检费', true, '人均体检费'],
    ['年初预算\n数', true, '年初预算数'],
    ['总\u3000分', true, '总分'],
    ['  第一行  \n\n\n  第二行 ', false, '第一行\n\n第二行'],
    ['ab\u200Bc', false, 'abc'],
  ])('%j → %j', (s, label, want) => {
    expect(cleanText(s, label)).toBe(want);
    expect(cleanText(want, label)).toBe(want);
  });
  it('normalises notation without changing meaning', () => {
    expect(normalizeNotation('＞＝９０％')).toBe('≥90%');
    expect(normalizeNotation('≦４５００元')).toBe('≤4500元');
    // Property suite seed -313019048: one pass left `≥=`, so a second clean changed it again.
    expect(normalizeNotation('>＝=')).toBe('≥');
    expect(normalizeNotation(normalizeNotation('>＝=９０'))).toBe(normalizeNotation('>＝=９０'));
    expect(normalizeNotation('１２．５％')).toBe('12.5%');
    expect(normalizeNotation('>=98%')).toBe('≥98%');
  });
  it('recognises hints and only hints', () => {
    for (const h of ['请填写偏差原因', '（填写项目名称）', '如：≥90%', 'XX项目', '示例：培训10场']) expect(isHint(h)).toBe(true);
    for (const t of ['全面完成', '请示上级后调整', '≥90%', '无']) expect(isHint(t)).toBe(false);
  });
  it('turns text numbers into numbers of the same value', () => {
    expect(textToNumber(' 6', undefined, false)).toEqual({ value: { t: 'number', v: 6 } });
    expect(textToNumber('８０', '@', false)).toEqual({ value: { t: 'number', v: 80 }, numFmt: 'General' });
    expect(textToNumber('56.67%', undefined, true)).toEqual({ value: { t: 'number', v: 0.5667 }, numFmt: '0.00%' });
    expect(textToNumber('10%', undefined, false)).toBeNull();
    expect(textToNumber('6万元', undefined, false)).toBeNull();
    expect(textToNumber('215,457.6', undefined, false)).toEqual({ value: { t: 'number', v: 215457.6 } });
  });
});

describe('formula references follow deleted rows', () => {
  it.each([
    ['SUM(H10:H20)', [15], 'SUM(H10:H19)'],
    ['SUM(H10:H20)+H25', [10, 11], 'SUM(H10:H18)+H23'],
    ['H5*2', [15], 'H5*2'],
    ["'表 1'!H20", [15], "'表 1'!H19"],
    ['LOG10(H20)&"H20"', [1], 'LOG10(H19)&"H20"'],
  ])('%s after deleting %j', (f, rows, want) => {
    expect(shiftFormula(f, 'Sheet1', f.includes("'表 1'") ? '表 1' : 'Sheet1', rows)).toBe(want);
  });
});

describe('placeholder rows', () => {
  const rows = [
    ['项目支出绩效自评表'],
    ['项目名称', '测试项目'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['产出指标', '数量指标', '培训人数', '≥100人', '120人', 50, 50, ''],
    [null, '质量指标', '无', null, null, null, null, null],
    [null, '时效指标', '/', null, null, null, null, '延期'],
    ['成本指标', '经济成本指标', '无', null, null, null, null, null],
    [null, '社会成本指标', '无', null, null, null, null, null],
    ['总分', null, null, null, null, null, { value: { t: 'number' as const, v: 50 }, formula: 'SUM(G4:G8)' }],
  ];
  const grid = { sheets: [sheetFromRows('表1', rows, [{ top: 4, left: 1, bottom: 6, right: 1 }, { top: 7, left: 1, bottom: 8, right: 1 }])] };
  const plan = planCleanup(grid);

  it('deletes a placeholder row, keeps one row per 一级 group and rows with a reason', () => {
    const deleted = plan.changes.filter((c) => c.op === 'delete-row').map((c) => c.place.type === 'row' && c.place.row);
    expect(deleted).toEqual([5, 8]);
  });
  it('repairs the merged 一级 areas and shifts the total formula', () => {
    const merges = plan.changes.filter((c) => c.op === 'resize-merge').map((c) => [c.before, c.after]);
    expect(merges).toEqual([
      ['A4:A6', 'A4:A5'],
      ['A7:A8', null],
    ]);
    const after = applyCleanup(grid, plan);
    expect(after.sheets[0].cells[7]?.[7]?.formula).toBe('SUM(G4:G6)');
    expect(planCleanup(after).changes).toEqual([]);
  });
  it('previews grouped by sheet and kind with counts', () => {
    const text = formatPreview(plan);
    expect(text).toContain('工作表「表1」');
    expect(text).toContain('删除占位指标行：4 处');
    expect(text).toContain('第 5 行：质量指标 | 无 → （删除该行）');
  });
});

describe('optional kinds and marks', () => {
  const rows = [
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['产出指标', '数量指标', '人数', '≥100人', '120人', 50, 50],
    [null, null, '场次', '≥10场', '12场', 50, 50],
  ];
  const grid = { sheets: [sheetFromRows('表1', rows, [{ top: 2, left: 1, bottom: 3, right: 1 }, { top: 2, left: 2, bottom: 3, right: 2 }])] };

  it('unmerge is off by default; when on it unmerges and fills down 一级/二级', () => {
    expect(planCleanup(grid).changes).toEqual([]);
    const plan = planCleanup(grid, { kinds: { unmerge: true } });
    expect(plan.counts.unmerge).toBe(4);
    const after = applyCleanup(grid, plan);
    expect(after.sheets[0].merges).toEqual([]);
    expect(after.sheets[0].cells[3]?.[1]?.value).toEqual({ t: 'text', v: '产出指标' });
    expect(after.sheets[0].cells[3]?.[2]?.value).toEqual({ t: 'text', v: '数量指标' });
    expect(planCleanup(after, { kinds: { unmerge: true } }).changes).toEqual([]);
  });

  it('recognises our fills and notes, and only ours', () => {
    const decorations = [
      { sheet: '表1', row: 2, col: 7, fill: cleanup.MARK_FILLS.error.toLowerCase() },
      { sheet: '表1', row: 3, col: 7, fill: 'FFFFC7CE' },
      { sheet: '表1', row: 3, col: 6, fill: 'FF00FF00', recorded: true },
      { sheet: '表1', row: 2, col: 6, note: `${cleanup.MARK_NOTE_PREFIX}得分超过分值` },
      { sheet: '表1', row: 2, col: 5, note: '审核人：请核对' },
    ];
    const plan = planCleanup({ grid, decorations });
    expect(plan.changes.map((c) => [c.op, c.place.type === 'cell' && c.place.address])).toEqual([
      ['remove-note', 'F2'],
      ['remove-fill', 'G2'],
      ['remove-fill', 'F3'],
    ]);
  });

  it('names fills by colour, never ARGB, and notes by the host\'s word (Excel 备注, WPS 批注)', () => {
    const decorations = [
      { sheet: '表1', row: 2, col: 7, fill: cleanup.MARK_FILLS.error },
      { sheet: '表1', row: 3, col: 7, fill: 'FFFFC7CE', recorded: true }, // the first add-in's error fill (Excel's 差 style)
      { sheet: '表1', row: 3, col: 6, fill: 'FF00FF00', recorded: true },
      { sheet: '表1', row: 4, col: 6, fill: 'ffffff00', recorded: true },
      { sheet: '表1', row: 2, col: 6, note: `${cleanup.MARK_NOTE_PREFIX}得分超过分值` },
    ];
    const lines = (word?: '备注' | '批注') => {
      const plan = planCleanup({ grid, decorations }, word ? { notesWord: word } : {});
      return plan.changes.map((c) => {
        const d = cleanup.describeChange(c, word);
        return `${d.place}：${d.before} → ${d.after}｜${c.reason}`;
      });
    };
    expect(lines()).toEqual([
      `F2：备注「${cleanup.MARK_NOTE_PREFIX}得分超过分值」 → （删除备注）｜清除上次运行添加的备注`,
      'G2：底色 浅红色（错误标记） → （无底色）｜清除上次运行留下的问题单元格底色',
      'F3：底色 其他颜色 → （无底色）｜清除上次运行留下的问题单元格底色',
      'G3：底色 浅红色 → （无底色）｜清除上次运行留下的问题单元格底色',
      'F4：底色 黄色 → （无底色）｜清除上次运行留下的问题单元格底色',
    ]);
    expect(lines('批注')[0]).toBe(`F2：批注「${cleanup.MARK_NOTE_PREFIX}得分超过分值」 → （删除批注）｜清除上次运行添加的批注`);
    const text = formatPreview(planCleanup({ grid, decorations }, { notesWord: '批注' }), { notesWord: '批注' });
    expect(text).toContain('G2：底色 浅红色（错误标记） → （无底色）');
    expect(text).toContain('（删除批注）');
    expect(text).not.toMatch(/FF[0-9A-F]{6}/i);
  });

  it('deletes a blank template sheet, never the last one', () => {
    const blank = sheetFromRows('模板', [['项目名称', null], ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'], ['产出指标', '数量指标', null, null, null, 10, null]]);
    const two = { sheets: [grid.sheets[0], blank] };
    expect(planCleanup(two).changes.filter((c) => c.op === 'delete-sheet').map((c) => c.place.sheet)).toEqual(['模板']);
    expect(planCleanup({ sheets: [blank] }).changes.filter((c) => c.op === 'delete-sheet')).toEqual([]);
    const referenced = { sheets: [sheetFromRows('汇总', [[{ value: { t: 'number' as const, v: 0 }, formula: "'模板'!F3" }]]), blank] };
    expect(planCleanup(referenced).changes.filter((c) => c.op === 'delete-sheet')).toEqual([]);
  });
});

describe('protected sheets', () => {
  it('are left alone', () => {
    const sheet = { ...sheetFromRows('表1', [['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'], [' 产出指标 ', '数量指标', '人数', '＞＝１００人', '120人', ' 50', 50]]), protected: true };
    expect(planCleanup({ sheets: [sheet] }).changes).toEqual([]);
    expect(planCleanup({ sheets: [{ ...sheet, protected: false }] }).changes.length).toBe(3);
  });
});
