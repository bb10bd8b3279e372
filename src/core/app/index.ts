/** The add-in's application layer: what every host (Excel, WPS) and the pane share. */
export * from './host';
