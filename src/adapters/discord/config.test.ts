import { describe, expect, test } from "vitest";
import { loadDiscordConfig } from "./config.js";

describe("loadDiscordConfig", () => {
  test("GIVEN the variables THEN a frozen config", () => {
    const config = loadDiscordConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "100000000000000001", DISCORD_API_URL: "http://127.0.0.1:4000/api" });
    expect(config).toEqual({ token: "t", applicationId: "100000000000000001", apiUrl: "http://127.0.0.1:4000/api" });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test("GIVEN no DISCORD_API_URL THEN Discord's default is used (no apiUrl)", () => {
    expect(loadDiscordConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "100000000000000001", DISCORD_API_URL: "" })).toEqual({
      token: "t",
      applicationId: "100000000000000001",
    });
  });

  test.each([
    [{ DISCORD_APPLICATION_ID: "100000000000000001" }, /DISCORD_TOKEN/],
    [{ DISCORD_TOKEN: "t" }, /DISCORD_APPLICATION_ID/],
    [{ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "abc" }, /DISCORD_APPLICATION_ID/],
    [{ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "100000000000000001", DISCORD_API_URL: "nope" }, /DISCORD_API_URL/],
  ])("GIVEN %j THEN it fails naming the variable", (env, message) => {
    expect(() => loadDiscordConfig(env)).toThrow(message);
  });
});
