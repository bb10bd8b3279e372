/**
 * Every problem, grouped by severity (and the ones the write corrected, apart), filterable by
 * severity and by table. Each finding names its rule in Chinese (the id in its tooltip). A list
 * is one Tab stop; ↑/↓/Home/End move inside it; Enter or Space selects the finding's cell.
 */
import { Caption1, makeStyles, mergeClasses, Select, Text, ToggleButton, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Severity } from '../../core';
import { ruleLabel, ruleTip, SEVERITIES, SEVERITY_LABEL, tableName, type Corrected, type Problem } from '../format';
import { useRoving } from '../roving';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'center' },
  tableFilter: { display: 'flex', flexDirection: 'column', gap: '2px', width: '100%', minWidth: 0 },
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
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
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected },
  place: { color: tokens.colorBrandForeground1, fontVariantNumeric: 'tabular-nums' },
  rule: { fontWeight: tokens.fontWeightSemibold },
  groupTitle: { fontWeight: tokens.fontWeightSemibold, margin: 0, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground2 },
  corrected: { color: tokens.colorPaletteGreenForeground1 },
});

type Group = Severity | 'corrected';
const GROUP_LABEL: Readonly<Record<Group, string>> = { ...SEVERITY_LABEL, corrected: '已更正' };

/** One line of a list: a finding still open, or a cell the write corrected. */
interface Line {
  readonly key: string;
  readonly place: string;
  /** Rule ids shown by name (their ids in the tooltip). */
  readonly rules: readonly string[];
  readonly text: string;
  select(): void;
}

export interface FindingsProps {
  /** Open problems, in list order. */
  readonly problems: readonly Problem[];
  /** Cells the last write corrected. */
  readonly corrected: readonly Corrected[];
  /** Key of the problem the walker shows. */
  readonly current: string | null;
  onSelect(problem: Problem): void;
  onSelectCell(sheet: string, cell: string): void;
}

function LineList({ group, lines, current }: { group: Group; lines: readonly Line[]; current: string | null }) {
  const s = useStyles();
  const roving = useRoving(lines.length);
  const titleId = useId();
  return (
    <div role="group" aria-labelledby={titleId}>
      <Text as="h3" id={titleId} className={mergeClasses(s.groupTitle, s[group])}>
        {GROUP_LABEL[group]}（{lines.length}）
      </Text>
      <ul className={s.list} onKeyDown={roving.onKeyDown} aria-labelledby={titleId}>
        {lines.map((l, i) => (
          <li key={l.key}>
            <button type="button" {...roving.item(i)} className={mergeClasses(s.item, l.key === current && s.current)} aria-current={l.key === current ? 'true' : undefined} onClick={l.select}>
              <span className={s.place}>{l.place}</span>{' '}
              {l.rules.map((r, j) => (
                <span key={r}>
                  {j > 0 ? '、' : ''}
                  <span className={s.rule} title={ruleTip(r)}>
                    {ruleLabel(r)}
                  </span>
                </span>
              ))}
              {l.text ? `：${l.text}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Findings({ problems, corrected, current, onSelect, onSelectCell }: FindingsProps) {
  const s = useStyles();
  const selectId = useId();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [tableFilter, setTableFilter] = useState('all');
  const inTable = problems.filter((p) => tableFilter === 'all' || String(p.tableIndex) === tableFilter);
  const count = (sev: Severity) => problems.filter((p) => p.finding.severity === sev).length;
  const tables = [...new Map(problems.map((p) => [p.tableIndex, p.table])).entries()].sort((a, b) => a[0] - b[0]);
  const groups: Array<[Group, Line[]]> = SEVERITIES.map((sev): [Group, Line[]] => [
    sev,
    shown[sev]
      ? inTable
          .filter((p) => p.finding.severity === sev)
          .map((p) => ({ key: p.key, place: p.place, rules: [p.finding.rule], text: p.finding.message, select: () => onSelect(p) }))
      : [],
  ]);
  groups.push([
    'corrected',
    corrected.map((c) => ({
      key: c.key,
      place: c.place,
      rules: [...new Set(c.was.map((f) => f.rule))],
      text: c.was.length ? `已写入计算值（原：${c.was.map((f) => f.message).join('；')}）` : '已写入计算值',
      select: () => onSelectCell(c.sheet, c.cell),
    })),
  ]);
  const visible = groups.reduce((n, [, g]) => n + g.length, 0);
  return (
    <section className={s.root} aria-labelledby="findings-title">
      <Text as="h2" id="findings-title" weight="semibold" size={400} style={{ margin: 0 }}>
        发现的问题
      </Text>
      <div className={s.filters} role="group" aria-label="按严重程度筛选">
        {SEVERITIES.map((sev) => (
          <ToggleButton key={sev} size="small" checked={shown[sev]} onClick={() => setShown({ ...shown, [sev]: !shown[sev] })}>
            {SEVERITY_LABEL[sev]} {count(sev)}
          </ToggleButton>
        ))}
      </div>
      {tables.length > 1 && (
        <div className={s.tableFilter}>
          <label htmlFor={selectId}>
            <Caption1>只看一张表</Caption1>
          </label>
          <Select id={selectId} className={s.select} size="small" value={tableFilter} onChange={(_, d) => setTableFilter(d.value)}>
            <option value="all">全部表</option>
            {tables.map(([i, t]) => (
              <option key={i} value={String(i)}>
                {t.sheet}：{tableName(t)}
              </option>
            ))}
          </Select>
        </div>
      )}
      {visible === 0 && <Caption1>{problems.length ? '筛选条件下没有问题。' : '未发现问题。'}</Caption1>}
      {groups.map(([group, lines]) => (lines.length ? <LineList key={group} group={group} lines={lines} current={current} /> : null))}
    </section>
  );
}
