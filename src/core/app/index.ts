/** The add-in's application layer: what every host (Excel, WPS), the pane and the CLI share. */
export * from './host';
export * from './settings';
export * from './summary';
export * from './port';
export * from './records';
export { createAddinHost } from './create';
export { planWrite, planMarks, withEdits, MAX_MARKS, type WritePlan, type WriteInput } from './write';
export { writeSummary, selectFailed, notesUnavailable } from './messages';
export { selectKinds, withCounts, structuralSheets, toRaw } from './cleanup';
export { ADDIN_TOOL, EXPORT_TARGETS, exportMessage, planExport, timeText, type ExportBook, type ExportOptions, type ExportPlan, type ExportReport, type ExportTarget } from './export';
