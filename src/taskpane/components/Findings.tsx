/**
 * Every problem, grouped by severity (and the ones the write corrected, apart), filterable by
 * severity and by table. Each finding names its rule in Chinese (the id in its tooltip). A list
 * is one Tab stop; ↑/↓/Home/End move inside it; Enter or Space selects the finding's cell.
 */
import { Caption1, makeStyles, mergeClasses, Select, Text, ToggleButton, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Severity } from '../../core';
import { ruleLabel, ruleTip, SEVERITIES, SEVERITY_LABEL, tableName, type Problem } from '../format';
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

export interface FindingsProps {
  readonly problems: readonly Problem[];
  /** Key of the problem the walker shows. */
  readonly current: string | null;
  onSelect(problem: Problem): void;
}

function ProblemList({ group, items, current, onSelect }: { group: Group; items: readonly Problem[]; current: string | null; onSelect(p: Problem): void }) {
  const s = useStyles();
  const roving = useRoving(items.length);
  const titleId = useId();
  return (
    <div role="group" aria-labelledby={titleId}>
      <Text as="h3" id={titleId} className={mergeClasses(s.groupTitle, s[group])}>
        {GROUP_LABEL[group]}（{items.length}）
      </Text>
      <ul className={s.list} onKeyDown={roving.onKeyDown} aria-labelledby={titleId}>
        {items.map((p, i) => (
          <li key={p.key}>
            <button
              type="button"
              {...roving.item(i)}
              className={mergeClasses(s.item, p.key === current && s.current)}
              aria-current={p.key === current ? 'true' : undefined}
              onClick={() => onSelect(p)}
              data-finding={p.finding.rule}
            >
              <span className={s.place}>{p.place}</span>{' '}
              <span className={s.rule} title={ruleTip(p.finding.rule)}>
                {ruleLabel(p.finding.rule)}
              </span>
              ：{p.finding.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Findings({ problems, current, onSelect }: FindingsProps) {
  const s = useStyles();
  const selectId = useId();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [tableFilter, setTableFilter] = useState('all');
  const inTable = problems.filter((p) => tableFilter === 'all' || String(p.tableIndex) === tableFilter);
  const open = (sev: Severity) => problems.filter((p) => !p.corrected && p.finding.severity === sev).length;
  const tables = [...new Map(problems.map((p) => [p.tableIndex, p.table])).entries()].sort((a, b) => a[0] - b[0]);
  const groups: Array<[Group, Problem[]]> = [
    ...SEVERITIES.map((sev): [Group, Problem[]] => [sev, shown[sev] ? inTable.filter((p) => !p.corrected && p.finding.severity === sev) : []]),
    ['corrected', inTable.filter((p) => p.corrected)],
  ];
  const visible = groups.reduce((n, [, g]) => n + g.length, 0);
  return (
    <section className={s.root} aria-labelledby="findings-title">
      <Text as="h2" id="findings-title" weight="semibold" size={400} style={{ margin: 0 }}>
        发现的问题
      </Text>
      <div className={s.filters} role="group" aria-label="按严重程度筛选">
        {SEVERITIES.map((sev) => (
          <ToggleButton key={sev} size="small" checked={shown[sev]} onClick={() => setShown({ ...shown, [sev]: !shown[sev] })}>
            {SEVERITY_LABEL[sev]} {open(sev)}
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
      {groups.map(([group, items]) => (items.length ? <ProblemList key={group} group={group} items={items} current={current} onSelect={onSelect} /> : null))}
    </section>
  );
}
