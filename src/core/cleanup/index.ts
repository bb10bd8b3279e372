/** Template clean-up (issue 8, SPEC §11): plan, preview and pure application. */
export * from './types';
export { planCleanup, type CleanupInput } from './plan';
export { applyCleanup } from './apply';
export { formatPreview, describeChange, countsLine, showCellValue } from './preview';
export { MARK_FILLS, MARK_NOTE_PREFIX, isMarkFill, isMarkNote, fillName, type NotesWord } from '../marks';
export { shiftFormula, shiftRow, formulaRefs } from './refs';
export { cleanText, normalizeNotation, isHint, stripMarkup } from './text';
export { textToNumber } from './numbers';
