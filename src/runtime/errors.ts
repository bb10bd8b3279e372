/** Every failure the user sees is an AddinError: a Chinese message with the Office error code kept. */
import { AddinError } from '../core';

/** Any thrown value as an AddinError: hosts reject only with one, but be safe with the rest. */
export function asAddinError(e: unknown): AddinError {
  if (e instanceof AddinError) return e;
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'Unexpected';
  const detail = e instanceof Error ? e.message : String(e);
  return new AddinError(code, `发生意外错误：${detail}`);
}

/** `message（错误代码 code）`: the Chinese message, with the Office error code kept for support. */
export function errorText(e: AddinError): string {
  return e.message.includes(e.code) ? e.message : `${e.message}（错误代码 ${e.code}）`;
}
