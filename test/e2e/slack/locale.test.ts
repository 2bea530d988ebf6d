/**
 * Languages on Slack through the real Bolt app and the real core: `users.info` with
 * include_locale gives the member's language, so a member whose Slack is in Traditional Chinese
 * reads Traditional Chinese; English members read what they always did.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import { createAdmission } from "../../../src/core/admission.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import type { RecordedResponse } from "../../fakes/slack/fake-slack-api.js";
import { globalShortcut, messageShortcut, viewSubmission, type Who } from "../../fakes/slack/payloads.js";
import { instrumentCore, type InstrumentedCore } from "../../support/instrumented-core.js";
import { startDemoCore } from "./demo-core.js";
import { DEFAULT_FAKE_SLACK, PAT, SAM, startHarnessWith, TEAM_ID, type Harness } from "./harness.js";

const LIN: Who = { teamId: TEAM_ID, userId: "U0LIN", userName: "lin" };
const WITH_LIN = {
  ...DEFAULT_FAKE_SLACK,
  users: [...DEFAULT_FAKE_SLACK.users!, { id: LIN.userId, teamId: TEAM_ID, name: "lin", realName: "林怡君", email: "lin@acme.example", tz: "Asia/Taipei", locale: "zh-TW" }],
};

type PlainText = { type: "plain_text"; text: string };
type ModalView = {
  title: PlainText;
  submit: PlainText;
  close: PlainText;
  blocks: { block_id: string; label: PlainText; hint?: PlainText; element: { placeholder?: PlainText; options?: { text: PlainText; value: string }[]; initial_option?: { text: PlainText; value: string } } }[];
};
const inputOf = (view: ModalView, name: string) => view.blocks.find((block) => block.block_id === `opt:${name}`)!;

type SlackBlock = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: unknown }[] };

/** Every text a person reads in the message, button labels included. */
function readable(body: Record<string, unknown>): string {
  const blocks = (body.blocks ?? []) as SlackBlock[];
  const texts = (element: { text?: unknown }) => (typeof element.text === "string" ? element.text : ((element.text as { text?: string } | undefined)?.text ?? ""));
  return [String(body.text ?? ""), ...blocks.flatMap((block) => [block.text?.text ?? "", ...(block.fields ?? []).map((field) => field.text), ...(block.elements ?? []).map(texts)])].join("\n");
}

describe("Slack replies in the member's Slack language", () => {
  let core: App;
  let h: Harness<RapportApi>;

  async function run(who: Who, text: string): Promise<RecordedResponse["body"]> {
    const sent = await h.command(who, text);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body;
  }

  beforeAll(async () => {
    ({ core } = await startDemoCore());
    h = await startHarnessWith<RapportApi>(core.rapport, { slack: WITH_LIN });
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });
  beforeEach(() => h.slack.reset());

  test("GIVEN Slack locale zh-TW and a mistyped command THEN a Traditional Chinese answer with the Taiwan command word", async () => {
    const body = await run(LIN, "fnd acme");
    expect(h.slack.callsOf("users.info").map((call) => String(call.args.include_locale))).toEqual(["true"]);
    expect(body.text).toBe("沒有「fnd」這個指令。您是不是要用 查詢？輸入 說明 查看所有指令。");
    expect(readable(body)).toContain("範例：/crm 查詢 acme");
  });

  test("GIVEN Slack locale zh-TW THEN help lists Traditional Chinese command words and usage lines, with 分享到頻道", async () => {
    const body = await run(LIN, "help");
    expect(body.text).toBe("Rapport 指令");
    const text = readable(body);
    for (const word of ["查詢", "記錄", "訂單", "跟進", "說明", "設定", "依名稱、別名、聯絡人、Email 或電話查詢客戶", "查詢 &lt;", "分享到頻道"]) expect(text).toContain(word);
    expect(text).not.toContain("find &lt;");
  });

  test("GIVEN a member without a Slack locale THEN English as before", async () => {
    const body = await run(PAT, "fnd acme");
    expect(body.text).toBe('There is no command "fnd". Did you mean find? Type help to list them.');
    expect((await run(PAT, "help")).text).toBe("Rapport commands");
  });
});

