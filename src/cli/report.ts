import type { Finding, TableResult } from '../core';

const KIND_LABEL: Readonly<Record<string, string>> = {
  project: '项目支出绩效自评表',
  department: '部门整体支出绩效自评表',
  evaluation: '部门整体支出绩效评价指标体系',
  target: '绩效目标表',
  'basic-data': '绩效评价基础数据表',
};
const SEVERITY_LABEL: Readonly<Record<string, string>> = { error: '错误', warning: '警告', info: '提示' };

export interface FileReport {
  readonly file: string;
  readonly tables: readonly TableResult[];
  readonly notes: readonly string[];
  readonly written?: string;
  readonly edits?: number;
}

const n = (v: number | null | undefined, digits = 2): string => (v == null ? '—' : v.toFixed(digits).replace(/\.?0+$/, '') || '0');
const pct = (v: number | null | undefined): string => (v == null ? '—' : `${(v * 100).toFixed(2)}%`);

function findingLine(sheet: string, f: Finding): string {
  const where = f.cell ? `${sheet}!${f.cell}` : sheet;
  return `    [${SEVERITY_LABEL[f.severity]}] ${where}  ${f.message}（${f.rule}）`;
}

/** A readable report for a person at a terminal: one block per table. */
export function formatReport(r: FileReport): string {
  const lines: string[] = [`${r.file}`];
  for (const t of r.tables) {
    lines.push(`  ▸ ${t.sheet}!${t.range}  ${KIND_LABEL[t.kind] ?? t.kind}${t.title ? `「${t.title}」` : ''}`);
    const e = t.execution;
    if (e) {
      lines.push(
        `    预算执行：预算 ${n(e.budget)}，执行 ${n(e.executed)}，执行率 ${pct(e.rate)}，得分 ${n(e.score)} / ${n(e.weight)}，扣分 ${n(e.deduction)}`,
      );
    }
    if (t.kind !== 'target') {
      const stated = t.total.stated != null ? `（表中 ${n(t.total.stated)}）` : '';
      lines.push(`    总分 ${n(t.total.score)}${stated}，等级 ${t.grade.value ?? '—'}${t.grade.stated ? `（表中 ${t.grade.stated}）` : ''}`);
    }
    if (!t.findings.length) lines.push('    未发现问题');
    for (const f of t.findings) lines.push(findingLine(t.sheet, f));
  }
  for (const note of r.notes) lines.push(`  注意：${note}`);
  if (r.written) lines.push(`  已写入 ${r.written}（${r.edits ?? 0} 处修改）`);
  return lines.join('\n');
}

export function summaryLine(reports: readonly FileReport[]): string {
  let tables = 0;
  const count = { error: 0, warning: 0, info: 0 };
  for (const r of reports) {
    for (const t of r.tables) {
      tables++;
      for (const f of t.findings) count[f.severity]++;
    }
  }
  return `共 ${reports.length} 个文件、${tables} 张表：错误 ${count.error}，警告 ${count.warning}，提示 ${count.info}`;
}
