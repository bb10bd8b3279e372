/**
 * @jest-environment jsdom
 */
/**
 * The task pane over a stub host carrying the engine's real result for seed 002 (石鼓区总工会):
 * what it shows, in which order, what it calls, and when it refuses to.
 */
import './jsdom-polyfills';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Button, FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { AddinSettings, WorkbookResult, WriteReport } from '../../src/core';
import { AddinError, DEFAULT_SETTINGS, optionsOf, type CheckOptions, type ProgressListener } from '../../src/core';
import { reportOutcome, requestView, trackCommand } from '../../src/runtime';
import { App } from '../../src/taskpane/App';
import { Root } from '../../src/taskpane/Root';
import { themeKindOf } from '../../src/taskpane/theme';
import { checkReportOf, exampleResult, writeReportOf, writtenReport } from './reports';
import { cellEditError, StubHost } from './stub-host';

// jsdom has no ResizeObserver; Fluent's MessageBar observes its own width (reflow).
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;

let seed002: WorkbookResult;
/** 计分并写回 on seed 002 as the host reports it: the workbook as written, 8 cells, 7 corrected. */
let written002: WriteReport;
beforeAll(async () => {
  seed002 = await exampleResult('seed002-shigu.xlsx');
  written002 = await writtenReport('seed002-shigu.xlsx', { highlighted: 6 });
});

