/**
 * @jest-environment jsdom
 */
/**
 * The pane's 导出审核汇总: in the actions, a choice of 新工作表 / 新工作簿, the host's outcome
 * sentence, the failure in words with its code; waits for the workbook's settings.
 */
import './jsdom-polyfills';
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { WorkbookResult } from '../../src/core';
import { AddinError, DEFAULT_SETTINGS } from '../../src/core';
import { App } from '../../src/taskpane/App';
import { ExportSummary } from '../../src/taskpane/components/ExportSummary';
import { checkReportOf, exampleResult, writtenReport } from './reports';
import { StubHost } from './stub-host';

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;

let seed002: WorkbookResult;
let host: StubHost;
beforeAll(async () => void (seed002 = await exampleResult('seed002-shigu.xlsx')));
beforeEach(async () => void (host = new StubHost(checkReportOf(seed002), await writtenReport('seed002-shigu.xlsx'))));

const button = (name: string): HTMLButtonElement => screen.getByRole('button', { name }) as HTMLButtonElement;

function renderExport(settings = DEFAULT_SETTINGS, disabled = false) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <ExportSummary host={host} settings={settings} disabled={disabled} />
    </FluentProvider>,
  );
}

describe('导出审核汇总 in the pane', () => {
  it('新工作表: asks the host with the settings, shows what was made', async () => {
    renderExport();
    expect(screen.queryByRole('button', { name: '新工作表' })).toBeNull();
    fireEvent.click(button('导出审核汇总'));
    expect(button('导出审核汇总').getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(button('新工作表'));
    const done = await screen.findByTestId('export-done');
    expect(done.textContent).toBe('已导出审核汇总已新建工作表 “审核汇总”、“审核问题”：2 张表（1 张有错误），问题 3 条（错误 1，警告 2，提示 0）。原有工作表未改动。');
    expect(host.calls.filter((c) => c[0] === 'exportSummary')).toEqual([['exportSummary', { target: 'sheet', settings: DEFAULT_SETTINGS }]]);
    expect(screen.queryByRole('button', { name: '新工作表' })).toBeNull();
  });

  it('新工作簿: the host is asked for a workbook', async () => {
    renderExport();
    fireEvent.click(button('导出审核汇总'));
    fireEvent.click(button('新工作簿'));
    expect((await screen.findByTestId('export-done')).textContent).toContain('已新建工作簿（工作表 “汇总”、“问题”、“说明”）');
    expect(host.calls.find((c) => c[0] === 'exportSummary')?.[1]).toEqual({ target: 'workbook', settings: DEFAULT_SETTINGS });
  });

  it('a failure is shown in words with the code; 取消 closes the choice', async () => {
    host.failures.exportSummary = new AddinError('NoTables', '未找到可识别的绩效自评表（已检查 1 个工作表），未导出审核汇总');
    renderExport();
    fireEvent.click(button('导出审核汇总'));
    fireEvent.click(button('取消'));
    expect(screen.queryByRole('button', { name: '新工作表' })).toBeNull();
    fireEvent.click(button('导出审核汇总'));
    fireEvent.click(button('新工作表'));
    expect((await screen.findByTestId('export-failed')).textContent).toContain('未找到可识别的绩效自评表（已检查 1 个工作表），未导出审核汇总');
  });

  it('waits for the settings and for other actions', () => {
    const { unmount } = renderExport(DEFAULT_SETTINGS, true);
    expect(button('导出审核汇总').disabled).toBe(true);
    unmount();
    render(
      <FluentProvider theme={webLightTheme}>
        <ExportSummary host={host} settings={null} disabled={false} />
      </FluentProvider>,
    );
    expect(button('导出审核汇总').disabled).toBe(true);
  });

  it('is among the pane’s actions', async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={host} autoCheck={false} />
      </FluentProvider>,
    );
    const group = await screen.findByRole('group', { name: '操作' });
    expect(group.querySelector('[data-testid="export-summary"]')).not.toBeNull();
  });
});
