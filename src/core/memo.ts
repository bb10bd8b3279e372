/**
 * A bounded memo for pure functions of strings. Real sheets repeat the same texts
 * (`≥90%`, `满意`, `按时完成`, header labels) thousands of times; parsing them once keeps a
 * 10,000-row sheet fast. The cache is cleared when full, so memory stays bounded.
 */
export function memoByString<V>(fn: (key: string) => V, limit = 20000): (key: string) => V {
  const cache = new Map<string, V>();
  return (key: string): V => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const v = fn(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, v);
    return v;
  };
}