function newHost(): StubHost {
  return new StubHost(checkReportOf(seed002), written002, { restored: 14, skipped: [] });
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

const card = (name: string): HTMLElement => screen.getAllByTestId('table-card').find((c) => c.getAttribute('data-table') === name)!;
const methods = (host: StubHost): string[] => host.calls.map((c) => c[0]);
const button = (name: string): HTMLButtonElement => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('opening and settings', () => {
  it('reads the workbook’s settings first, then checks (read only)', async () => {
    const host = newHost();
    await renderPane(host);
    expect(methods(host)).toEqual(['loadSettings', 'capabilities', 'canUndo', 'check', 'canUndo']);
    expect(screen.getByRole('heading', { level: 2, name: '识别出 5 张表' })).toBeTruthy();
    expect(screen.getByTestId('severity-counts').textContent).toBe('错误 4警告 13提示 4');
  });

  it('writes nothing, and checks nothing, before the workbook’s settings are loaded', async () => {
    const host = newHost();
    host.settings = { ...DEFAULT_SETTINGS, profile: 'hubei', highlight: false };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = host.loadSettings.bind(host);
    host.loadSettings = async () => {
      await gate;
      return load();
    };
    await renderPane(host, false);
    expect(screen.getByText('正在读取本工作簿的设置…')).toBeTruthy();
    expect(button('计分并写回').disabled).toBe(true);
    expect(button('检查').disabled).toBe(true);
    fireEvent.click(button('计分并写回'));
    fireEvent.click(button('检查'));
    expect(methods(host)).not.toContain('score');
    expect(methods(host)).not.toContain('check');
    await act(async () => release());
    await waitFor(() => expect(button('计分并写回').disabled).toBe(false));
    fireEvent.click(button('计分并写回'));
    await screen.findByTestId('notice');
    expect(host.calls.filter((c) => c[0] === 'score')).toEqual([['score', host.settings]]);
    expect(host.calls.filter((c) => c[0] === 'score')[0][1]).toMatchObject({ profile: 'hubei', highlight: false });
  });

  it('settings that cannot be read: says why, offers 重试, and still writes nothing', async () => {
    const host = newHost();
    host.failures = { loadSettings: new AddinError('GeneralException', '无法读取工作簿设置') };
    await renderPane(host, false);
    const err = await screen.findByTestId('error');
    expect(err.textContent).toContain('无法读取本工作簿的设置，暂不能检查或写回：无法读取工作簿设置（错误代码 GeneralException）');
    expect(button('计分并写回').disabled).toBe(true);
    delete host.failures.loadSettings;
    fireEvent.click(within(err).getByRole('button', { name: '重试' }));
    await waitFor(() => expect(button('计分并写回').disabled).toBe(false));
    expect(screen.queryByTestId('error')).toBeNull();
    expect(methods(host)).not.toContain('score');
  });

  it('saves settings in the workbook; the bar saying results are out of date appears in the settings', async () => {
    const host = newHost();
    host.caps = { notes: false, mergeUndo: false, notesWord: '备注' };
    await renderPane(host);
    const settings = screen.getByRole('region', { name: '设置（保存在本工作簿中）' });
    fireEvent.change(within(settings).getByRole('combobox', { name: '计分方案' }), { target: { value: 'mof-2017' } });
    await waitFor(() => expect(host.settings.profile).toBe('mof-2017'));
    expect(within(settings).getByTestId('settings-changed').textContent).toContain('设置已更改');
    fireEvent.click(within(settings).getByRole('button', { name: '重新检查' }));
    await waitFor(() => expect(screen.queryByTestId('settings-changed')).toBeNull());
    expect(host.calls.filter((c) => c[0] === 'check').at(-1)).toEqual(['check', { ...DEFAULT_SETTINGS, profile: 'mof-2017' }]);
    const year = within(settings).getByRole('textbox', { name: /评价年度/ });
    fireEvent.change(year, { target: { value: '23' } });
    fireEvent.blur(year);
    expect(screen.getByText('请输入 2000–2100 之间的四位年份，或留空。')).toBeTruthy();
    const notes = within(settings).getByRole('checkbox', { name: /添加备注/ }) as HTMLInputElement;
    expect(notes.disabled).toBe(true);
    expect(screen.getByTestId('notes-unavailable').textContent).toContain('需要 ExcelApi 1.18');
  });

  it('says the host\'s word for notes: WPS 批注 in the settings and after 清除标记', async () => {
    const host = newHost();
    host.caps = { notes: true, mergeUndo: false, notesWord: '批注' };
    await renderPane(host);
    const settings = screen.getByRole('region', { name: '设置（保存在本工作簿中）' });
    expect(within(settings).getByRole('checkbox', { name: /^添加批注（/ })).toBeTruthy();
    expect(within(settings).queryByRole('checkbox', { name: /备注/ })).toBeNull();
    expect(screen.getByTestId('legend').textContent).toContain('只去掉本加载项添加的底色和批注。');
    fireEvent.click(button('清除标记'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已清除 3 处本加载项添加的标记（底色和批注）。');
    expect(document.body.textContent).not.toContain('备注');
  });
});

describe('what the pane shows', () => {
  it('per table: total and grade first, then budget execution, then the details', async () => {
    await renderPane(newHost());
    const c = card('劳模服务');
    expect(within(c).getByRole('heading', { level: 3 }).textContent).toBe('劳模服务');
    expect(within(c).getByTestId('total').textContent).toBe('95.67 分');
    expect(within(c).getByTestId('grade').textContent).toBe('优');
    expect(within(c).getByTestId('changed').textContent).toBe('（表中为 总分 90）');
    expect(within(c).getByTestId('execution').textContent).toBe('执行率 56.67%，得分 5.67 / 10，扣 4.33 分');
    expect(within(c).getByTestId('amounts').textContent).toBe('6 / 3.4');
    const order = ['headline', 'changed', 'execution'].map((id) => within(c).getByTestId(id));
    for (let i = 1; i < order.length; i++) expect(order[i - 1].compareDocumentPosition(order[i]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(card('部门整体支出绩效评价基础数据表')).queryByTestId('total')).toBeNull();
    fireEvent.click(within(c).getByRole('button', { name: /^展开指标明细/ }));
    const rows = within(within(c).getByRole('list', { name: '劳模服务 指标明细' })).getAllByRole('listitem');
    expect(rows).toHaveLength(seed002.tables[1].indicators.length);
    expect(rows.map((r) => r.textContent).join('')).toContain('定性指标：按完成情况分档（达成/部分达成/未达成）计分');
  });

  it('names every finding’s rule in Chinese; the id is only in a tooltip', async () => {
    await renderPane(newHost());
    const errors = screen.getByRole('group', { name: '错误（4）' });
    const first = within(errors).getAllByRole('button')[0];
    expect(first.textContent).toBe('劳模服务!H23 总分不符：总分应为 95.67（指标得分 90 + 预算执行率得分 5.67），表中为 90');
    expect(within(first).getByTitle('规则编号：total-mismatch').textContent).toBe('总分不符');
    const text = document.body.textContent ?? '';
    for (const rule of new Set(seed002.tables.flatMap((t) => t.findings.map((f) => f.rule)))) expect(text).not.toContain(rule);
  });

  it('a workbook without a 自评表 is a calm empty state with examples, and 计分并写回 is not the primary action', async () => {
    const empty = { tables: [], plan: [], sheetsWithoutTables: ['Sheet1'], blockedByProtection: [], marks: [], notes: [] } as unknown as WorkbookResult;
    const host = new StubHost(checkReportOf(empty), writeReportOf(empty));
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
        <Button appearance="primary">参照</Button>
        <Button appearance="secondary">参照二</Button>
      </FluentProvider>,
    );
    const state = await screen.findByTestId('empty-state');
    expect(within(state).getByRole('heading', { level: 2 }).textContent).toBe('本工作簿中没有自评表');
    expect(state.textContent).toContain('年度指标值');
    expect(within(state).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['examples/seed002-shigu.xlsx', 'examples/seed003-jinzhong.xlsx', 'examples/seed004-liangzhou.xlsx']);
    expect(screen.queryByTestId('error')).toBeNull();
    expect(container.textContent).not.toContain('出错了');
    expect(button('检查').className).toBe(button('参照').className);
    expect(button('计分并写回').className).toBe(button('参照二').className);
  });
});

describe('walking through problems', () => {
  it('上一个 / 下一个 move through the open problems and select each one’s cell', async () => {
    const host = newHost();
    await renderPane(host);
    const walker = screen.getByTestId('walker');
    expect(within(walker).getByRole('heading').textContent).toBe('第 1 / 21 个问题');
    expect((within(walker).getByRole('button', { name: '上一个' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(walker).getByRole('button', { name: '下一个' }));
    expect(within(walker).getByRole('heading').textContent).toBe('第 2 / 21 个问题');
    expect(within(walker).getByTestId('walker-message').textContent).toBe('总分应为 100（指标得分 90 + 预算执行率得分 10），表中为 90');
    await waitFor(() => expect(host.calls.filter((c) => c[0] === 'select').at(-1)).toEqual(['select', '双联工作', 'H23']));
    fireEvent.click(within(walker).getByRole('button', { name: '上一个' }));
    await waitFor(() => expect(host.calls.filter((c) => c[0] === 'select').at(-1)).toEqual(['select', '劳模服务', 'H23']));
    // A click in the list moves the walker there too.
    const info = within(screen.getByRole('group', { name: '提示（4）' })).getAllByRole('button')[0];
    fireEvent.click(info);
    expect(within(walker).getByRole('heading').textContent).toBe('第 18 / 21 个问题');
  });

  it('更正此项 writes that one cell: score with `only`, and says it is corrected', async () => {
    const host = newHost();
    host.settings = { ...DEFAULT_SETTINGS, profile: 'hubei' };
    await renderPane(host);
    fireEvent.click(within(screen.getByTestId('walker')).getByRole('button', { name: '更正此项' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('已更正 劳模服务!H23。');
    expect(host.calls.filter((c) => c[0] === 'score')).toEqual([['score', host.settings, { only: [{ sheet: '劳模服务', cell: 'H23' }] }]]);
  });

  it('offers 更正此项 only where the planned value fixes the finding', async () => {
    await renderPane(newHost());
    const walker = screen.getByTestId('walker');
    const warnings = within(screen.getByRole('group', { name: '警告（13）' })).getAllByRole('button');
    // The rate cell 劳模服务!G8 is planned, but writing the rate does not explain a low rate.
    fireEvent.click(warnings.find((b) => b.textContent!.startsWith('劳模服务!G8'))!);
    expect(within(walker).getByText('执行率偏低未说明原因')).toBeTruthy();
    expect(within(walker).queryByRole('button', { name: '更正此项' })).toBeNull();
    // 劳模服务!H8: the execution score is missing and planned.
    fireEvent.click(warnings.find((b) => b.textContent!.startsWith('劳模服务!H8'))!);
    expect(within(walker).getByRole('button', { name: '更正此项' })).toBeTruthy();
    // Not planned at all (资金总额行未填写金额 at E8): nothing to write.
    fireEvent.click(warnings.find((b) => b.textContent!.startsWith('劳模服务!E8'))!);
    expect(within(walker).queryByRole('button', { name: '更正此项' })).toBeNull();
  });
});

describe('writing and undoing', () => {
  it('计分并写回: the findings it fixed are no longer problems but 已更正 (with what was wrong), figures say 已更正, 撤销本次写回 brings back the figures as they were', async () => {
    const host = newHost();
    await renderPane(host);
    expect(button('撤销本次写回').disabled).toBe(true);
    fireEvent.click(button('计分并写回'));
    expect(await screen.findByText('已写入 8 个单元格，标记 6 个问题单元格。')).toBeTruthy();
    await waitFor(() => expect(button('撤销本次写回').disabled).toBe(false));
    // Open problems are the workbook as written: the total mismatches are gone.
    expect(screen.getByTestId('severity-counts').textContent).toBe('错误 1警告 9提示 4已更正 7');
    expect(screen.queryByRole('button', { name: /总分不符：/ })).toBeNull();
    const fixed = within(screen.getByRole('group', { name: '已更正（7）' })).getAllByRole('button');
    expect(fixed.map((b) => b.textContent)).toContain('劳模服务!H23 总分不符：已写入计算值（原：总分应为 95.67（指标得分 90 + 预算执行率得分 5.67），表中为 90）');
    expect(within(fixed[0]).getByTitle(/^规则编号：/)).toBeTruthy();
    fireEvent.click(fixed.find((b) => b.textContent!.startsWith('劳模服务!H23'))!);
    await waitFor(() => expect(host.calls.filter((c) => c[0] === 'select').at(-1)).toEqual(['select', '劳模服务', 'H23']));
    // 劳模服务!G8 was written but its low-execution warning stays open: written, not corrected.
    expect(within(screen.getByRole('group', { name: '警告（9）' })).getAllByRole('button').map((b) => b.textContent)).toContain(
      '劳模服务!G8 执行率偏低未说明原因：预算执行率 56.67%（全年执行数 3.4 ÷ 全年预算数 6）低于 90%，表中未说明原因，应在偏差原因分析中说明执行率偏低的原因及改进措施',
    );
    expect(within(card('劳模服务')).getByTestId('changed').textContent).toBe('（表中原为 总分 90，已更正）');
    // The rate cell was empty (the stated rate sat on a sub-row): written, and still a finding on it.
    expect(within(card('劳模服务')).getByTestId('execution').textContent).toBe('执行率 56.67%（表中原未填，已写入），得分 5.67 / 10，扣 4.33 分');
    expect(within(card('石鼓区总工会')).getByTestId('execution').textContent).toBe('执行率 100.00%（表中原未填，已更正），得分 10 / 10，扣 0 分');
    expect(within(screen.getByTestId('legend')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['错误：浅红色', '警告：浅黄色', '提示：浅蓝色', '已更正：浅绿色']);
    fireEvent.click(button('撤销本次写回'));
    expect(await screen.findByText('已撤销本次写回：14 个单元格（写入的值和标记）恢复到写回前。')).toBeTruthy();
    expect(within(card('劳模服务')).getByTestId('changed').textContent).toBe('（表中为 总分 90）');
    expect(screen.getByTestId('severity-counts').textContent).toBe('错误 4警告 13提示 4');
    expect(screen.queryByTestId('stale')).toBeNull();
  });

  it('reports cells changed since the read and protected sheets instead of overwriting them', async () => {
    const host = newHost();
    host.writeReport = writeReportOf(seed002, {
      written: 1,
      writtenCells: [{ sheet: '省级困难帮扶和送温暖', cell: 'H23' }],
      corrected: [{ sheet: '省级困难帮扶和送温暖', cell: 'H23' }],
      changedSinceRead: [{ sheet: '劳模服务', cell: 'H23', message: '计算后被改为 91，未覆盖' }],
      protectedSheets: ['双联工作'],
      notesUnavailable: '当前 Excel 不支持备注接口（需要 ExcelApi 1.18），未添加备注',
    });
    await renderPane(host);
    fireEvent.click(button('计分并写回'));
    const notice = await screen.findByTestId('notice');
    expect(within(notice).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '以下 1 个单元格在计算后被修改，未覆盖，请再点“计分并写回”：',
      '劳模服务!H23：计算后被改为 91，未覆盖',
      '工作表受保护，未写入：双联工作。请撤销工作表保护后再点“计分并写回”。',
      '当前 Excel 不支持备注接口（需要 ExcelApi 1.18），未添加备注',
    ]);
    expect(within(card('劳模服务')).getByTestId('changed').textContent).toBe('（表中为 总分 90）');
    expect(within(card('双联工作')).getByTestId('changed').textContent).toBe('（表中为 总分 90）');
    expect(within(card('省级困难帮扶和送温暖')).getByTestId('changed').textContent).toBe('（表中原为 总分 90，已更正）');
  });

  it('announces results in a live region', async () => {
    const host = newHost();
    await renderPane(host);
    fireEvent.click(button('计分并写回'));
    await screen.findByTestId('notice');
    await waitFor(() => {
      const live = [...document.querySelectorAll('[aria-live]')].map((el) => [...el.querySelectorAll('span')].map((s) => (s as HTMLElement & { innerText?: string }).innerText ?? s.textContent).join(''));
      expect(live.join(' ')).toContain('已写入 8 个单元格');
    });
  });
});

describe('keyboard', () => {
  it('each list of findings is one Tab stop; the arrow keys move inside it', async () => {
    await renderPane(newHost());
    for (const name of ['错误（4）', '警告（13）', '提示（4）']) {
      const buttons = within(screen.getByRole('group', { name })).getAllByRole('button');
      expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    }
    const buttons = within(screen.getByRole('group', { name: '错误（4）' })).getAllByRole('button');
    buttons[0].focus();
    fireEvent.keyDown(buttons[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, 0, -1, -1]);
    fireEvent.keyDown(buttons[1], { key: 'End' });
    expect(document.activeElement).toBe(buttons[3]);
    fireEvent.keyDown(buttons[3], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(buttons[2]);
    fireEvent.keyDown(buttons[2], { key: 'Home' });
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('every clickable item is a focusable control (clean-up changes included)', async () => {
    await renderPane(newHost());
    for (const el of document.querySelectorAll('[onclick], li')) {
      if (el.tagName === 'LI') expect(el.getAttribute('onclick')).toBeNull();
    }
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['识别出 5 张表', '各表得分', '发现的问题', '单元格标记', '设置（保存在本工作簿中）']);
  });
});

describe('the ribbon, errors and views', () => {
  it('shows what a ribbon command did and a ribbon command’s failure, labelled with its name', async () => {
    const host = newHost();
    await renderPane(host);
    act(() => reportOutcome({ command: 'scoreWorkbook', notice: { intent: 'success', title: '已写入 1 个单元格。', lines: [] } }));
    expect((await screen.findByTestId('notice')).textContent).toContain('已写入 1 个单元格。');
    act(() => reportOutcome({ command: 'scoreWorkbook', error: new AddinError('AccessDenied', '工作表受保护，无法写入。') }));
    expect((await screen.findByTestId('error')).textContent).toContain('“计分并写回”失败：工作表受保护，无法写入。（错误代码 AccessDenied）');
  });

  it('opened by a ribbon command that is still running, the pane waits for its result instead of checking again', async () => {
    const host = newHost();
    let finish!: () => void;
    const running = trackCommand(() => new Promise<void>((r) => (finish = r)));
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
      </FluentProvider>,
    );
    await waitFor(() => expect(methods(host)).toContain('canUndo'));
    expect(methods(host)).not.toContain('check');
    await act(async () => {
      await host.score();
      finish();
      await running;
    });
    await screen.findAllByTestId('table-card');
    expect(methods(host).filter((m) => m === 'check')).toEqual([]);
    expect(screen.getByTestId('severity-counts').textContent).toBe('错误 1警告 9提示 4已更正 7');
  });

  it('an error from an earlier command does not stay on the clean-up view', async () => {
    const host = newHost();
    await renderPane(host);
    act(() => reportOutcome({ command: 'clearMarks', error: cellEditError() }));
    await screen.findByTestId('error');
    act(() => requestView('cleanup'));
    await screen.findByTestId('cleanup-view');
    expect(screen.queryByTestId('error')).toBeNull();
    expect(document.body.textContent).not.toContain('单元格编辑状态');
    fireEvent.click(await screen.findByRole('button', { name: '返回' }));
    await screen.findAllByTestId('table-card');
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('shows an Excel error in Chinese with its code, and the pane stays usable', async () => {
    const host = newHost();
    await renderPane(host);
    host.failures = { check: cellEditError() };
    fireEvent.click(button('检查'));
    const err = await screen.findByTestId('error');
    expect(err.textContent).toContain('Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑，再重试。（错误代码 InvalidOperationInCellEditMode）');
    delete host.failures.check;
    fireEvent.click(button('检查'));
    await waitFor(() => expect(screen.queryByTestId('error')).toBeNull());
  });

  it('says the results are out of date after an edit and offers 重新检查', async () => {
    const host = newHost();
    await renderPane(host);
    act(() => host.emit({ type: 'stale' }));
    const banner = await screen.findByTestId('stale');
    fireEvent.click(within(banner).getByRole('button', { name: '重新检查' }));
    await waitFor(() => expect(screen.queryByTestId('stale')).toBeNull());
    expect(methods(host).filter((m) => m === 'check')).toHaveLength(2);
  });

  it('shows the stages 读取 → 计算 with counts while a check runs', async () => {
    const host = newHost();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = host.check.bind(host);
    host.check = async (s?: AddinSettings | null, options?: CheckOptions | ProgressListener) => {
      optionsOf<CheckOptions>(options).onProgress?.({ stage: 'read', done: 2, total: 5 });
      await gate;
      return real(s, options);
    };
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
      </FluentProvider>,
    );
    const progress = await screen.findByTestId('progress');
    expect(progress.textContent).toContain('读取：2 / 5 张工作表');
    expect(button('计分并写回').disabled).toBe(true);
    await act(async () => release());
    await screen.findAllByTestId('table-card');
    expect(screen.queryByTestId('progress')).toBeNull();
  });
});

describe('theme', () => {
  it('is dark when the Office theme is dark', () => {
    expect(themeKindOf({ bodyBackgroundColor: '#262626' })).toBe('dark');
    expect(themeKindOf({ bodyBackgroundColor: '#FFFFFF' })).toBe('light');
    expect(themeKindOf({ bodyBackgroundColor: '#E6E6E6' })).toBe('light');
    expect(themeKindOf(undefined)).toBe('light');
  });

  it('renders the pane in Fluent’s dark theme when the host says Office is dark', async () => {
    const host = newHost();
    render(<Root host={host} theme={Promise.resolve('dark')} />);
    await screen.findAllByTestId('table-card');
    await waitFor(() => expect(document.documentElement.style.colorScheme).toBe('dark'));
    // FluentProvider writes the theme's tokens as CSS variables (through the CSSOM).
    const css = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n');
    expect(css).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
    expect(css).not.toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1}`);
  });
});
