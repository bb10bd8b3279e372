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
}

export const rule = (id: string, severity: Severity, check: Rule['check']): Rule => ({ id, severity, check });
