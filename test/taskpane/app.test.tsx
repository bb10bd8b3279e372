/**
 * @jest-environment jsdom
 */
/**
 * The task pane over a stub host carrying the engine's real result for seed 002 (石鼓区总工会):
 * what it shows, what it calls, and how it reports failures.
 */
import './jsdom-polyfills';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { WorkbookResult } from '../../src/core';
import { AddinError, DEFAULT_SETTINGS } from '../../src/core';
import { App } from '../../src/taskpane/App';
import { reportCommandFailure } from '../../src/taskpane/host-singleton';
import { checkReportOf, exampleResult, writeReportOf } from './reports';
import { cellEditError, StubHost } from './stub-host';

// jsdom has no ResizeObserver; Fluent's MessageBar observes its own width (reflow).
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;

let seed002: WorkbookResult;
beforeAll(async () => {
  seed002 = await exampleResult('seed002-shigu.xlsx');
});

function newHost(): StubHost {
  return new StubHost(checkReportOf(seed002), writeReportOf(seed002, { highlighted: 6 }), { restored: 8, skipped: [] });
}

async function renderPane(host: StubHost, autoCheck = true) {
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} autoCheck={autoCheck} />
    </FluentProvider>,
  );
  if (autoCheck) await screen.findAllByTestId('table-card');
  return utils;
}

const card = (name: string): HTMLElement => screen.getAllByTestId('table-card').find((c) => c.getAttribute('aria-label') === name)!;
const methods = (host: StubHost): string[] => host.calls.map((c) => c[0]);

