const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, "○": 0, Ｏ: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Value of a Chinese ordinal/cardinal numeral such as 十七, 二十三, 一百零五.
 * Returns null when the string holds anything else.
 */
export function chineseNumeralValue(text: string): number | null {
  if (text.length === 0) return null;
  let total = 0;
  let current = 0;
  for (const char of text) {
    const digit = DIGITS[char];
    if (digit !== undefined) {
      current = digit;
      continue;
    }
    const unit = UNITS[char];
    if (unit === undefined) return null;
    total += (current === 0 ? 1 : current) * unit;
    current = 0;
  }
  return total + current;
}

/** Digit-by-digit reading of years written in Chinese: 二〇二五 → 2025. */
function yearDigits(text: string): string {
  return [...text].map((char) => String(DIGITS[char] ?? char)).join("");
}

/** Rewrites years written as Chinese digits (二〇二五年, 二○三五年) as Arabic digits. */
export function normalizeChineseYears(text: string): string {
  return text.replace(/([一二三四五六七八九][〇○零一二三四五六七八九Ｏ]{3})(?=年)/g, (match) => yearDigits(match));
}

/** Small cardinal numbers in questions (三个, 两所) to digits, for counting questions. */
export function chineseCardinalToDigits(text: string): string {
  return text.replace(/[零一二两三四五六七八九十百]+(?=[个所名项间台门万亿%％])/g, (match) => {
    const value = chineseNumeralValue(match);
    return value === null ? match : String(value);
  });
}
