/**
 * Pinyin search keys of Chinese names: the full reading without tones or spaces, and initials,
 * each also without the administrative filler characters (市, 省, 县, 区 ...) that people skip
 * when typing (szhqdz for 深圳市华强电子).
 */
import { customPinyin, pinyin } from "pinyin-pro";
import { containsHan } from "./normalize.js";
import { boundedMemo } from "./bounded-memo.js";

/**
 * Names whose polyphonic character pinyin-pro reads as part of a neighbouring word: after a city,
 * 长 joins 州 as 州长 (governor, zhang), so 郑州长虹 became "zhengzhouzhanghong". As words of their
 * own these readings win. Place names and well-known brands only: a name, not a dictionary.
 */
const NAME_READINGS: Record<string, string[]> = {
  长安: ["cháng", "ān"],
  长虹: ["cháng", "hóng"],
  长城: ["cháng", "chéng"],
  长江: ["cháng", "jiāng"],
  长沙: ["cháng", "shā"],
  长春: ["cháng", "chūn"],
  长宁: ["cháng", "níng"],
  长寿: ["cháng", "shòu"],
  长治: ["cháng", "zhì"],
  长乐: ["cháng", "lè"],
  长兴: ["cháng", "xīng"],
  长丰: ["cháng", "fēng"],
  长荣: ["cháng", "róng"],
  重庆: ["chóng", "qìng"],
  厦门: ["xià", "mén"],
  乐清: ["yuè", "qīng"],
  乐亭: ["lào", "tíng"],
  六安: ["lù", "ān"],
  蚌埠: ["bèng", "bù"],
  丽水: ["lí", "shuǐ"],
  银行: ["yín", "háng"],
};
customPinyin(Object.fromEntries(Object.entries(NAME_READINGS).map(([word, syllables]) => [word, syllables.join(" ")])));

/** Administrative words inside names; read on their own so 西安市长安区 is not read as 市长 (mayor). */
const FILLER = new Set(["省", "市", "县", "区", "镇"]);

/**
 * pinyin-pro segments the words of a piece on every call; pieces (武汉信达食品) repeat across a book.
 * Up to 50,000 of them are kept, so a book with that many distinct Chinese names reads each one once.
 */
const readPiece = boundedMemo(
  (piece: string): readonly string[] => pinyin(piece, { toneType: "none", type: "array", v: true }).map((reading) => reading.replace(/ü/g, "v")),
  50_000,
);

/**
 * Readings of each Han character in order. The text is read in pieces cut after each filler
 * character: pinyin-pro picks a polyphonic reading from the word around it, and a filler joined
 * to the next character makes a different word (市长 shi zhang instead of 市 + 长安 chang an).
 */
function readings(han: string[]): { char: string; reading: string }[] {
  const pieces: string[][] = [[]];
  for (const char of han) {
    pieces[pieces.length - 1]!.push(char);
    if (FILLER.has(char)) pieces.push([]);
  }
  return pieces.flatMap((piece) => {
    if (piece.length === 0) return [];
    const read = readPiece(piece.join(""));
    return piece.map((char, index) => ({ char, reading: read[index] ?? "" }));
  });
}

export type PinyinKeys = { full: string[]; initials: string[] };

/** 深圳市华强电子 -> full ["shenzhenshihuaqiangdianzi", "shenzhenhuaqiangdianzi"], initials ["szshqdz", "szhqdz"]. */
export function pinyinKeys(text: string): PinyinKeys {
  const han = [...text].filter(containsHan);
  if (han.length === 0) return { full: [], initials: [] };
  const all = readings(han);
  const withoutFiller = all.filter((entry) => !FILLER.has(entry.char));
  const full = new Set<string>();
  const initials = new Set<string>();
  for (const list of [all, withoutFiller]) {
    if (list.length === 0) continue;
    full.add(list.map((entry) => entry.reading).join(""));
    // By code point: a rare character pinyin-pro cannot read comes back as itself, and may lie outside the BMP.
    initials.add(list.map((entry) => [...entry.reading][0] ?? "").join(""));
  }
  return { full: [...full], initials: [...initials] };
}
