/** Every failure the user sees is an AddinError: a Chinese message with the Office error code kept. */
import { AddinError } from '../core';

/**
 * An AddinError, also one made by another bundle's copy of the class (the ribbon's entry and
 * the pane's bundle each carry one): known by its name and code, not only by `instanceof`.
 */
function isAddinError(e: unknown): e is AddinError {
  if (e instanceof AddinError) return true;
  const o = e as { name?: unknown; code?: unknown; message?: unknown } | null;
  return typeof o === 'object' && o !== null && o.name === 'AddinError' && typeof o.code === 'string' && typeof o.message === 'string';
}

/** Any thrown value as an AddinError: hosts reject only with one, but be safe with the rest. */
export function asAddinError(e: unknown): AddinError {
  if (isAddinError(e)) return e;
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'Unexpected';
  const detail = e instanceof Error ? e.message : String(e);
  return new AddinError(code, `发生意外错误：${detail}`);
}

/** `message（错误代码 code）`: the Chinese message, with the Office error code kept for support. */
export function errorText(e: AddinError): string {
  return e.message.includes(e.code) ? e.message : `${e.message}（错误代码 ${e.code}）`;
}
