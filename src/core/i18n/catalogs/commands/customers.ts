/**
 * Messages of the customers command group in the four languages. English defines the keys; each other
 * language must have exactly these keys (checked by `satisfies`), in GLOSSARY.md's terms.
 */
export const customersEn = {} as const;

type Keys = Record<keyof typeof customersEn, string>;

export const customersZhCN = {} satisfies Keys;
export const customersZhTW = {} satisfies Keys;
export const customersKo = {} satisfies Keys;
