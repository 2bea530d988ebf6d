import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeSlackApi, type FakeSlackApi } from "../../../../test/fakes/slack/fake-slack-api.js";
import { silentLogger } from "../../../core/logger.js";
import type { PlatformApiEvent } from "../../../core/platform-api-events.js";
import { SlackPoster } from "./poster.js";

let slack: FakeSlackApi;
beforeAll(async () => {
  slack = await startFakeSlackApi({ users: [{ id: "U0ONE", teamId: "T0ONE", name: "one", realName: "One", tz: "UTC" }] });
});
afterAll(async () => slack?.stop());

test("retries and failures of Slack calls are reported to the observer (metrics), successes are not", async () => {
  const events: PlatformApiEvent[] = [];
  const poster = new SlackPoster({ apiUrl: slack.apiUrl, logger: silentLogger, sleep: async () => undefined, onApiEvent: (event) => events.push(event) });
  await poster.postMessage("xoxb-1", { channel: "C0OK", text: "fine" });
  expect(events).toEqual([]);
  slack.inject("chat.postMessage", { kind: "rate-limited", retryAfterSeconds: 1 });
  await poster.postMessage("xoxb-1", { channel: "C0OK", text: "after a 429" });
  expect(events).toEqual([{ platform: "slack", kind: "retry", code: "rate_limited" }]);
  slack.inject("chat.postMessage", { kind: "platform-error", error: "not_in_channel" });
  await expect(poster.postMessage("xoxb-1", { channel: "C0OK", text: "refused" })).rejects.toThrow(/not_in_channel/);
  slack.inject("conversations.open", { kind: "server-error" });
  await poster.openDirectMessage("xoxb-1", "U0ONE");
  expect(events.slice(1)).toEqual([
    { platform: "slack", kind: "error", code: "not_in_channel" },
    { platform: "slack", kind: "retry", code: "lost_response" },
  ]);
});
