/** The reviewer's summary (issue 13): its sheets as data (./sheets) and as SpreadsheetML (./xlsx). */
export * from './sheets';
export * from './xlsx';
