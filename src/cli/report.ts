import Decimal from 'decimal.js';
import { fmt, fmtPct, KIND_LABEL, SEVERITIES, SEVERITY_LABEL, type Finding, type Severity, type SkippedSheet, type TableResult } from '../core';

export { SEVERITIES, SEVERITY_LABEL };

/** Is a finding of severity `s` shown under `--min-severity min`? */
export function atLeast(s: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
}

export function visibleFindings(t: TableResult, min: Severity): readonly Finding[] {
  return min === 'info' ? t.findings : t.findings.filter((f) => atLeast(f.severity, min));
}

export interface FileReport {
  /** The path as given, or as found under a folder that was given. */
  readonly file: string;
  readonly tables: readonly TableResult[];
  readonly notes: readonly string[];
  /** The file `score` wrote, if it wrote one. */
  readonly written?: string;
  /** `score`: cells changed (0: nothing to change; in place, nothing is written). */
  readonly edits?: number;
  /** Why the file (or folder) could not be processed: one line that names it. */
  readonly failed?: string | null;
  /** Sheets not read nor written, and why (hidden, very hidden, the add-in's own). */
  readonly skippedSheets?: readonly SkippedSheet[];
  /** Formula cells that reference a cell the plan writes (recalculated on open). */
  readonly formulasReadingWrites?: number;
}

// Figures are formatted with the engine's decimal helpers: 2.675 prints 2.68, as it scores.
const n = (v: number | null | undefined): string => (v == null ? '—' : fmt(new Decimal(v)));
const pct = (v: number | null | undefined): string => (v == null ? '—' : fmtPct(new Decimal(v)));

/** Tables that carry a 总分 and a grade (SPEC §7). */
const isScored = (t: TableResult): boolean => t.kind !== 'target' && t.kind !== 'basic-data';

/** `劳模服务!H23`, or `专项业务培训费/专项业务培训!G8` when the table's name is not its sheet's. */
export function findingPlace(t: TableResult, f: Finding): string {
  const where = f.cell ? `${t.sheet}!${f.cell}` : t.sheet;
  return t.title && t.title !== t.sheet ? `${t.title}/${where}` : where;
}

function findingLine(sheet: string, f: Finding): string {
  const where = f.cell ? `${sheet}!${f.cell}` : sheet;
  return `    [${SEVERITY_LABEL[f.severity]}] ${where}  ${f.message}（${f.rule}）`;
}

/** The text report lists at most this many findings of one rule per table; `--json` and `--report` list all. */
export const FINDINGS_PER_RULE = 5;

/**
 * The lines of one table's findings, at most `FINDINGS_PER_RULE` of each rule: after the
 * last one shown of a rule, `…还有 N 条同类问题（rule）` says how many were left out.
 */
export function cappedLines(findings: readonly Finding[], line: (f: Finding) => string, indent: string): string[] {
  const total = new Map<string, number>();
  for (const f of findings) total.set(f.rule, (total.get(f.rule) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const f of findings) {
    const k = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, k);
    if (k > FINDINGS_PER_RULE) continue;
    out.push(line(f));
    const all = total.get(f.rule)!;
    if (k === FINDINGS_PER_RULE && all > k) out.push(`${indent}…还有 ${all - k} 条同类问题（${f.rule}）`);
  }
  return out;
}

/** What to say about a table whose findings are all below the `--min-severity` threshold. */
function nothingShown(min: Severity): string {
  if (min === 'error') return '未发现错误';
  if (min === 'warning') return '未发现错误或警告';
  return '未发现问题';
}

/** A readable report for a person at a terminal: one block per table (`--detail`). */
export function formatReport(r: FileReport, min: Severity = 'info'): string {
  const lines: string[] = [`${r.file}`];
  for (const t of r.tables) {
    const kind = KIND_LABEL[t.kind] ?? t.kind;
    const title = t.title && !t.title.endsWith(kind) ? `「${t.title}」` : '';
    lines.push(`  ▸ ${t.sheet}!${t.range}  ${kind}${title}`);
    const e = t.execution;
    if (e) {
      lines.push(
        `    预算执行：预算 ${n(e.budget)}，执行 ${n(e.executed)}，执行率 ${pct(e.rate)}，得分 ${n(e.score)} / ${n(e.weight)}，扣分 ${n(e.deduction)}`,
      );
    }
    if (isScored(t)) {
      const stated = t.total.stated != null ? `（表中 ${n(t.total.stated)}）` : '';
      lines.push(`    总分 ${n(t.total.score)}${stated}，等级 ${t.grade.value ?? '—'}${t.grade.stated ? `（表中 ${t.grade.stated}）` : ''}`);
    }
    const shown = visibleFindings(t, min);
    if (!shown.length) lines.push(`    ${nothingShown(min)}`);
    for (const l of cappedLines(shown, (f) => findingLine(t.sheet, f), '    ')) lines.push(l);
  }
  for (const note of r.notes) lines.push(`  注意：${note}`);
  const output = outputText(r);
  if (output) lines.push(`  ${output}`);
  return lines.join('\n');
}

type Counts = Record<Severity, number>;

function countFindings(tables: readonly TableResult[]): Counts {
  const count: Counts = { error: 0, warning: 0, info: 0 };
  for (const t of tables) for (const f of t.findings) count[f.severity]++;
  return count;
}

