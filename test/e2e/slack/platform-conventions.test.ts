/**
 * Slack conventions end to end (real Bolt, real core on PGlite, the fake Slack Web API):
 * `digest add ... #sales` however Slack sends the channel, no unfurls on anything Rapport posts,
 * long notes cut with the command that shows them whole, and the "Log to CRM" summary as plain text.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import { createDigestService } from "../../../src/digests/service.js";
import { createSlackDigestPoster } from "../../../src/adapters/slack/digest-poster.js";
import { blockAction, messageShortcut } from "../../fakes/slack/payloads.js";
import type { RecordedCall } from "../../fakes/slack/fake-slack-api.js";
import { BOT_TOKEN, PAT, startHarness, type DemoHarness } from "./harness.js";

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };

describe("Slack platform conventions on the real core", () => {
  let h: DemoHarness;
  beforeAll(async () => {
    h = await startHarness();
    const poster = createSlackDigestPoster({ botToken: BOT_TOKEN, apiUrl: h.slack.apiUrl, logger: silentLogger });
    h.core.useDigests(createDigestService({ store: h.core.digestStore, poster, sleep: async () => undefined }));
  });
  afterAll(async () => h?.stop());
  beforeEach(() => {
    h.slack.reset();
    h.api.calls.length = 0;
  });

  async function run(text: string): Promise<Record<string, unknown>> {
    const sent = await h.command(PAT, text);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body as Record<string, unknown>;
  }

  const readable = (body: Record<string, unknown>) => [String(body.text ?? ""), ...((body.blocks ?? []) as Block[]).map((block) => block.text?.text ?? "")].join("\n");
  const subscriptions = () => h.core.database.prisma.digestSubscription.findMany({ where: { tenantId: h.tenantId }, orderBy: { id: "asc" } });

  describe("digest add: the channel however Slack sends it", () => {
    test.each([
      ["#sales", "typed as text (should_escape off: looked up by name)"],
      ["<#C0SALES|sales>", "escaped with its name (should_escape on)"],
      ["<#C0SALES|>", "escaped with an empty label"],
      ["<#C0SALES>", "escaped without a label"],
    ])("GIVEN %s (%s) THEN the subscription posts to C0SALES", async (channel) => {
      const before = (await subscriptions()).length;
      const body = await run(`digest add followups ${channel} 08:30 Asia/Shanghai`);
      expect(readable(body)).not.toMatch(/not a channel/);
      const added = await subscriptions();
      expect(added).toHaveLength(before + 1);
      expect(added.at(-1)!.channelRef).toBe("slack:C0SALES");
    });

    test("GIVEN #sales twice THEN the channel list is read once (cached)", async () => {
      await run("digest add overdue #sales 09:00");
      await run("digest add churn #sales 09:00");
      expect(h.slack.callsOf("conversations.list").length).toBeLessThanOrEqual(1);
    });

    test("GIVEN a #name no channel has THEN a clear refusal and nothing added", async () => {
      const before = (await subscriptions()).length;
      const body = await run("digest add followups #no-such-room 08:30");
      expect(readable(body)).toContain("#no-such-room");
      expect(await subscriptions()).toHaveLength(before);
    });

    test("GIVEN #42 in another command THEN it stays a record id (no channel lookup)", async () => {
      await run("show #1");
      expect(h.slack.callsOf("conversations.list")).toHaveLength(0);
    });
  });

  describe("nothing Rapport posts unfurls", () => {
    const unfurlsOff = (args: Record<string, unknown>) => ({ unfurl_links: String(args.unfurl_links), unfurl_media: String(args.unfurl_media) });

    test("GIVEN a slash command reply THEN the response_url message has unfurl_links and unfurl_media false", async () => {
      const body = await run("show #1");
      expect(unfurlsOff(body)).toEqual({ unfurl_links: "false", unfurl_media: "false" });
    });

    test("GIVEN a shared result and a digest THEN chat.postMessage has unfurling off", async () => {
      const body = await run("show #1");
      const share = ((body.blocks ?? []) as Block[]).flatMap((block) => block.elements ?? []).find((element) => element.action_id?.startsWith("rapport:share"));
      expect(share).toBeDefined();
      await h.interact(blockAction(PAT, { actionId: share!.action_id!, value: share!.value!, channelId: "C0SALES", responseUrl: h.slack.responseUrl("share") }));
      const [shared] = await h.slack.waitForCalls("chat.postMessage");
      expect(unfurlsOff(shared!.args)).toEqual({ unfurl_links: "false", unfurl_media: "false" });

      await run("digest add followups <#C0SALES|sales> 08:30");
      const id = (await subscriptions()).at(-1)!.id;
      await run(`digest run ${id}`);
      const posts = await h.slack.waitForCalls("chat.postMessage", 2);
      const digest = posts.find((call: RecordedCall) => call.args.metadata !== undefined)!;
      expect(digest).toBeDefined();
      expect(unfurlsOff(digest.args)).toEqual({ unfurl_links: "false", unfurl_media: "false" });
      // Every post and response this test made, not only the ones looked at above.
      for (const call of [...h.slack.callsOf("chat.postMessage"), ...h.slack.callsOf("chat.postEphemeral")]) expect(unfurlsOff(call.args)).toEqual({ unfurl_links: "false", unfurl_media: "false" });
      for (const response of h.slack.responses) {
        const sent = response.body as Record<string, unknown>;
        if (sent.delete_original) continue;
        expect(unfurlsOff(sent)).toEqual({ unfurl_links: "false", unfurl_media: "false" });
      }
    });
  });

  describe("long notes", () => {
    const notes = `${"Pricing agreed for 2027, volume tiers reviewed. ".repeat(60)}END-OF-NOTES`;

    beforeAll(async () => {
      await h.core.database.prisma.customer.updateMany({ where: { tenantId: h.tenantId, id: 1 }, data: { notes } });
    });

    test("GIVEN notes over 2,800 characters THEN the file cuts them saying how many more and the command", async () => {
      const text = readable(await run("show #1"));
      const more = [...notes].length - 2_800;
      expect(text).toContain(`… (${more.toLocaleString("en")} more characters; \`show #1 notes\`)`);
      expect(text).not.toContain("END-OF-NOTES");
    });

    test("GIVEN show #1 notes THEN the whole notes, in blocks within Slack's limit", async () => {
      const body = await run("show #1 notes");
      const sections = ((body.blocks ?? []) as Block[]).filter((block) => block.type === "section").map((block) => block.text!.text);
      for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
      const text = sections.join(" ");
      expect(text).toContain("END-OF-NOTES");
      expect(text.replace(/\s+/g, " ")).toContain(notes.trim().replace(/\s+/g, " ").slice(0, 2_000));
    });
  });

  test('GIVEN a message in mrkdwn THEN "Log to CRM" prefills the summary as plain text', async () => {
    const text = "<@U0SAM> wants *200 units* &amp; a _discount_ for <https://acme.example/q/7|the quote> in <#C0SALES|sales> &lt;asap&gt;";
    await h.interact(messageShortcut(PAT, { callbackId: "log_to_crm", text, channelId: "C0SALES", messageTs: "1712345678.000200", responseUrl: h.slack.responseUrl("sc2"), triggerId: "tr.log.plain" }));
    const [open] = await h.slack.waitForCalls("views.open");
    const view = open!.args.view as { blocks: { block_id: string; element: { initial_value?: string } }[] };
    const summary = view.blocks.find((block) => block.block_id === "opt:summary")!.element.initial_value;
    expect(summary).toBe("@Sam Roe wants 200 units & a discount for the quote (https://acme.example/q/7) in #sales <asap>");
  });
});
