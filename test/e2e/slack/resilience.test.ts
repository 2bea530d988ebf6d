import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { blockAction } from "../../fakes/slack/payloads.js";
import { PAT_ACTOR } from "./demo-core.js";
import { PAT, startHarness, type DemoHarness } from "./harness.js";

type Block = { type: string; elements?: { action_id?: string; value?: string }[] };

describe("escaping, slow core, rate limits, sharing", () => {
  let h: DemoHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());
  beforeEach(() => {
    h.slack.reset();
    h.api.calls.length = 0;
    h.api.latencyMs = 0;
    h.api.failNext = undefined;
  });

  test("should never let mentions or spoofed links from data reach Slack unescaped", async () => {
    const created = await h.core.rapport.runArgs({
      actor: PAT_ACTOR,
      command: "new",
      args: { name: "Evil <!channel> <!here> <@U0BOSS> <https://evil.example|acme.com> @channel", fields: { city: "<!everyone>" } },
    });
    expect(created.isError).toBeFalsy();
    const sent = await h.command(PAT, "find evil");
    const [response] = await h.slack.waitForResponses(sent.responseId);
    const wire = JSON.stringify(response!.body);
    for (const raw of ["<!channel>", "<!here>", "<@U0BOSS>", "<https://evil.example|acme.com>", "<!everyone>", "@channel"]) expect(wire).not.toContain(raw);
    expect(wire).toContain("&lt;!channel&gt;");
  });

  test("should ack within 3 s while the core takes 5 s, and answer through response_url later", async () => {
    h.api.latencyMs = 5_000;
    const sent = await h.command(PAT, "show acme");
    expect(sent.status).toBe(200);
    expect(sent.elapsedMs).toBeLessThan(3_000);
    expect(sent.text).toBe("");
    expect(h.slack.responsesTo(sent.responseId)).toHaveLength(0);
    const [response] = await h.slack.waitForResponses(sent.responseId, 1, 10_000);
    expect(response!.inAck).toBeUndefined();
    expect(response!.at - Date.now()).toBeLessThanOrEqual(0);
    expect(response!.body).toMatchObject({ text: "Acme Corp" });
  }, 15_000);

  test("should close a slow form submission within 3 s and confirm later", async () => {
    const { viewSubmission } = await import("../../fakes/slack/payloads.js");
    const { buildCommandModal } = await import("../../../src/adapters/slack/render/modal.js");
    h.api.latencyMs = 4_000;
    const view = { ...buildCommandModal(h.api.commands.find((c) => c.name === "log")!, { metadata: { channelId: "C0SALES" } }), id: "V0SLOW", hash: "h" };
    const started = Date.now();
    const res = await h.interact(
      viewSubmission(PAT, view as unknown as Record<string, unknown>, {
        "opt:customer": { "pick:customer": { type: "external_select", selected_option: { value: "#1" } } },
        "opt:channel": { value: { type: "static_select", selected_option: { value: "call" } } },
        "opt:summary": { value: { type: "plain_text_input", value: "slow db" } },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(Date.now() - started).toBeLessThan(3_000);
    const [ephemeral] = await h.slack.waitForCalls("chat.postEphemeral", 1, () => true, 10_000);
    expect(ephemeral!.args.text).toBe("Logged call with Acme Corp");
  }, 15_000);

  async function shareFind(channelId = "C0SALES"): Promise<{ actionId: string; value: string }> {
    const sent = await h.command(PAT, "find globex", { channelId });
    const [response] = await h.slack.waitForResponses(sent.responseId);
    const share = ((response!.body as { blocks: Block[] }).blocks.flatMap((block) => block.elements ?? [])).find((element) => element.action_id?.startsWith("rapport:share:"))!;
    return { actionId: share.action_id!, value: share.value! };
  }

  test("should share an ephemeral reply in the channel, retrying a 429 on chat.postMessage after Retry-After", async () => {
    const share = await shareFind();
    h.slack.inject("chat.postMessage", { kind: "rate-limited", retryAfterSeconds: 1 });
    const res = await h.interact(blockAction(PAT, { actionId: share.actionId, value: share.value, responseUrl: h.slack.responseUrl("share-1") }));
    expect(res.status).toBe(200);
    const [posted] = await h.slack.waitForCalls("chat.postMessage", 1, () => true, 10_000);
    const limited = h.slack.callsOf("chat.postMessage#429")[0]!;
    expect(posted!.at - limited.at).toBeGreaterThanOrEqual(900);
    expect(posted!.args.channel).toBe("C0SALES");
    expect(JSON.stringify(posted!.args.blocks)).toContain("Shared by <@U0PAT>");
    expect(JSON.stringify(posted!.args.blocks)).not.toContain("rapport:share:");
    const [deleted] = await h.slack.waitForResponses("share-1");
    expect(deleted!.body).toEqual({ delete_original: true });
  }, 15_000);

  test("should not post twice when the response to chat.postMessage is lost", async () => {
    const share = await shareFind();
    h.slack.inject("chat.postMessage", { kind: "drop-after-processing" });
    await h.interact(blockAction(PAT, { actionId: share.actionId, value: share.value, responseUrl: h.slack.responseUrl("share-2") }));
    const [apology] = await h.slack.waitForResponses("share-2");
    expect(String((apology!.body as { text: string }).text)).toMatch(/error id/);
    expect(h.slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(h.slack.responsesTo("share-2").some((response) => response.body.response_type === "in_channel")).toBe(false);
  });

  test.each([
    ["a Slack Connect channel (is_ext_shared)", "C0CONNECT", /shared with another organisation \(Slack Connect\)/],
    ["a channel Rapport cannot see", "C0HIDDEN", /cannot tell whether it is shared with another organisation/],
  ])("should refuse to share into %s, saying why", async (_name, channelId, message) => {
    const share = await shareFind(channelId);
    const res = await h.interact(blockAction(PAT, { actionId: share.actionId, value: share.value, channelId, responseUrl: h.slack.responseUrl(`share-${channelId}`) }));
    expect(res.status).toBe(200);
    const [answer] = await h.slack.waitForResponses(`share-${channelId}`);
    expect(answer!.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(answer!.body.text)).toMatch(message);
    expect(h.slack.callsOf("conversations.info")[0]!.args.channel).toBe(channelId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.slack.callsOf("chat.postMessage")).toHaveLength(0);
    expect(h.slack.responsesTo(`share-${channelId}`).some((response) => response.body.response_type === "in_channel" || response.body.delete_original)).toBe(false);
  });

  test("should refuse to share someone else's reply", async () => {
    const share = await shareFind();
    const { SAM } = await import("./harness.js");
    await h.interact(blockAction(SAM, { actionId: share.actionId, value: share.value, responseUrl: h.slack.responseUrl("share-3") }));
    const [answer] = await h.slack.waitForResponses("share-3");
    expect(answer!.body).toMatchObject({ text: "That result can no longer be shared" });
    expect(h.slack.callsOf("chat.postMessage")).toHaveLength(0);
  });
});
