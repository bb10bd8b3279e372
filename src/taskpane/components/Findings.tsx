import { Caption1, makeStyles, mergeClasses, Select, Subtitle2, ToggleButton, tokens } from '@fluentui/react-components';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Finding, Severity, TableResult } from '../../core';
import { findingCell, SEVERITIES, SEVERITY_LABEL, tableName } from '../format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    border: 'none',
    background: 'none',
    padding: '6px 4px',
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    font: 'inherit',
    color: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  place: { color: tokens.colorBrandForeground1, fontVariantNumeric: 'tabular-nums' },
  rule: { color: tokens.colorNeutralForeground3 },
  groupTitle: { fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground2 },
});

interface Item {
  readonly key: string;
  readonly table: TableResult;
  readonly tableIndex: number;
  readonly finding: Finding;
}

export interface FindingsProps {
  readonly tables: readonly TableResult[];
  onSelect(sheet: string, cell: string): void;
}

/** Arrow keys move between findings (Tab still works); Enter or Space selects the cell. */
function moveFocus(e: KeyboardEvent<HTMLUListElement>): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-finding]')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  let next = at;
  if (e.key === 'ArrowDown') next = Math.min(at + 1, buttons.length - 1);
  if (e.key === 'ArrowUp') next = Math.max(at - 1, 0);
  if (e.key === 'Home') next = 0;
  if (e.key === 'End') next = buttons.length - 1;
  if (next >= 0 && buttons[next]) {
    e.preventDefault();
    buttons[next].focus();
  }
}

/** Findings grouped by severity, filterable by severity and by table; a click selects the cell. */
export function Findings({ tables, onSelect }: FindingsProps) {
  const s = useStyles();
  const selectId = useId();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [tableFilter, setTableFilter] = useState('all');
  const items = useMemo<Item[]>(
    () => tables.flatMap((table, tableIndex) => table.findings.map((finding, i) => ({ key: `${tableIndex}-${i}`, table, tableIndex, finding }))),
    [tables],
  );
  const visible = items.filter((it) => shown[it.finding.severity] && (tableFilter === 'all' || String(it.tableIndex) === tableFilter));
  return (
    <section className={s.root} aria-label="发现的问题">
      <Subtitle2>发现的问题</Subtitle2>
      <div className={s.filters}>
        {SEVERITIES.map((sev) => (
          <ToggleButton
            key={sev}
            size="small"
            checked={shown[sev]}
            aria-pressed={shown[sev]}
            onClick={() => setShown({ ...shown, [sev]: !shown[sev] })}
          >
            {SEVERITY_LABEL[sev]} {items.filter((it) => it.finding.severity === sev).length}
          </ToggleButton>
        ))}
        <label htmlFor={selectId} className={s.rule}>
          表
        </label>
        <Select id={selectId} size="small" value={tableFilter} onChange={(_, d) => setTableFilter(d.value)} aria-label="按表筛选">
          <option value="all">全部表</option>
          {tables.map((t, i) => (
            <option key={i} value={String(i)}>
              {t.sheet}：{tableName(t)}
            </option>
          ))}
        </Select>
      </div>
      {visible.length === 0 && <Caption1>{items.length ? '筛选条件下没有问题。' : '未发现问题。'}</Caption1>}
      {SEVERITIES.map((sev) => {
        const group = visible.filter((it) => it.finding.severity === sev);
        if (!group.length) return null;
        return (
          <div key={sev} role="group" aria-label={`${SEVERITY_LABEL[sev]}（${group.length}）`}>
            <Caption1 className={mergeClasses(s.groupTitle, s[sev])}>
              {SEVERITY_LABEL[sev]}（{group.length}）
            </Caption1>
            <ul className={s.list} onKeyDown={moveFocus}>
              {group.map(({ key, table, finding }) => {
                const cell = findingCell(table, finding);
                return (
                  <li key={key}>
                    <button type="button" data-finding className={s.item} title={`选中 ${table.sheet}!${cell}`} onClick={() => onSelect(table.sheet, cell)}>
                      <span className={s.place}>
                        {table.sheet}!{cell}
                      </span>{' '}
                      {finding.message} <span className={s.rule}>（{finding.rule}）</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
