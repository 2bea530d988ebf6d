/**
 * Legal-form words (有限公司, 주식회사, GmbH, Co., Ltd., Công ty TNHH ...) are noise for search: people
 * type a name with a different form than stored, or none. The "core" of a name is the name without
 * them, stripped from either end and repeatedly (株式 prefixes, "Co., Ltd." suffixes, both).
 * Input is normalised text (lower case, accents folded, Simplified Chinese, ㈜ already "(주)").
 */

/** Han legal forms, longest first so 股份有限公司 is not left as 股份. */
const HAN_SUFFIX = /(?:集团股份有限公司|股份有限公司|有限责任公司|集团有限公司|控股有限公司|有限公司|集团公司|总公司|分公司|集团|公司)$/u;
const HANGUL_FORMS = "주식회사|유한회사|유한책임회사|합자회사|\\(주\\)|\\(유\\)|\\(합\\)|주\\)";
const HANGUL_PREFIX = new RegExp(`^(?:${HANGUL_FORMS})\\s*`, "u");
const HANGUL_SUFFIX = new RegExp(`\\s*(?:${HANGUL_FORMS})$`, "u");
/** Latin forms as whole words at the end, optionally after a comma. */
const LATIN_SUFFIX =
  /(?:^|[\s,]+)(?:co\.?,?\s*ltd\.?|co\.?\s*,?\s*limited|pte\.?\s*ltd\.?|pvt\.?\s*ltd\.?|sdn\.?\s*bhd\.?|gmbh\s*&\s*co\.?\s*kg|gmbh|ltd\.?|limited|inc\.?|incorporated|corp\.?|corporation|llc|l\.l\.c\.|plc|ag|kg|ohg|e\.\s?k\.|ug|se|s\.?a\.?r\.?l\.?|s\.?a\.?s\.?u?|s\.a\.|sa|sarl|sas|eurl|b\.v\.|bv|n\.v\.|nv|jsc|tnhh|co\.?)$/u;
/** Vietnamese forms lead the name: "Công ty TNHH Minh Phát", "Công ty Cổ phần ...". */
const VIETNAMESE_PREFIX = /^cong ty\s+(?:tnhh(?:\s+mtv)?|co phan|cp|hop danh)?\s*/u;
const VIETNAMESE_SUFFIX = /\s+(?:cong ty\s+)?(?:tnhh(?:\s+mtv)?|co phan|jsc)$/u;

export function stripLegalForm(normalized: string): string {
  let core = normalized.trim();
  for (let pass = 0; pass < 4; pass++) {
    const before = core;
    core = core
      .replace(VIETNAMESE_PREFIX, "")
      .replace(VIETNAMESE_SUFFIX, "")
      .replace(HANGUL_PREFIX, "")
      .replace(HANGUL_SUFFIX, "")
      .replace(HAN_SUFFIX, "")
      .replace(LATIN_SUFFIX, "")
      .replace(/[\s,.&-]+$/u, "")
      .trim();
    if (core === before) break;
  }
  // A name that is nothing but a legal form ("有限公司") keeps its text: an empty core finds everything.
  return core || normalized.trim();
}
