import type { TableAnalysis } from '../scoring/table';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** A1 address on the table's sheet, or null for a finding about the whole table. */
  readonly cell: string | null;
  readonly message: string;
}

export interface Hit {
  readonly cell: string | null;
  readonly message: string;
}

/**
 * One finding rule (SPEC §9): a stable id, a severity, and a pure check over the analysed
 * table returning where it fires and what to say (in Chinese, naming the numbers).
 */
export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly check: (t: TableAnalysis) => readonly Hit[];
  /**
   * The finding is about the figure itself (a score, rate, total or grade that is missing or
   * wrong): writing the engine's planned value at the finding's cell fixes it, so the pane
   * offers 更正此项 there. A finding on a planned cell about something else (低执行率未说明原因
   * on the rate cell) is not fixed by the write.
   */
  readonly fixedByWrite?: boolean;
}

export interface RuleMeta {
  readonly fixedByWrite?: boolean;
}

export const rule = (id: string, severity: Severity, check: Rule['check'], meta: RuleMeta = {}): Rule => ({ id, severity, check, ...meta });