describe("Slack forms and refusals in the member's language", () => {
  let core: App;
  let h: Harness<InstrumentedCore>;

  beforeAll(async () => {
    ({ core } = await startDemoCore());
    // One command runs, one waits: a third is turned away before anything is looked up.
    const admission = createAdmission({ maxInFlight: 1, maxWaiting: 1, member: { perSecond: 0, burst: 1 }, workspace: { perSecond: 0, burst: 1 } });
    // The recording core passes on the calls it knows; forms also ask the real core for the member's language.
    const api = Object.assign(instrumentCore(core.rapport), { localeOf: core.rapport.localeOf });
    // Acked at once: the slow commands must hold their places while the next one arrives.
    h = await startHarnessWith(api, { slack: WITH_LIN, admission, answerInAckMs: 0 });
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });
  beforeEach(() => {
    h.slack.reset();
    h.api.latencyMs = 0;
  });

  async function openForm(who: Who, text: string): Promise<ModalView> {
    const sent = await h.command(who, text, { triggerId: `tr.${who.userId}.${Date.now()}` });
    expect(sent.text).toBe("");
    const [open] = await h.slack.waitForCalls("views.open");
    return open!.args.view as ModalView;
  }

  test("GIVEN Slack locale zh-TW WHEN /crm log opens its form THEN title, buttons, labels, hints, placeholder and choices are Traditional Chinese", async () => {
    const view = await openForm(LIN, "log");
    expect(view.title.text).toBe("記錄到 CRM");
    expect(view.submit.text).toBe("儲存");
    expect(view.close.text).toBe("取消");
    expect(inputOf(view, "customer").label.text).toBe("客戶");
    expect(inputOf(view, "customer").hint!.text).toBe("客戶名稱片段或 #編號");
    expect(inputOf(view, "customer").element.placeholder!.text).toBe("搜尋客戶");
    expect(inputOf(view, "summary").label.text).toBe("內容");
    expect(inputOf(view, "next").label.text).toBe("下次跟進日期");
    const channel = inputOf(view, "channel");
    expect(channel.label.text).toBe("方式");
    // The reader sees 電話; the form sends back the canonical value.
    expect(channel.element.options!.map((option) => [option.text.text, option.value])).toContainEqual(["電話", "call"]);
    expect(JSON.stringify(view)).not.toMatch(/Search customers|Save|Cancel|Customer name fragment/);
  });

  test("GIVEN Slack locale zh-TW WHEN Log to CRM is chosen on a message THEN the form is Traditional Chinese, chat preselected as 聊天", async () => {
    const res = await h.interact(messageShortcut(LIN, { callbackId: "log_to_crm", text: "客戶想要報價", channelId: "C0SALES", messageTs: "1712345678.000200", responseUrl: h.slack.responseUrl("lin-sc"), triggerId: "tr.lin.log" }));
    expect(res.status).toBe(200);
    const [open] = await h.slack.waitForCalls("views.open");
    const view = open!.args.view as ModalView;
    expect(view.title.text).toBe("記錄到 CRM");
    expect(inputOf(view, "channel").element.initial_option).toEqual({ text: { type: "plain_text", text: "聊天", emoji: true }, value: "chat" });
  });

  test("GIVEN Slack locale zh-TW WHEN the New customer form is sent without a name THEN the form says so in Traditional Chinese", async () => {
    await h.interact(globalShortcut(LIN, { callbackId: "new_customer", triggerId: "tr.lin.new" }));
    const [open] = await h.slack.waitForCalls("views.open");
    const view = { ...(open!.args.view as Record<string, unknown>), id: "V0LINNEW", hash: "h1" };
    expect((view as unknown as ModalView).title.text).toBe("新增客戶");
    expect(inputOf(view as unknown as ModalView, "fields").element.placeholder!.text).toBe("每行一項：grade=A、city=台北");
    const res = await h.interact(viewSubmission(LIN, view, { "opt:name": { value: { type: "plain_text_input", value: "" } }, "opt:fields": { value: { type: "plain_text_input", value: "" } } }));
    expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors: { "opt:name": "缺少客戶名稱。" } });
  });

  test("GIVEN an English member THEN the form is English as before", async () => {
    const view = await openForm(PAT, "log");
    expect(view.title.text).toBe("Log to CRM");
    expect(view.submit.text).toBe("Save");
    expect(inputOf(view, "customer").label.text).toBe("Customer");
    expect(inputOf(view, "customer").element.placeholder!.text).toBe("Search customers");
  });

  test("GIVEN a zh-TW member was answered before WHEN Rapport is busy THEN the refusal in the ack is Traditional Chinese; an unknown member gets English", async () => {
    const help = await h.command(LIN, "help");
    await h.slack.waitForResponses(help.responseId);
    h.api.latencyMs = 600;
    for (const who of [PAT, SAM]) expect((await h.command(who, "show acme")).text).toBe("");
    const refused = JSON.parse((await h.command(LIN, "find acme")).text) as { text: string };
    expect(refused.text).toBe("Rapport 目前忙碌中（1 個請求等待中），請稍後再試。");
    const stranger: Who = { teamId: TEAM_ID, userId: "U0NEW", userName: "new" };
    expect((JSON.parse((await h.command(stranger, "find acme")).text) as { text: string }).text).toBe("Rapport is busy (1 request waiting).");
  });
});
