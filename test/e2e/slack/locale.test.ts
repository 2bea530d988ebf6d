/**
 * Languages on Slack through the real Bolt app and the real core: `users.info` with
 * include_locale gives the member's language, so a member whose Slack is in Traditional Chinese
 * reads Traditional Chinese; English members read what they always did.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import type { RecordedResponse } from "../../fakes/slack/fake-slack-api.js";
import type { Who } from "../../fakes/slack/payloads.js";
import { startDemoCore } from "./demo-core.js";
import { DEFAULT_FAKE_SLACK, PAT, startHarnessWith, TEAM_ID, type Harness } from "./harness.js";

const LIN: Who = { teamId: TEAM_ID, userId: "U0LIN", userName: "lin" };

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
    h = await startHarnessWith<RapportApi>(core.rapport, {
      slack: {
        ...DEFAULT_FAKE_SLACK,
        users: [...DEFAULT_FAKE_SLACK.users!, { id: LIN.userId, teamId: TEAM_ID, name: "lin", realName: "林怡君", email: "lin@acme.example", tz: "Asia/Taipei", locale: "zh-TW" }],
      },
    });
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

  test("GIVEN Slack locale zh-TW THEN help lists Traditional Chinese command words beside the English ones, with 分享到頻道", async () => {
    const body = await run(LIN, "help");
    expect(body.text).toBe("Rapport 指令");
    const text = readable(body);
    for (const word of ["查詢", "記錄", "訂單", "跟進", "說明", "設定", "依名稱、別名、聯絡人、Email 或電話查詢客戶", "find &lt;", "分享到頻道"]) expect(text).toContain(word);
  });

  test("GIVEN a member without a Slack locale THEN English as before", async () => {
    const body = await run(PAT, "fnd acme");
    expect(body.text).toBe('There is no command "fnd". Did you mean find? Type help to list them.');
    expect((await run(PAT, "help")).text).toBe("Rapport commands");
  });
});
