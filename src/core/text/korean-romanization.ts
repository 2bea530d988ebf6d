/**
 * Latin spellings of Hangul names, so "samseong jeonja", "samsung" or "hyundai sangsa" find
 * 삼성전자 and 현대상사 without an alias: the Revised Romanization (es-hangul) of each word, and the
 * spellings companies actually use for well-known name parts (삼성 is "Samsung", never "Samseong").
 */
import { romanize } from "es-hangul";
import { boundedMemo } from "./bounded-memo.js";

/** Customary company spellings of common name parts, matched at the start of a word. */
const COMPANY_SPELLINGS: Record<string, string> = {
  삼성: "samsung",
  현대: "hyundai",
  엘지: "lg",
  에스케이: "sk",
  기아: "kia",
  대우: "daewoo",
  한화: "hanwha",
  롯데: "lotte",
  두산: "doosan",
  포스코: "posco",
  신세계: "shinsegae",
  금호: "kumho",
  효성: "hyosung",
  한진: "hanjin",
  코오롱: "kolon",
  농심: "nongshim",
  오뚜기: "ottogi",
  신한: "shinhan",
  국민: "kookmin",
  우리: "woori",
  하나: "hana",
  대한: "daehan",
  제일: "cheil",
  동원: "dongwon",
  한미: "hanmi",
  녹십자: "green cross",
  셀트리온: "celltrion",
  네이버: "naver",
  카카오: "kakao",
  쿠팡: "coupang",
  한국: "korea",
  서울: "seoul",
  부산: "busan",
  인천: "incheon",
  대구: "daegu",
  광주: "gwangju",
  대전: "daejeon",
  울산: "ulsan",
};

const HANGUL_WORD = /\p{Script=Hangul}+/gu;

// es-hangul applies its sound-change rules on every call; name parts repeat across a whole book.
const romanizeWord = boundedMemo((word: string) => romanize(word).toLowerCase());
const romanizeSyllable = boundedMemo((syllable: string) => romanize(syllable).toLowerCase());

/**
 * Syllable by syllable, without the sound changes across syllables that the Revised Romanization
 * applies (한빛에너지 is "hanbicheneoji" by the rules, but people type "hanbit eneoji").
 */
function romanizeSyllables(word: string): string {
  let spelled = "";
  for (const syllable of word) spelled += romanizeSyllable(syllable);
  return spelled;
}

const SPELLING_ENTRIES = Object.entries(COMPANY_SPELLINGS);

/** Company spelling of a word where its start (and then its rest) is a known part: 삼성전자 -> samsung jeonja. */
const customarySpelling = boundedMemo((word: string): string | null => {
  for (const [part, spelling] of SPELLING_ENTRIES) {
    if (word.startsWith(part) && word.length > part.length) {
      return `${spelling} ${romanizeWord(word.slice(part.length))}`;
    }
    if (word === part) return spelling;
  }
  return null;
});

/**
 * Romanizations of the Hangul in a normalised name (by the rules, syllable by syllable, and in
 * customary company spelling), each with word spaces kept and removed:
 * "현대상사" -> ["hyeondaesangsa", "hyundai sangsa", "hyundaisangsa"].
 */
export function koreanRomanizations(normalized: string): string[] {
  const words = normalized.match(HANGUL_WORD);
  if (!words) return [];
  const revised = words.map(romanizeWord);
  const syllables = words.map(romanizeSyllables);
  const customary = words.map((word) => customarySpelling(word) ?? romanizeWord(word));
  const variants = new Set<string>();
  for (const parts of [revised, syllables, customary]) {
    const spaced = parts.join(" ");
    variants.add(spaced);
    variants.add(spaced.replace(/\s+/g, ""));
  }
  return [...variants].filter(Boolean);
}