/** `错误 3，警告 7，提示 0`, only the severities shown under `min`. */
function countsText(count: Counts, min: Severity): string {
  return SEVERITIES.filter((s) => atLeast(s, min))
    .map((s) => `${SEVERITY_LABEL[s]} ${count[s]}`)
    .join('，');
}

/**
 * `1 张表，总分 91 优` or `5 张表（含 1 张绩效评价基础数据表），总分 100/95.67/100/100，等级均为优`:
 * totals and grades of the scored tables, in table order; tables without a 总分 named by kind.
 */
function tablesText(tables: readonly TableResult[]): string {
  const scored = tables.filter(isScored);
  const unscored = new Map<string, number>();
  for (const t of tables) if (!isScored(t)) unscored.set(t.kind, (unscored.get(t.kind) ?? 0) + 1);
  const kinds = [...unscored].map(([kind, count]) => [count, KIND_LABEL[kind] ?? kind] as const);
  let head = `${tables.length} 张表`;
  if (!scored.length && kinds.length === 1) head += `（均为${kinds[0][1]}）`;
  else if (kinds.length) head += `（含 ${kinds.map(([count, label]) => `${count} 张${label}`).join('、')}）`;
  if (!scored.length) return `${head}，无总分`;
  if (scored.length === 1) {
    const t = scored[0];
    return `${head}，总分 ${n(t.total.score)}${t.grade.value ? ` ${t.grade.value}` : ''}`;
  }
  const totals = scored.map((t) => n(t.total.score)).join('/');
  const grades = scored.map((t) => t.grade.value ?? '—');
  const gradeText = grades.every((g) => g === grades[0]) && grades[0] !== '—' ? `等级均为${grades[0]}` : `等级 ${grades.join('/')}`;
  return `${head}，总分 ${totals}，${gradeText}`;
}

/** Without the leading `FILE：` that every failure message carries (the line already names it). */
function failureReason(r: FileReport): string {
  const msg = r.failed ?? '';
  const prefix = `${r.file}：`;
  return msg.startsWith(prefix) ? msg.slice(prefix.length) : msg;
}

/** What `score` did with the file: written (how many cells), or nothing to change. */
function outputText(r: FileReport): string {
  if (r.written) return r.edits ? `已写入 ${r.written}（${r.edits} 处修改）` : `已写入 ${r.written}（无需修改，内容与原文件相同）`;
  if (r.edits === 0) return '无需修改，原文件未改动';
  return '';
}

/** One line per file (`--summary`): tables, totals and grades, finding counts, output written. */
export function fileSummaryLine(r: FileReport, min: Severity = 'info'): string {
  if (r.failed) return `${r.file}  无法处理：${failureReason(r)}`;
  const output = outputText(r);
  const written = output ? `；${output}` : '';
  return `${r.file}  ${tablesText(r.tables)}；${countsText(countFindings(r.tables), min)}${written}`;
}

/**
 * The reviewer's view of many files (`--summary`): one line per file, then the findings
 * grouped by severity (错误, 警告, 提示), within a group by file, each as
 * `表名/工作表!单元格  说明（规则）`, then the notes about unreadable cells.
 */
export function formatSummary(reports: readonly FileReport[], min: Severity = 'info'): string {
  const blocks: string[] = [reports.map((r) => fileSummaryLine(r, min)).join('\n')];
  for (const s of SEVERITIES) {
    if (!atLeast(s, min)) continue;
    const lines: string[] = [];
    let total = 0;
    for (const r of reports) {
      const mine: string[] = [];
      let count = 0;
      for (const t of r.tables) {
        const of = t.findings.filter((f) => f.severity === s);
        count += of.length;
        for (const l of cappedLines(of, (f) => `    ${findingPlace(t, f)}  ${f.message}（${f.rule}）`, '    ')) mine.push(l);
      }
      if (mine.length) {
        lines.push(`  ${r.file}`);
        for (const l of mine) lines.push(l);
      }
      total += count;
    }
    if (total) blocks.push([`${SEVERITY_LABEL[s]}（${total}）`, ...lines].join('\n'));
  }
  const notes = reports.flatMap((r) => r.notes.map((note) => `  ${r.file}  ${note}`));
  if (notes.length) blocks.push([`注意（${notes.length}）`, ...notes].join('\n'));
  return blocks.join('\n\n');
}

/** The last line: files, tables, finding counts (hidden severities said as such), failures. */
export function summaryLine(reports: readonly FileReport[], min: Severity = 'info'): string {
  const ok = reports.filter((r) => !r.failed);
  const failed = reports.length - ok.length;
  const tables = ok.flatMap((r) => r.tables);
  const count = countFindings(tables);
  const hidden = SEVERITIES.filter((s) => !atLeast(s, min) && count[s] > 0);
  const hiddenText = hidden.length ? `（另有${hidden.map((s) => `${SEVERITY_LABEL[s]} ${count[s]}`).join('、')} 未列出）` : '';
  const failedText = failed ? `；${failed} 个无法处理` : '';
  return `共 ${ok.length} 个文件、${tables.length} 张表：${countsText(count, min)}${hiddenText}${failedText}`;
}
