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

/**
 * The names of a plan's own five-year period and the one before it, from the year its period starts
 * (2016 → 十三五 and 十二五). Without a start year, or one that starts no period, the current pair
 * 十四五 and 十三五 (the seed plan's).
 */
export function periodNames(from?: number): { readonly own: string; readonly before: string } {
  return { own: (from ? fivePeriodName(from) : null) ?? "十四五", before: (from ? fivePeriodName(from - 5) : null) ?? "十三五" };
}
