/**
 * Imported FIRST by index.ts, before anything that loads discord.js; sdk-load-guard-end.ts is
 * imported LAST and undoes it.
 *
 * Why: vega-lite (the charts) replaces `Set.prototype.toJSON` with one returning a string
 * ("Set(...)"). discord.js loads node-inspect-extracted (through @vladfrangu/async_event_emitter),
 * which fails at load time under that patch ('string "Set()" is not iterable'), so once the charts
 * are loaded the Discord adapter cannot be imported at all (`rapport start`, `rapport discord
 * register`). The patch is lifted while discord.js loads and put back afterwards, because vega-lite
 * relies on it.
 */
const KEY = Symbol.for("rapport.discord.setToJSON");
type Holder = { [KEY]?: PropertyDescriptor | null };

const patched = Object.getOwnPropertyDescriptor(Set.prototype, "toJSON");
(globalThis as Holder)[KEY] = patched ?? null;
if (patched) delete (Set.prototype as { toJSON?: unknown }).toJSON;

export {};
