import { expect, test } from "vitest";
import { mergedAliases } from "./merge-queries.js";

test.each([
  ["Acme Corp", ["ACME"], ["Acme Corporation", "acme"], ["ACME", "Acme Corporation"]],
  ["北京远航物流有限公司", [], ["远航物流"], ["远航物流"]],
  ["Globex", ["GX"], ["globex", " gx ", ""], ["GX"]],
])("GIVEN %s with %o merged with %o THEN aliases %o (no repeats, never its own name)", (name, kept, added, expected) => {
  expect(mergedAliases(name, kept, added)).toEqual(expected);
});
