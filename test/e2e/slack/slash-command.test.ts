import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { PAT_ACTOR } from "./demo-core.js";
import { PAT, SAM, startHarness, type DemoHarness } from "./harness.js";

describe("/crm over HTTP with the real Bolt App", () => {
  let h: DemoHarness;
  beforeAll(async () => {
    h = await startHarness();
    for (let index = 1; index <= 25; index += 1) {
      await h.core.rapport.runText({ actor: PAT_ACTOR, text: `new "Bulkhead ${String(index).padStart(2, "0")}" city=Kiel` });
    }
  });
  afterAll(async () => h.stop());
  beforeEach(() => {
    h.slack.reset();
    h.api.calls.length = 0;
  });

  test("should answer find in the ack with a card and buttons", async () => {
    const sent = await h.command(PAT, "find acme", { triggerId: "111.222.abc" });
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    expect(response!.inAck).toBe(true);
    const body = response!.body as { response_type: string; replace_original: boolean; text: string; blocks: { type: string; elements?: { action_id: string; value: string }[]; accessory?: { action_id: string; value: string } }[] };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toBe('Customers matching "acme"');
    const buttons = body.blocks.flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]).filter((element) => "action_id" in element);
    expect(buttons.map((button) => button.action_id.split(":")[1])).toEqual(expect.arrayContaining(["run", "form", "share"]));
    expect(buttons.map((button) => button.value)).toContain("show #1");
    expect(buttons.at(-1)!.action_id).toMatch(/^rapport:share:/);
    expect(buttons.at(-1)!.value).toMatch(/^[A-Za-z0-9_-]{22}$/);

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

  test("should render a paged reply within the block limit, every item of the page shown, with paging buttons", async () => {
    const sent = await h.command(PAT, "find bulkhead");
    const [response] = await h.slack.waitForResponses(sent.responseId);
    const blocks = (response!.body as { blocks: unknown[] }).blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (let index = 1; index <= 10; index += 1) expect(JSON.stringify(blocks)).toContain(`Bulkhead ${String(index).padStart(2, "0")}`);
    expect(JSON.stringify(blocks)).not.toContain("Bulkhead 11");
    expect(JSON.stringify(blocks)).toContain('"value":"find bulkhead page=2"');
  });

  test("should replace the message with the next page when Next is pressed", async () => {
    const { blockAction } = await import("../../fakes/slack/payloads.js");
    const res = await h.interact(blockAction(PAT, { actionId: "rapport:page:1", value: "find bulkhead page=2", responseUrl: h.slack.responseUrl("page-1") }));
    expect(res.status).toBe(200);
    const [response] = await h.slack.waitForResponses("page-1");
    expect(response!.body).toMatchObject({ replace_original: true, text: 'Customers matching "bulkhead"' });
    expect(JSON.stringify(response!.body)).toContain("Bulkhead 11");
  });
});
