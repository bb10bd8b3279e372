/**
 * The fake Excel host's workbook snapshot: plain JSON, so a browser build can fetch it
 * (`fake/<name>.json`) and Node tests can build it from an .xlsx (./load.ts). Values are
 * what Office.js `Range.values` returns: dates as serial numbers, errors as their literal.
 */
export type SnapValue = string | number | boolean;

export interface SnapCell {
  /** Cached value ('' when empty). */
  readonly v: SnapValue;
  /** Formula with its leading `=`, when the cell holds one. */
  readonly f?: string;
  /** Number format; absent: `General`. */
  readonly nf?: string;
  /** Solid fill colour `#RRGGBB`; absent: no fill. */
  readonly fill?: string;
}

export interface SnapSheet {
  readonly name: string;
  readonly protected?: boolean;
  /** Cells by A1 address. */
  readonly cells: Readonly<Record<string, SnapCell>>;
  /** Merged areas, `A1:C2`. */
  readonly merges: readonly string[];
  /** Notes by A1 address. */
  readonly notes?: Readonly<Record<string, string>>;
  /**
   * Formatting (not values) reaching this far, as a sheet formatted down to row 1,048,576:
   * only the non-values-only used range sees it.
   */
  readonly formattedTo?: { readonly rows: number; readonly cols: number };
  /** Excel.SheetVisibility; absent: 'Visible'. */
  readonly visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Row heights (points) that differ from the default, by 1-based row. */
  readonly rowHeights?: Readonly<Record<string, number>>;
}

export interface WorkbookSnapshot {
  readonly sheets: readonly SnapSheet[];
  /** Workbook settings (`context.workbook.settings`), by key. */
  readonly settings?: Readonly<Record<string, unknown>>;
}
