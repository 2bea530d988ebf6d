import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appHomeOpened, eventCallback } from "../../fakes/slack/payloads.js";
import { PAT, startHarness, type Harness } from "./harness.js";
import { HOME_SECTIONS } from "../../../src/adapters/slack/listeners/events/app-home-opened.js";

describe("events", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  test("should publish the App Home workbench from the follow-up commands", async () => {
    const res = await h.event(eventCallback(PAT, appHomeOpened(PAT), "Ev0HOME1"));
    expect(res.status).toBe(200);
    const [publish] = await h.slack.waitForCalls("views.publish");
    expect(publish!.args.user_id).toBe("U0PAT");
    const view = publish!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toContain("Your tasks");
    expect(h.api.callsOf("runText").map((call) => call.text).sort()).toEqual(HOME_SECTIONS.map((section) => section.command).sort());
    expect(h.api.callsOf("runText").map((call) => call.text)).toContain("tasks week");
  });

  test("should handle a retried event delivery once", async () => {
    const before = h.slack.callsOf("views.publish").length;
    const envelope = eventCallback(PAT, appHomeOpened(PAT), "Ev0RETRY1");
    const first = await h.event(envelope);
    const retries = await Promise.all(
      [1, 2, 3].map((n) => h.event(envelope, { extraHeaders: { "X-Slack-Retry-Num": String(n), "X-Slack-Retry-Reason": "http_timeout" } })),
    );
    expect([first, ...retries].map((res) => res.status)).toEqual([200, 200, 200, 200]);
    await h.slack.waitForCalls("views.publish", before + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.slack.callsOf("views.publish")).toHaveLength(before + 1);
  });

  test("should answer Slack's url_verification challenge", async () => {
    const res = await h.event({ token: "x", challenge: "c-123", type: "url_verification" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: "c-123" });
  });
});