describe('task pane', () => {
  it('checks on opening (read only) and shows the summary: tables per sheet, problems by severity', async () => {
    const host = newHost();
    await renderPane(host);
    expect(methods(host)).toEqual(['loadSettings', 'capabilities', 'canUndo', 'check', 'canUndo']);
    expect(methods(host)).not.toContain('score');
    expect(screen.getByText('共 5 张工作表，识别出 5 张表')).toBeTruthy();
    expect(within(screen.getByTestId('sheet-list')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '部门整体：1 张表',
      '劳模服务：1 张表',
      '双联工作：1 张表',
      '省级困难帮扶和送温暖：1 张表',
      '基础数据表：1 张表',
    ]);
    const { error, warning, info } = host.checkReport.counts;
    expect([error, info]).toEqual([4, 4]);
    expect(screen.getByTestId('severity-counts').textContent).toBe(`错误 4警告 ${warning}提示 4`);
  });

  it('shows seed 002’s figures on the 劳模服务 card: execution, total beside stated, grade', async () => {
    await renderPane(newHost());
    const c = card('劳模服务');
    expect(within(c).getByText('劳模服务!A1:I23 · 项目支出绩效自评表')).toBeTruthy();
    expect(within(c).getByTestId('execution').textContent).toBe('预算 6，执行 3.4，执行率 56.67%，得分 5.67 / 10，扣分 4.33');
    expect(within(c).getByTestId('total').textContent).toBe('计算 95.67，表中 90');
    expect(within(c).getByTestId('grade').textContent).toBe('优');
    // The 基础数据表 has no total or grade.
    expect(within(card('部门整体支出绩效评价基础数据表')).queryByTestId('total')).toBeNull();
  });

  it('expands a card into its indicator rows with computed and stated scores and the method in words', async () => {
    await renderPane(newHost());
    const c = card('劳模服务');
    const indicators = seed002.tables[1].indicators;
    fireEvent.click(within(c).getByRole('button', { name: `展开指标明细（${indicators.length} 项）` }));
    const rows = within(within(c).getByRole('list', { name: '劳模服务 指标明细' })).getAllByRole('listitem');
    expect(rows).toHaveLength(indicators.length);
    const qualitative = indicators.findIndex((i) => i.method === 'qualitative');
    expect(qualitative).toBeGreaterThanOrEqual(0);
    expect(rows[qualitative].textContent).toContain('定性指标：按完成情况分档（达成/部分达成/未达成）计分');
    const positive = indicators.findIndex((i) => i.method === 'positive');
    if (positive >= 0) expect(rows[positive].textContent).toContain('正向指标');
    const i0 = indicators[0];
    expect(rows[0].textContent).toContain(`劳模服务!${i0.scoreCell}`);
    expect(within(c).getByRole('button', { name: '收起指标明细' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('计分并写回 writes with the workbook’s settings, says what was written, and 撤销本次写回 undoes it', async () => {
    const host = newHost();
    host.settings = { ...DEFAULT_SETTINGS, profile: 'hubei' };
    await renderPane(host);
    const undo = screen.getByRole('button', { name: '撤销本次写回' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '计分并写回' }));
    expect(await screen.findByText('已写入 8 个单元格，标记 6 个问题单元格。')).toBeTruthy();
    expect(host.calls.find((c) => c[0] === 'score')).toEqual(['score', host.settings]);
    await waitFor(() => expect(undo.disabled).toBe(false));
    // The stated figures the write replaced are shown as replaced, not as still wrong.
    expect(within(card('劳模服务')).getByTestId('total').textContent).toBe('计算 95.67，表中原为 90，已更新');
    fireEvent.click(undo);
    expect(await screen.findByText('已撤销本次写回，恢复 8 个单元格。')).toBeTruthy();
    expect(within(card('劳模服务')).getByTestId('total').textContent).toBe('计算 95.67，表中 90');
    expect(screen.getByTestId('stale')).toBeTruthy();
    expect(methods(host)).toContain('undo');
  });

  it('reports cells changed since the read and protected sheets instead of overwriting them', async () => {
    const host = newHost();
    host.writeReport = writeReportOf(seed002, {
      written: 5,
      changedSinceRead: [{ sheet: '劳模服务', cell: 'H23', message: '计算后被改为 91，未覆盖' }],
      // (双联工作!H23 is on a protected sheet: not written either)
      protectedSheets: ['双联工作'],
      notesUnavailable: '当前 Excel 不支持批注（需要 ExcelApi 1.18）',
    });
    await renderPane(host);
    fireEvent.click(screen.getByRole('button', { name: '计分并写回' }));
    const notice = await screen.findByTestId('notice');
    expect(within(notice).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '以下 1 个单元格在计算后被修改，未覆盖，请重新计分：',
      '劳模服务!H23：计算后被改为 91，未覆盖',
      '工作表受保护，未写入：双联工作。请撤销工作表保护后重新计分。',
      '未添加批注：当前 Excel 不支持批注（需要 ExcelApi 1.18）',
    ]);
    // Cells left alone keep their stated figure, in red; a written one says it was updated.
    expect(within(card('劳模服务')).getByTestId('total').textContent).toBe('计算 95.67，表中 90');
    expect(within(card('双联工作')).getByTestId('total').textContent).toBe('计算 100，表中 90');
    expect(within(card('省级困难帮扶和送温暖')).getByTestId('total').textContent).toBe('计算 100，表中原为 90，已更新');
  });

  it('lists findings by severity; a click selects the finding’s cell', async () => {
    const host = newHost();
    await renderPane(host);
    const errors = screen.getByRole('group', { name: '错误（4）' });
    const first = within(errors).getAllByRole('button')[0];
    expect(first.textContent).toContain('劳模服务!H23');
    fireEvent.click(first);
    await waitFor(() => expect(host.calls.filter((c) => c[0] === 'select')).toEqual([['select', '劳模服务', 'H23']]));
  });

  it('moves between findings with the arrow keys', async () => {
    await renderPane(newHost());
    const buttons = within(screen.getByRole('group', { name: '错误（4）' })).getAllByRole('button');
    buttons[0].focus();
    fireEvent.keyDown(buttons[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(buttons[1], { key: 'End' });
    expect(document.activeElement).toBe(buttons[3]);
    fireEvent.keyDown(buttons[3], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(buttons[2]);
  });

  it('filters findings by severity and by table', async () => {
    await renderPane(newHost());
    expect(screen.getByRole('group', { name: '提示（4）' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提示 4' }));
    expect(screen.queryByRole('group', { name: '提示（4）' })).toBeNull();
    fireEvent.change(screen.getByLabelText('按表筛选'), { target: { value: '1' } });
    expect(screen.getByRole('group', { name: '错误（1）' })).toBeTruthy();
    expect(screen.getByRole('group', { name: '警告（4）' })).toBeTruthy();
    const shown = screen.getAllByRole('button', { name: /^劳模服务!/ });
    expect(shown).toHaveLength(5);
  });

  it('shows an Excel error in Chinese with its code, and the pane stays usable', async () => {
    const host = newHost();
    host.failures = { check: cellEditError() };
    await renderPane(host, false);
    fireEvent.click(screen.getByRole('button', { name: '检查' }));
    const err = await screen.findByTestId('error');
    expect(err.textContent).toContain('Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑，再重试。（错误代码 InvalidOperationInCellEditMode）');
    delete host.failures.check;
    fireEvent.click(screen.getByRole('button', { name: '检查' }));
    await screen.findAllByTestId('table-card');
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('turns a non-AddinError rejection into a message (no unhandled rejection)', async () => {
    const host = newHost();
    host.failures = { loadSettings: new TypeError('x is undefined') };
    await renderPane(host, false);
    expect((await screen.findByTestId('error')).textContent).toContain('发生意外错误：x is undefined（错误代码 Unexpected）');
  });

  it('shows the stages 读取 → 计算 with counts while a check runs', async () => {
    const host = newHost();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = host.check.bind(host);
    host.check = async (s, onProgress) => {
      onProgress?.({ stage: 'read', done: 2, total: 5 });
      await gate;
      return real(s, onProgress);
    };
    await renderPane(host, false);
    fireEvent.click(screen.getByRole('button', { name: '检查' }));
    const progress = await screen.findByTestId('progress');
    expect(progress.textContent).toContain('读取→ 计算');
    expect(progress.textContent).toContain('读取：2 / 5 张工作表');
    expect((screen.getByRole('button', { name: '计分并写回' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release());
    await screen.findAllByTestId('table-card');
    expect(screen.queryByTestId('progress')).toBeNull();
  });

  it('says the results are out of date after an edit and offers 重新检查', async () => {
    const host = newHost();
    await renderPane(host);
    act(() => host.emit({ type: 'stale' }));
    const banner = await screen.findByTestId('stale');
    expect(banner.textContent).toContain('工作簿在检查后有改动，以下结果可能已过时。');
    fireEvent.click(within(banner).getByRole('button', { name: '重新检查' }));
    await waitFor(() => expect(screen.queryByTestId('stale')).toBeNull());
    expect(methods(host).filter((m) => m === 'check')).toHaveLength(2);
  });

  it('follows a ribbon recompute in the shared runtime (host events) and shows a ribbon command’s failure', async () => {
    const host = newHost();
    await renderPane(host);
    act(() => host.emit({ type: 'written', report: writeReportOf(seed002) }));
    expect(await screen.findByText('已写入 8 个单元格。')).toBeTruthy();
    act(() => reportCommandFailure({ command: 'scoreWorkbook', error: new AddinError('AccessDenied', '工作表受保护，无法写入。') }));
    expect((await screen.findByTestId('error')).textContent).toContain('“重新计分”失败：工作表受保护，无法写入。（错误代码 AccessDenied）');
  });

  it('saves settings in the workbook and explains why notes are unavailable', async () => {
    const host = newHost();
    host.caps = { notes: false, mergeUndo: false };
    await renderPane(host);
    fireEvent.change(screen.getByRole('combobox', { name: '计分方案' }), { target: { value: 'mof-2017' } });
    await waitFor(() => expect(host.settings.profile).toBe('mof-2017'));
    expect(screen.getByTestId('stale').textContent).toContain('设置已更改');
    const year = screen.getByRole('textbox', { name: /评价年度/ });
    fireEvent.change(year, { target: { value: '2023' } });
    fireEvent.blur(year);
    await waitFor(() => expect(host.settings.year).toBe(2023));
    fireEvent.change(year, { target: { value: '23' } });
    fireEvent.blur(year);
    expect(screen.getByText('请输入 2000–2100 之间的四位年份，或留空。')).toBeTruthy();
    expect(host.settings.year).toBe(2023);
    fireEvent.click(screen.getByRole('checkbox', { name: /写回时标记问题单元格/ }));
    await waitFor(() => expect(host.settings.highlight).toBe(false));
    const notes = screen.getByRole('checkbox', { name: /添加批注/ }) as HTMLInputElement;
    expect(notes.disabled).toBe(true);
    expect(screen.getByTestId('notes-unavailable').textContent).toContain('需要 ExcelApi 1.18');
  });

  it('says what it looks for when the workbook has no recognisable table', async () => {
    const empty: WorkbookResult = { tables: [], plan: [], sheetsWithoutTables: ['Sheet1'], blockedByProtection: [] } as unknown as WorkbookResult;
    const host = new StubHost(checkReportOf(empty), writeReportOf(empty));
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
      </FluentProvider>,
    );
    expect(await screen.findByText('没有找到可识别的自评表。')).toBeTruthy();
    expect(screen.getByText(/全年执行数/)).toBeTruthy();
  });
});
