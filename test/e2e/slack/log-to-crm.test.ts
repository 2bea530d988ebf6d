import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { blockAction, blockSuggestion, globalShortcut, messageShortcut, viewSubmission } from "../../fakes/slack/payloads.js";
import { PAT, startHarness, type DemoHarness } from "./harness.js";

type View = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: { block_id: string; element: Record<string, unknown> }[] };

describe('"Log to CRM" shortcut -> modal -> submission -> Undo', () => {
  let h: DemoHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());
  beforeEach(() => {
    h.slack.reset();
    h.api.calls.length = 0;
  });

  async function openLogModal(text: string): Promise<View> {
    const res = await h.interact(messageShortcut(PAT, { callbackId: "log_to_crm", text, channelId: "C0SALES", messageTs: "1712345678.000100", responseUrl: h.slack.responseUrl("sc"), triggerId: "tr.log.1" }));
    expect(res.status).toBe(200);
    const [open] = await h.slack.waitForCalls("views.open");
    expect(open!.args.trigger_id).toBe("tr.log.1");
    const [update] = await h.slack.waitForCalls("views.update");
    return { ...(update!.args.view as View), id: String(update!.args.view_id), hash: "h-after-update" };
  }

  const values = (customer: string) => ({
    "opt:customer": { "pick:customer": { type: "external_select", selected_option: { text: { type: "plain_text", text: "Acme" }, value: customer } } },
    "opt:channel": { value: { type: "static_select", selected_option: { value: "chat" } } },
    "opt:summary": { value: { type: "plain_text_input", value: "They want 200 units <!channel>" } },
    "opt:next": { value: { type: "datepicker", selected_date: "2026-12-01" } },
    "opt:outcome": { value: { type: "static_select", selected_option: null } },
    "opt:link": { value: { type: "plain_text_input", value: null } },
  });

  test("should open the modal at once, prefilled, then add the permalink", async () => {
    const view = await openLogModal("They want 200 units");
    const opened = h.slack.callsOf("views.open")[0]!.args.view as View;
    expect(opened.callback_id).toBe("rapport:form:log");
    expect(opened.blocks.find((block) => block.block_id === "opt:summary")!.element.initial_value).toBe("They want 200 units");
    expect(h.slack.callsOf("views.open")[0]!.at).toBeLessThanOrEqual(h.slack.callsOf("chat.getPermalink")[0]!.at);
    expect(view.blocks.find((block) => block.block_id === "opt:link")!.element.initial_value).toBe("https://fake.slack.test/archives/C0SALES/p1712345678000100");
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: "C0SALES", messageLink: "https://fake.slack.test/archives/C0SALES/p1712345678000100" });
  });

  test("should log once even when the submission arrives twice, confirm with Undo, and undo", async () => {
    const view = await openLogModal("They want 200 units");
    const submission = viewSubmission(PAT, view, values("#1"));
    const [first, second] = await Promise.all([h.interact(submission), h.interact(submission)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.text).toBe("");

    const [ephemeral] = await h.slack.waitForCalls("chat.postEphemeral");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.api.callsOf("runArgs")).toHaveLength(1);
    expect(h.slack.callsOf("chat.postEphemeral")).toHaveLength(1);
    expect(h.api.callsOf("runArgs")[0]).toMatchObject({
      command: "log",
      args: { customer: "#1", channel: "chat", summary: "They want 200 units <!channel>", next: "2026-12-01", link: "https://fake.slack.test/archives/C0SALES/p1712345678000100" },
      idempotencyKey: expect.stringMatching(/^slack:T0ACME:view:V\d+:h-after-update:/),
    });
    expect(ephemeral!.args).toMatchObject({ channel: "C0SALES", user: "U0PAT" });
    const posted = JSON.stringify(ephemeral!.args.blocks);
    expect(posted).toContain("&lt;!channel&gt;");
    expect(posted).not.toContain("<!channel>");

    const undo = (ephemeral!.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id.startsWith("rapport:undo:"))!;
    const interactions = () => h.core.database.prisma.interaction.count({ where: { tenantId: h.tenantId, summary: "They want 200 units <!channel>", undone: false } });
    expect(await interactions()).toBe(1);
    const res = await h.interact(blockAction(PAT, { actionId: undo.action_id, value: undo.value, responseUrl: h.slack.responseUrl("undo-1") }));
    expect(res.status).toBe(200);
    const [answer] = await h.slack.waitForResponses("undo-1");
    expect(answer!.body).toMatchObject({ replace_original: true, text: expect.stringMatching(/^Undone/) });
    expect(h.api.callsOf("undo")[0]).toMatchObject({ token: undo.value, actor: { userExternalId: "U0PAT" } });
    expect(await interactions()).toBe(0);
  });

  test("should show the core's field errors on the form", async () => {
    const view = await openLogModal("hello");
    const res = await h.interact(viewSubmission(PAT, view, values("#999")));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors: { "opt:customer": "No customer #999 in this workspace." } });
    expect(h.slack.callsOf("chat.postEphemeral")).toHaveLength(0);
  });

  test("should offer customers from api.pick in the external select", async () => {
    const res = await h.interact(blockSuggestion(PAT, { actionId: "pick:customer", blockId: "opt:customer", value: "acme" }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).options).toContainEqual({ text: { type: "plain_text", text: "Acme Corp (Boston)", emoji: true }, value: "#1" });
    expect(h.api.callsOf("pick")[0]).toMatchObject({ kind: "customer", query: "acme" });
  });

  test("should open the New customer form from the global shortcut and show a missing name on the field", async () => {
    await h.interact(globalShortcut(PAT, { callbackId: "new_customer", triggerId: "tr.new.1" }));
    const [open] = await h.slack.waitForCalls("views.open");
    const view = { ...(open!.args.view as View), id: "V0NEW", hash: "h1" };
    expect(view.callback_id).toBe("rapport:form:new");
    const res = await h.interact(viewSubmission(PAT, view, { "opt:name": { value: { type: "plain_text_input", value: "" } }, "opt:fields": { value: { type: "plain_text_input", value: "" } } }));
    expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors: { "opt:name": "The customer name is missing." } });
  });

  test("should open a prefilled form from a card button", async () => {
    await h.interact(blockAction(PAT, { actionId: "rapport:form:1", value: '{"c":"log","p":{"customer":"#1","channel":"call"}}', responseUrl: h.slack.responseUrl("f") }));
    const [open] = await h.slack.waitForCalls("views.open");
    const view = open!.args.view as View;
    expect(view.blocks.find((block) => block.block_id === "opt:customer")!.element.initial_option).toEqual({ text: { type: "plain_text", text: "#1", emoji: true }, value: "#1" });
  });
});
