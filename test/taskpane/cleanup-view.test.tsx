/**
 * @jest-environment jsdom
 */
/**
 * The 清理模板 view over the real adapter and the fake Excel holding the dirty example
 * (examples/seed002-shigu.dirty.xlsx): preview grouped by sheet and kind, untick a kind,
 * 应用, the counts, the backups announced, 撤销清理 back to the original, 保留清理结果.
 */
import './jsdom-polyfills';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import * as path from 'path';
import { KIND_LABELS } from '../../src/core/cleanup';
import { CleanupView } from '../../src/taskpane/components/CleanupView';
import { FakeWorkbook, type WorkbookSnapshot } from '../fake-excel';
import { snapshotFromFile } from '../fake-excel/load';
import { harness } from '../excel/helpers';
import { wpsHarness } from '../wps/helpers';

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;

let original: WorkbookSnapshot;
beforeAll(async () => {
  original = await snapshotFromFile(path.join(__dirname, '..', '..', 'examples', 'seed002-shigu.dirty.xlsx'));
});

const sheetsOf = (s: WorkbookSnapshot): unknown => new FakeWorkbook(s).toSnapshot().sheets;

function box(label: string): HTMLInputElement {
  return screen.getByRole('checkbox', { name: new RegExp(`^${label}`) }) as HTMLInputElement;
}

test('preview, untick hints, apply, counts, backups announced, undo restores, keep removes', async () => {
  const { fake, host } = harness(original);
  const changed = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <CleanupView host={host} onChanged={changed} onClose={() => undefined} />
    </FluentProvider>,
  );
  const counts = await screen.findByTestId('cleanup-counts');
  const preview = await host.previewCleanup();
  expect(counts.textContent).toContain(`共 ${preview.plan.changes.length} 处，已勾选 ${preview.plan.changes.length} 处`);
  // Grouped by sheet, then kind; hints last in each sheet.
  const sheets = screen.getAllByTestId('cleanup-sheet');
  expect(sheets.length).toBe(new Set(preview.plan.changes.map((c) => c.place.sheet)).size);
  const first = sheets[0];
  expect(within(first).getByText(new RegExp(`${KIND_LABELS.mark}：${preview.plan.changes.filter((c) => c.place.sheet === original.sheets[0].name && c.kind === 'mark').length} 处`))).toBeTruthy();
  // A change expands to its reason.
  const item = within(first).getAllByTestId('cleanup-change')[0];
  expect(item.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(item);
  expect(item.getAttribute('aria-expanded')).toBe('true');
  // Each list of changes is one Tab stop.
  for (const list of screen.getByTestId('cleanup-view').querySelectorAll('ul')) {
    const buttons = [...list.querySelectorAll('button')];
    if (buttons.length) expect(buttons.filter((x) => x.tabIndex === 0)).toHaveLength(1);
  }
  // Our earlier marks are named by colour, and notes are 备注 as Excel calls them.
  const fills = preview.plan.changes.filter((c) => c.op === 'remove-fill');
  expect(fills.length).toBeGreaterThan(0);
  const view = screen.getByTestId('cleanup-view').textContent ?? '';
  expect(view).not.toMatch(/FF[0-9A-F]{6}/);
  expect(view).toMatch(/底色 浅(红|黄|蓝|绿)色（(错误|警告|提示|已更正)标记） → （无底色）/);
  expect(view).not.toContain('批注');
  // Optional kinds are off; hints have their own box.
  expect(box(KIND_LABELS.unmerge).checked).toBe(false);
  expect(box(KIND_LABELS.reuse).checked).toBe(false);
  const hints = preview.plan.counts.hint;
  expect(hints).toBeGreaterThan(0);
  fireEvent.click(box(KIND_LABELS.hint));
  expect(box(KIND_LABELS.hint).checked).toBe(false);
  expect(counts.textContent).toContain(`已勾选 ${preview.plan.changes.length - hints} 处`);

  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '应用' }));
  });
  const notice = await screen.findByTestId('cleanup-notice');
  expect(notice.textContent).toContain(`已清理 ${preview.plan.changes.length - hints} 处`);
  expect(notice.textContent).not.toContain(KIND_LABELS.hint);
  expect(changed).toHaveBeenCalledTimes(1); // the pane re-checks
  const backups = await screen.findByTestId('cleanup-backups');
  expect(backups.textContent).toContain('隐藏的备份工作表');
  // Only hints are left (those outside deleted rows and sheets), still unticked.
  await waitFor(() => expect(screen.getByTestId('cleanup-counts').textContent).toMatch(new RegExp(`^共 \\d+ 处，已勾选 0 处：${KIND_LABELS.hint} \\d+ 处$`)));

  await act(async () => {
    fireEvent.click(within(backups).getByRole('button', { name: '撤销清理' }));
  });
  await waitFor(() => expect(screen.getByTestId('cleanup-notice').textContent).toContain('已撤销清理'));
  expect(changed).toHaveBeenCalledTimes(2);
  expect(sheetsOf(fake.state.toSnapshot())).toEqual(sheetsOf(original));
  await waitFor(() => expect(screen.queryByTestId('cleanup-backups')).toBeNull());

  // Apply everything, then keep: backups removed, the pane says so.
  await waitFor(() => expect(screen.getByRole('button', { name: '应用' })).not.toHaveProperty('disabled', true));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '应用' }));
  });
  const again = await screen.findByTestId('cleanup-backups');
  await act(async () => {
    fireEvent.click(within(again).getByRole('button', { name: '保留清理结果' }));
  });
  await waitFor(() => expect(screen.getByTestId('cleanup-notice').textContent).toMatch(/已保留清理结果，删除 \d+ 个备份工作表/));
  expect(fake.state.sheets.some((s) => s.visibility === 'VeryHidden')).toBe(false);
  await waitFor(() => expect(screen.queryByTestId('cleanup-backups')).toBeNull());
});

test('on WPS the same view says 批注, as WPS calls its comments (Excel: 备注)', async () => {
  const w = wpsHarness(original);
  render(
    <FluentProvider theme={webLightTheme}>
      <CleanupView host={w.host} onChanged={() => undefined} onClose={() => undefined} />
    </FluentProvider>,
  );
  await screen.findByTestId('cleanup-counts');
  const lines = screen.getAllByTestId('cleanup-change').map((x) => x.textContent);
  expect(lines).toContain('B2：批注「【绩效自评助手】这里有问题（上次运行添加）」 → （删除批注）');
  expect(lines).toContain('A1：底色 浅红色（错误标记） → （无底色）');
  const note = screen.getAllByTestId('cleanup-change').find((x) => x.textContent?.startsWith('B2：批注'))!;
  fireEvent.click(note);
  expect(note.parentElement!.textContent).toContain('清除上次运行添加的批注');
});
