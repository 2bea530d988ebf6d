import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { PAT, SAM, startHarness, type Harness } from "./harness.js";

describe("/crm over HTTP with the real Bolt App", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());
  beforeEach(() => {
    h.slack.reset();
    h.api.calls.length = 0;
  });

  test("should acknowledge at once and answer find through response_url with a card and buttons", async () => {
    const sent = await h.command(PAT, "find acme", { triggerId: "111.222.abc" });
    expect(sent.status).toBe(200);
    expect(sent.text).toBe("");
    const [response] = await h.slack.waitForResponses(sent.responseId);
    const body = response!.body as { response_type: string; replace_original: boolean; text: string; blocks: { type: string; elements?: { action_id: string; value: string }[] }[] };
    expect(body.response_type).toBe("ephemeral");
    expect(body.replace_original).toBe(false);
    expect(body.text).toBe('2 customer(s) match "acme"');
    const buttons = body.blocks.flatMap((block) => block.elements ?? []).filter((element) => "action_id" in element);
    expect(buttons.map((button) => button.action_id)).toEqual(["rapport:form:1", "rapport:form:2", "rapport:run:3", "rapport:share:0"]);
    expect(buttons[2]!.value).toBe("orders #1");
    expect(buttons[3]!.value).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const [call] = h.api.callsOf("runText");
    expect(call).toMatchObject({
      text: "find acme",
      idempotencyKey: "slack:T0ACME:trigger:111.222.abc",
      actor: {
        platform: "slack",
        tenantExternalId: "T0ACME",
        tenantName: "acme",
        userExternalId: "U0PAT",
        profile: { displayName: "Pat", email: "pat@acme.example", timeZone: "Asia/Shanghai", isPlatformAdmin: true },
      },
    });
  });

  test("should map a non-admin member and cache users.info", async () => {
    const first = await h.command(SAM, "help");
    await h.slack.waitForResponses(first.responseId);
    const second = await h.command(SAM, "help");
    await h.slack.waitForResponses(second.responseId);
    expect(h.slack.callsOf("users.info").filter((call) => call.args.user === "U0SAM")).toHaveLength(1);
    expect(h.api.callsOf("runText")[0]!.actor.profile).toEqual({ displayName: "Sam Roe", email: "sam@acme.example", timeZone: "Europe/Berlin", isPlatformAdmin: false, isGuest: false });
  });

  test("should run help for an empty /crm", async () => {
    const sent = await h.command(PAT, "   ");
    await h.slack.waitForResponses(sent.responseId);
    expect(h.api.callsOf("runText")[0]!.text).toBe("help");
  });

  test("should open the form for /crm log without arguments", async () => {
    const sent = await h.command(PAT, "log", { triggerId: "333.444.form", channelId: "C0SALES" });
    expect(sent.status).toBe(200);
    const [open] = await h.slack.waitForCalls("views.open");
    expect(open!.args.trigger_id).toBe("333.444.form");
    expect((open!.args.view as { callback_id: string }).callback_id).toBe("rapport:form:log");
    expect(h.api.callsOf("runText")).toHaveLength(0);
  });

  test("should answer an unexpected core error with a short apology and an id, and log it", async () => {
    h.api.failNext = new Error("database on fire");
    const sent = await h.command(PAT, "find acme");
    const [response] = await h.slack.waitForResponses(sent.responseId);
    const text = String((response!.body as { text: string }).text);
    const errorId = /error id ([0-9a-f]{8})/.exec(text)?.[1];
    expect(errorId).toBeDefined();
    expect(text).not.toContain("database on fire");
    expect(h.logs.some((entry) => entry.level === "error" && (entry.object as { errorId?: string }).errorId === errorId)).toBe(true);
  });

  test("should render a 200-item reply in at most 50 blocks, every item shown, with paging buttons", async () => {
    const sent = await h.command(PAT, "many 200");
    const [response] = await h.slack.waitForResponses(sent.responseId);
    const blocks = (response!.body as { blocks: unknown[] }).blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toContain("Item 200*");
    expect(JSON.stringify(blocks)).toContain('"value":"many 200 2"');
  });

  test("should replace the message with the next page when Next is pressed", async () => {
    const { blockAction } = await import("../../fakes/slack/payloads.js");
    const res = await h.interact(blockAction(PAT, { actionId: "rapport:page:1", value: "many 3 2", responseUrl: h.slack.responseUrl("page-1") }));
    expect(res.status).toBe(200);
    const [response] = await h.slack.waitForResponses("page-1");
    expect(response!.body).toMatchObject({ replace_original: true, text: "3 items" });
  });
});
