import { readFileSync } from 'fs';
import { BUILT_IN_PROFILES, profileFromJson, type Profile } from '../core';
import { nearestName } from '../core/profiles';
import { UsageError } from './args';

/**
 * `--profile NAME|FILE.json` (SPEC §12), with `--year` as the profile's evaluation year: the
 * year used for tables whose title, nearby cells and sheet name carry none (SPEC §8). A year
 * on the command line wins over one saved in a profile file.
 */
export function loadProfile(spec: string | null, year: number | null = null): Profile {
  const p = loadNamedProfile(spec);
  return year === null ? p : { ...p, year };
}

function loadNamedProfile(spec: string | null): Profile {
  if (spec === null) return BUILT_IN_PROFILES['mof-2020'];
  const builtIn = BUILT_IN_PROFILES[spec];
  if (builtIn) return builtIn;
  if (!spec.toLowerCase().endsWith('.json')) {
    const names = Object.keys(BUILT_IN_PROFILES);
    throw new UsageError(`未知配置 ${spec}，最接近的是 ${nearestName(spec, names)}（内置：${names.join('、')}，或给出 .json 文件）`);
  }
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch {
    throw new UsageError(`${spec}：找不到配置文件`);
  }
  let data: unknown;
  try {
    // Notepad and some editors save UTF-8 with a byte-order mark, which JSON.parse refuses.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(`${spec}：配置文件不是有效的 JSON`);
  }
  try {
    return profileFromJson(data, spec);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
