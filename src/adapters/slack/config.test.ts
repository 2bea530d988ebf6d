import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { SLACK_BOT_SCOPES, slackConfigFromEnv } from "./config.js";

test("GIVEN manifest/slack.yaml THEN its bot scopes are exactly the ones the OAuth flow requests", () => {
  const manifest = readFileSync(new URL("../../../manifest/slack.yaml", import.meta.url), "utf8");
  const bot = manifest.slice(manifest.indexOf("    bot:\n"), manifest.indexOf("\nsettings:"));
  const scopes = [...bot.matchAll(/^\s+- ([a-z:.]+)/gm)].map((match) => match[1]);
  expect(scopes.sort()).toEqual([...SLACK_BOT_SCOPES].sort());
});

describe("slackConfigFromEnv", () => {
  test("GIVEN single-workspace HTTP variables THEN a frozen config", () => {
    const config = slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "8080", SLACK_API_URL: "http://127.0.0.1:9/api" });
    expect(config).toMatchObject({ botToken: "xoxb-1", signingSecret: "s", port: 8080, apiUrl: "http://127.0.0.1:9/api/", ackBudgetMs: 2000, maxClockSkewSeconds: 300 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test("GIVEN Socket Mode THEN no signing secret needed", () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).appToken).toBe("xapp-1");
  });

  test("GIVEN the OAuth variables and RAPPORT_SECRET_KEY THEN an OAuth config with the bot scopes", () => {
    const config = slackConfigFromEnv({ SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "c", SLACK_STATE_SECRET: "t", SLACK_SIGNING_SECRET: "s", RAPPORT_SECRET_KEY: "k".repeat(32) });
    expect(config.oauth).toMatchObject({ clientId: "1.2", clientSecret: "c", stateSecret: "t" });
    expect(config.botToken).toBeUndefined();
    expect(JSON.stringify(config)).not.toContain("kkkk");
  });

  test("GIVEN SLACK_ADMIN_USER_IDS THEN the operator's admins, trimmed", () => {
    const config = slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_ADMIN_USER_IDS: " U012ABCDEF, W034GHIJKL ," });
    expect(config.adminUserIds).toEqual(["U012ABCDEF", "W034GHIJKL"]);
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).adminUserIds).toBeUndefined();
  });

  test.each([
    ["no token", {}, /SLACK_BOT_TOKEN/],
    ["admin ids that are not user ids", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_ADMIN_USER_IDS: "@pat" }, /SLACK_ADMIN_USER_IDS must be Slack user ids/],
    ["no signing secret", { SLACK_BOT_TOKEN: "xoxb-1" }, /SLACK_SIGNING_SECRET/],
    ["bad app token", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }, /xapp-/],
    ["half OAuth", { SLACK_CLIENT_ID: "1", SLACK_SIGNING_SECRET: "s" }, /SLACK_CLIENT_SECRET/],
    ["OAuth without RAPPORT_SECRET_KEY", { SLACK_CLIENT_ID: "1", SLACK_CLIENT_SECRET: "c", SLACK_STATE_SECRET: "t", SLACK_SIGNING_SECRET: "s" }, /RAPPORT_SECRET_KEY is required/],
    ["bad port", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "http" }, /PORT/],
  ])("GIVEN %s THEN it fails naming the variable", (_name, env, message) => {
    expect(() => slackConfigFromEnv(env)).toThrow(message);
  });
});
