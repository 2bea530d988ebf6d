import { describe, expect, test } from "vitest";
import { tokenize } from "../core/tokenize.js";
import { commands } from "./index.js";

describe("the registry", () => {
  test.each(commands.flatMap((definition) => definition.examples.map((example) => [example, definition] as const)))(
    "GIVEN the example %s THEN the command's own parser and schema accept it",
    (example, definition) => {
      const [, ...rest] = tokenize(example);
      const parsed = definition.schema.safeParse(definition.parseText(rest));
      expect(parsed.error?.issues ?? []).toEqual([]);
    },
  );
});
