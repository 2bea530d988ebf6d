import { describe, expect, test } from "vitest";
import { adminsOf, channelRefsFor } from "./core/platform.js";
import { builtInPlatforms } from "./platforms.js";

const platforms = builtInPlatforms(() => {
  throw new Error("no database in this test");
});

describe("channel refs as typed on each platform", () => {
  test.each([
    ["slack", "<#C0123ABCD|sales>", "slack:C0123ABCD"],
    ["slack", "<#G0123ABCD>", "slack:G0123ABCD"],
    ["slack", "C0123ABCD", "slack:C0123ABCD"],
    ["slack", " slack:C0123ABCD ", "slack:C0123ABCD"],
    ["slack", "<#123456789012345678>", "discord:123456789012345678"],
    ["slack", "123456789012345678", null],
    ["slack", "#sales", null],
    ["slack", "stdout", null],
    ["slack", "console:stdout", "console:stdout"],
    ["discord", "<#123456789012345678>", "discord:123456789012345678"],
    ["discord", "123456789012345678", "discord:123456789012345678"],
    ["discord", "discord:123456789012345678", "discord:123456789012345678"],
    ["discord", "C0123ABCD", null],
    ["discord", "slack:C0123ABCD", "slack:C0123ABCD"],
    ["console", "stdout", "console:stdout"],
    ["console", "here", "console:stdout"],
    ["console", "console:file:/var/lib/rapport/digests.log", "console:file:/var/lib/rapport/digests.log"],
    ["console", "C0123ABCD", null],
    ["console", "#general", null],
    ["teams", "slack:C0123ABCD", "slack:C0123ABCD"],
    ["teams", "stdout", null],
  ])("GIVEN %s WHEN %j is typed THEN the ref is %j", (acting, typed, expected) => {
    expect(channelRefsFor(platforms, acting).parse(typed)).toBe(expected);
  });

  test.each([
    ["slack:C0123ABCD", "<#C0123ABCD>"],
    ["discord:123456789012345678", "<#123456789012345678>"],
    ["console:stdout", "console:stdout"],
    ["teams:19:abc", "teams:19:abc"],
  ])("%s is written back as %s", (ref, written) => {
    expect(channelRefsFor(platforms, "slack").format(ref)).toBe(written);
  });

  test("hints and examples come from the acting platform", () => {
    expect(channelRefsFor(platforms, "console")).toMatchObject({ howToPick: "Pick it with # so it becomes a link, or use console:stdout", example: "console:stdout" });
    expect(channelRefsFor(platforms, "discord")).toMatchObject({ howToPick: "Pick it with # so it becomes a link", example: "#sales" });
  });

  test("refusals say where each platform's admins come from", () => {
    expect(adminsOf(platforms, "discord")).toBe("Members with the Manage Server permission are Rapport admins automatically");
    expect(adminsOf(platforms, "teams")).toBe("This workspace's admins are Rapport admins automatically");
  });
});
