/**
 * One Tab stop per list, arrow keys inside (the WAI-ARIA roving tabindex): the current item has
 * tabIndex 0, every other -1; ↑/↓ (and ←/→), Home and End move the focus and the Tab stop.
 */
import { useCallback, useState, type KeyboardEvent } from 'react';

const KEYS: Readonly<Record<string, (at: number, n: number) => number>> = {
  ArrowDown: (at, n) => Math.min(at + 1, n - 1),
  ArrowRight: (at, n) => Math.min(at + 1, n - 1),
  ArrowUp: (at) => Math.max(at - 1, 0),
  ArrowLeft: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_, n) => n - 1,
};

export interface Roving {
  /** Props for item `i`. */
  item(i: number): { tabIndex: number; onFocus(): void; 'data-roving-item': true };
  /** Put on the list element. */
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
}

export function useRoving(count: number): Roving {
  const [current, setCurrent] = useState(0);
  const at = Math.min(current, Math.max(count - 1, 0));
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const move = KEYS[e.key];
      if (!move || count === 0) return;
      const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-roving-item]')];
      const from = items.indexOf(e.target as HTMLElement);
      if (from < 0) return;
      const next = move(from, items.length);
      e.preventDefault();
      setCurrent(next);
      items[next]?.focus();
    },
    [count],
  );
  return {
    item: (i) => ({ tabIndex: i === at ? 0 : -1, onFocus: () => setCurrent(i), 'data-roving-item': true }),
    onKeyDown,
  };
}
