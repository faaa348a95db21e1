const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, "○": 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Value of a section below 万: 三千零五, 十二, 一百二十. A trailing digit right after 百 or 千
 * takes the next lower unit, as people say it (两千五 = 2500, 一百二 = 120).
 * Returns null for anything that is not one number (一二, 十四五, 千万).
 */
function parseSection(text: string): number | null {
  let total = 0;
  let pendingDigit: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  let afterZero = false;
  let previousWasUnit = false;
  let digitFollowsUnit = false;
  let sawAnything = false;
  for (const char of text) {
    sawAnything = true;
    const digit = DIGITS[char];
    if (digit !== undefined) {
      if (pendingDigit !== null) return null; // two digits in a row: a list or a name, not a number
      if (digit === 0) {
        afterZero = true;
        previousWasUnit = false;
        continue;
      }
      pendingDigit = digit;
      digitFollowsUnit = previousWasUnit;
      previousWasUnit = false;
      continue;
    }
    const unit = SMALL_UNITS[char];
    if (unit === undefined || unit >= lastUnit) return null;
    if (pendingDigit === null) {
      // Only 十 may stand alone at the start (十二 = 12); 百 and 千 need a digit.
      if (unit !== 10 || total !== 0 || afterZero) return null;
      pendingDigit = 1;
    }
    total += pendingDigit * unit;
    lastUnit = unit;
    pendingDigit = null;
    afterZero = false;
    previousWasUnit = true;
  }
  if (!sawAnything) return null;
  if (pendingDigit !== null) {
    const colloquial = digitFollowsUnit && lastUnit >= 100;
    total += colloquial ? (pendingDigit * lastUnit) / 10 : pendingDigit;
  }
  return total;
}

/** Value of an integer below 1亿: optional 万 section, then a section (一万二 = 12000, 一万零五 = 10005). */
function parseBelowYi(text: string): number | null {
  const parts = text.split("万");
  if (parts.length > 2) return null;
  if (parts.length === 1) return parseSection(text);
  const [high, low] = parts as [string, string];
  const highValue = parseSection(high);
  if (highValue === null || highValue === 0) return null;
  if (low === "") return highValue * 10_000;
  const lowValue = parseSection(low);
  if (lowValue === null) return null;
  // 一万二 means 12000: a lone digit after 万 takes the next lower unit.
  const loneDigit = [...low].length === 1 && DIGITS[low] !== undefined && DIGITS[low] !== 0;
  return highValue * 10_000 + (loneDigit ? lowValue * 1000 : lowValue);
}

/** Value of a Chinese integer numeral up to 万亿. */
function parseInteger(text: string): number | null {
  const yiIndex = text.indexOf("亿");
  if (yiIndex === -1) return parseBelowYi(text);
  if (text.indexOf("亿", yiIndex + 1) !== -1) return null;
  const high = parseBelowYi(text.slice(0, yiIndex));
  if (high === null || high === 0) return null;
  const rest = text.slice(yiIndex + 1);
  if (rest === "") return high * 100_000_000;
  const low = parseBelowYi(rest);
  return low === null ? null : high * 100_000_000 + low;
}

/**
 * Value of a Chinese numeral: 一百二十, 两千, 十二万三千, 三点五, 一点二万, 八十四点零三亿.
 * Returns null when the text is not exactly one well-formed number (十四五, 一二, 千万, 一点).
 */
export function parseChineseNumber(text: string): number | null {
  if (text.length === 0) return null;
  const pointIndex = text.indexOf("点");
  if (pointIndex === -1) return parseInteger(text);
  if (pointIndex === 0) return null;
  const integerPart = parseInteger(text.slice(0, pointIndex));
  if (integerPart === null) return null;
  let fraction = text.slice(pointIndex + 1);
  let multiplier = 1;
  const unitMatch = /(万亿|亿|万)$/.exec(fraction);
  if (unitMatch) {
    multiplier = unitMatch[1] === "万亿" ? 1e12 : unitMatch[1] === "亿" ? 1e8 : 1e4;
    fraction = fraction.slice(0, -unitMatch[1]!.length);
  }
  if (fraction.length === 0) return null;
  let decimals = "";
  for (const char of fraction) {
    const digit = DIGITS[char];
    if (digit === undefined || char === "两") return null;
    decimals += String(digit);
  }
  return Number(`${integerPart}.${decimals}`) * multiplier;
}
