/**
 * 2021 → 十四五: the name of the five-year period that starts in `from`. Counted from 十一五
 * (2006—2010); the periods have been contiguous since. Null for a year that starts none, or outside
 * 十一五…十九五.
 */
export function fivePeriodName(from: number): string | null {
  if (from < 2006 || (from - 2006) % 5 !== 0) return null;
  const ordinal = 11 + (from - 2006) / 5;
  return ordinal <= 19 ? `十${"一二三四五六七八九"[ordinal - 11]}五` : null;
}
