/** The add-in's application layer: what every host (Excel, WPS), the pane and the CLI share. */
export * from './host';
export * from './settings';
export * from './summary';
