// Builds src/answer/lexicon/char-readings.json: every CJK Unified Ideograph (U+4E00–U+9FA5) under each
// of its toneless pinyin readings, from pinyin-pro (a dev dependency; the bot reads only the JSON).
//   node scripts/build-homophones.mjs
import { writeFileSync } from "node:fs";
import { pinyin } from "pinyin-pro";

const byReading = {};
for (let code = 0x4e00; code <= 0x9fa5; code += 1) {
  const character = String.fromCharCode(code);
  const readings = pinyin(character, { toneType: "none", multiple: true, type: "array" }).filter((reading) => /^[a-zü]+$/.test(reading));
  for (const reading of new Set(readings)) byReading[reading] = (byReading[reading] ?? "") + character;
}
const sorted = Object.fromEntries(Object.entries(byReading).sort(([left], [right]) => left.localeCompare(right)));
writeFileSync(new URL("../src/answer/lexicon/char-readings.json", import.meta.url), `${JSON.stringify({ $comment: "Toneless pinyin reading → the CJK characters (U+4E00–U+9FA5) that have it, from pinyin-pro 3.29.4 (MIT). Built by scripts/build-homophones.mjs.", readings: sorted })}\n`);
console.log(`${Object.keys(sorted).length} readings`);
