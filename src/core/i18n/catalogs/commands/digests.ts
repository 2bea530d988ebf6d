/**
 * Messages of the digests command group in the four languages. English defines the keys; each other
 * language must have exactly these keys (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const digestsEn = {} as const;

type Keys = Record<keyof typeof digestsEn, string>;

export const digestsZhCN = {} satisfies Keys;
export const digestsZhTW = {} satisfies Keys;
export const digestsKo = {} satisfies Keys;
