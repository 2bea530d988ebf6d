import { describe, expect, test } from "vitest";
import { slackConfigFromEnv } from "./config.js";

describe("slackConfigFromEnv", () => {
  test("GIVEN single-workspace HTTP variables THEN a frozen config", () => {
    const config = slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "8080", SLACK_API_URL: "http://127.0.0.1:9/api" });
    expect(config).toMatchObject({ botToken: "xoxb-1", signingSecret: "s", port: 8080, apiUrl: "http://127.0.0.1:9/api/", ackBudgetMs: 2000, maxClockSkewSeconds: 300 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test("GIVEN Socket Mode THEN no signing secret needed", () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).appToken).toBe("xapp-1");
  });

  test.each([
    ["no token", {}, /SLACK_BOT_TOKEN/],
    ["no signing secret", { SLACK_BOT_TOKEN: "xoxb-1" }, /SLACK_SIGNING_SECRET/],
    ["bad app token", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }, /xapp-/],
    ["half OAuth", { SLACK_CLIENT_ID: "1", SLACK_SIGNING_SECRET: "s" }, /SLACK_CLIENT_SECRET/],
    ["bad port", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "http" }, /PORT/],
  ])("GIVEN %s THEN it fails naming the variable", (_name, env, message) => {
    expect(() => slackConfigFromEnv(env)).toThrow(message);
  });
});
