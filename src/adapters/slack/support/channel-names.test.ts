import { describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.js";
import { linkTypedChannels, takesChannel } from "./channel-names.js";

const CHANNELS: Record<string, string> = { sales: "C0SALES", "销售": "C0XIAOSHOU" };
const idOf = async (name: string) => CHANNELS[name];

describe("linkTypedChannels", () => {
  test.each([
    ["digest add followups #sales 08:30", "digest add followups <#C0SALES|sales> 08:30"],
    ["digest add followups #销售 08:30", "digest add followups <#C0XIAOSHOU|销售> 08:30"],
    ["digest add followups <#C0SALES|sales> 08:30", "digest add followups <#C0SALES|sales> 08:30"],
    ["digest add followups #nowhere 08:30", "digest add followups #nowhere 08:30"],
    ["digest run #3", "digest run #3"],
    ["digest add followups x#sales 08:30", "digest add followups x#sales 08:30"],
  ])("GIVEN %s THEN %s", async (typed, expected) => {
    expect(await linkTypedChannels(typed, idOf)).toBe(expected);
  });
});

describe("takesChannel", () => {
  test.each([
    ["digest add followups #sales 08:30", true],
    ["简报 添加 followups #sales 08:30", true],
    ["log acme note discussed #sales", false],
    ["show #3", false],
  ])("GIVEN %s THEN %s", (line, expected) => {
    expect(takesChannel(line, commands)).toBe(expected);
  });
});
