/** Severity colours of the pane's badges and group titles (Fluent palette names). */
export const SEVERITY_BADGE = { error: 'danger', warning: 'warning', info: 'informative' } as const;
