/** Node: the Office.js runtime file read from node_modules (the devDependency @microsoft/office-js). */
import * as fs from 'fs';
import { RUNTIME_FILE, setRuntimeSource } from './runtime';

let text: string | null = null;

export function runtimeText(): string {
  return (text ??= fs.readFileSync(require.resolve(RUNTIME_FILE), 'utf8'));
}

setRuntimeSource(runtimeText);
