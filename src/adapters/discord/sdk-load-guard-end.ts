/** Puts back what sdk-load-guard.ts lifted while discord.js loaded (see there). */
const KEY = Symbol.for("rapport.discord.setToJSON");
type Holder = { [KEY]?: PropertyDescriptor | null };

const lifted = (globalThis as Holder)[KEY];
if (lifted) Object.defineProperty(Set.prototype, "toJSON", lifted);
delete (globalThis as Holder)[KEY];

export {};
