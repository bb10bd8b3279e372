/**
 * A workbook (or a sheet) without a recognisable 自评表 is not an error: the pane says calmly
 * what a 自评表 looks like and where to find one to try, and offers 检查 again.
 */
import { Caption1, Link, makeStyles, Text, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
  },
  list: { margin: 0, paddingLeft: '18px' },
});

/** Example workbooks shipped beside the pane (dist/examples/, copied by webpack). */
export const EXAMPLES: ReadonlyArray<{ readonly file: string; readonly label: string }> = [
  { file: 'seed002-shigu.xlsx', label: '项目支出与部门整体支出自评表（石鼓区总工会）' },
  { file: 'seed003-jinzhong.xlsx', label: '部门整体支出绩效评价指标体系（晋中）' },
  { file: 'seed004-liangzhou.xlsx', label: '部门整体支出绩效自评表（凉州）' },
];

export interface EmptyStateProps {
  /** Guidance from the host's report, when it gives one. */
  readonly guidance?: string | null;
  /** Sheets read, none of which holds a table. */
  readonly sheets: readonly string[];
}

export function EmptyState({ guidance, sheets }: EmptyStateProps) {
  const s = useStyles();
  return (
    <section className={s.root} aria-labelledby="empty-title" data-testid="empty-state">
      <Text as="h2" id="empty-title" weight="semibold" size={400} style={{ margin: 0 }}>
        本工作簿中没有自评表
      </Text>
      {guidance ? (
        <Caption1>{guidance}</Caption1>
      ) : (
        <Caption1>
          {sheets.length ? `已读取 ${sheets.length} 张工作表（${sheets.join('、')}），` : ''}
          没有找到可以计分的表。自评表通常有“一级指标、二级指标、三级指标”“年度指标值”“实际完成值”“分值”“得分”等列，
          上方是“年初预算数、全年预算数、全年执行数”的预算执行表，最后是“总分”和“评价等级”。
        </Caption1>
      )}
      <Caption1>打开一份示例看看加载项能做什么：</Caption1>
      <ul className={s.list}>
        {EXAMPLES.map((e) => (
          <li key={e.file}>
            <Link href={`examples/${e.file}`} target="_blank" rel="noreferrer">
              {e.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
