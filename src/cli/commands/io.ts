/** What a command prints to: one call per line. Tests capture it; main.ts binds it to the process. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The version `jixiao --version` prints and the summary workbook records. */
export const VERSION = '0.1.0';
