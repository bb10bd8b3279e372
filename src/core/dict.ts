/**
 * A lookup table keyed by text read from a workbook. Without a prototype, a cell reading
 * `valueOf`, `constructor` or `toString` finds nothing instead of Object.prototype's members
 * (the property suite found `STANDARD_LEVEL2['valueOf']`).
 */
export function dict<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
