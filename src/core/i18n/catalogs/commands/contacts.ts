/**
 * Messages of the contacts command group in the four languages. English defines the keys; each other
 * language must have exactly these keys (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const contactsEn = {} as const;

type Keys = Record<keyof typeof contactsEn, string>;

export const contactsZhCN = {} satisfies Keys;
export const contactsZhTW = {} satisfies Keys;
export const contactsKo = {} satisfies Keys;
