/**
 * Languages on Discord over the real core: the interaction's `locale` picks the reply language,
 * `settings language` overrides it, and the renderer's own words (Share, paging) follow.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAdmission } from "../../../src/core/admission.js";
import { snowflake } from "../../fakes/discord/snowflake.js";
import { chatInputInteraction, messageContextInteraction, type InteractionContext, type SlashOption } from "../../fakes/discord/payloads.js";
import { startHarness, type Harness } from "./harness.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();

const opt = (name: string, value: string | number): SlashOption => ({ name, type: typeof value === "number" ? 4 : 3, value });

async function run(ctx: InteractionContext, subcommand: string, options: SlashOption[] = []) {
  const interaction = h.fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand, options }));
  const call = await h.callback(interaction, 10_000);
  return call.body.data as { embeds: { title: string; description?: string; fields?: { name: string; value: string }[] }[]; components: { components: { label: string }[] }[] };
}

const labels = (data: Awaited<ReturnType<typeof run>>) => data.components.flatMap((row) => row.components.map((c) => c.label));

describe("a Discord interaction with locale ko", () => {
  const korean = () => ({ ...h.member, locale: "ko" });

  test("GIVEN help THEN the list is Korean, usage lines in Korean words, and a Korean Share button", async () => {
    const data = await run(korean(), "help");
    expect(data.embeds[0]!.title).toBe("Rapport 명령어");
    const text = JSON.stringify(data.embeds);
    expect(text).toContain("검색");
    expect(text).toContain("검색어");
    expect(text).not.toContain("find");
    expect(text).toContain("이름, 별칭, 담당자, 이메일 또는 전화번호로 거래처 검색");
    expect(text).toContain("거래처는 이름의 일부, 별칭, 담당자 이름 또는 #번호로 지정할 수 있습니다.");
    expect(labels(data)).toEqual(["공유"]);
  });

  test("GIVEN a command only admins may use THEN the refusal is Korean and names Discord's admins in Korean", async () => {
    const data = await run(korean(), "role", [opt("member", "bob"), opt("role", "manager")]);
    expect(data.embeds[0]!.title).toBe(
      "권한 명령어는 관리자만 사용할 수 있습니다. 서버 관리하기 권한이 있는 멤버는 자동으로 Rapport 관리자가 됩니다. 역할 변경은 관리자에게 요청해 주십시오.",
    );
  });

  test("GIVEN settings language zh-TW THEN the member's choice wins over the interaction's ko, until auto", async () => {
    const set = await run(korean(), "settings", [opt("setting", "language"), opt("value", "zh-TW")]);
    expect(set.embeds[0]!.title).toBe("您的語言已設為繁體中文。");
    expect((await run(korean(), "help")).embeds[0]!.title).toBe("Rapport 指令");
    await run(korean(), "settings", [opt("setting", "language"), opt("value", "auto")]);
    expect((await run(korean(), "help")).embeds[0]!.title).toBe("Rapport 명령어");
  });

  test("GIVEN the default locale en-US THEN English stays as it was", async () => {
    const data = await run(h.member, "help");
    expect(data.embeds[0]!.title).toBe("Rapport commands");
    expect(labels(data)).toEqual(["Share"]);
  });
});

type ModalData = { title: string; components: { label: string; description?: string; component: { type: number; placeholder?: string; options?: { label: string; value: string; default?: boolean }[] } }[] };

describe("Discord forms in the reader's language", () => {
  const target = () => ({ id: snowflake(), channelId: h.fake.guild.channelId, content: "견적 요청: 40석", author: { id: "600000000000000001", username: "buyer" } });

  async function logForm(ctx: InteractionContext): Promise<ModalData> {
    const menu = h.fake.dispatchInteraction(messageContextInteraction(ctx, { commandName: "Log to CRM", message: target() }));
    const call = await h.callback(menu, 10_000);
    expect(call.body.type).toBe(9);
    return call.body.data as ModalData;
  }

  test("GIVEN an interaction with locale ko WHEN Log to CRM opens THEN the modal's title, labels, hints, placeholders and choices are Korean", async () => {
    const modal = await logForm({ ...h.member, locale: "ko" });
    expect(modal.title).toBe("CRM에 기록");
    expect(modal.components.map((c) => c.label)).toEqual(["거래처", "방식", "내용", "다음 연락일", "결과"]);
    expect(modal.components[0]!.description).toBe("거래처 이름 일부 또는 #번호");
    expect(modal.components[0]!.component.placeholder).toBe("이름 또는 #번호");
    const channel = modal.components[1]!.component.options!;
    // Korean words to read, the canonical values to send back; chat preselected for a chat message.
    expect(channel.map((option) => [option.label, option.value])).toContainEqual(["전화", "call"]);
    expect(channel.find((option) => option.default)).toEqual({ label: "채팅", value: "chat", default: true });
    expect(JSON.stringify(modal)).not.toMatch(/Customer|Summary|Name or #id|How you talked/);
  });

  test("GIVEN a member whose settings language is zh-TW WHEN the interaction says ko THEN the member's choice wins in the form too", async () => {
    const korean = { ...h.member, locale: "ko" };
    await run(korean, "settings", [opt("setting", "language"), opt("value", "zh-TW")]);
    try {
      const modal = await logForm(korean);
      expect(modal.title).toBe("記錄到 CRM");
      expect(modal.components.map((c) => c.label)).toEqual(["客戶", "方式", "內容", "下次跟進日期", "結果"]);
    } finally {
      await run(korean, "settings", [opt("setting", "language"), opt("value", "auto")]);
    }
  });

  test("GIVEN the default locale en-US THEN the form is English as before", async () => {
    const modal = await logForm(h.member);
    expect(modal.title).toBe("Log to CRM");
    expect(modal.components.map((c) => c.label)).toEqual(["Customer", "Channel", "Summary", "Next follow-up", "Outcome"]);
  });
});

describe("Discord busy refusals in the interaction's language", () => {
  let busy: Harness;
  const OFF = { perSecond: 0, burst: 1 };
  beforeAll(async () => {
    busy = await startHarness({ admission: createAdmission({ maxInFlight: 1, maxWaiting: 1, member: OFF, workspace: OFF }) });
    busy.rapport.latencyMs = 600;
  }, 60_000);
  afterAll(async () => {
    await busy?.close();
  });

  test("GIVEN a full queue WHEN a ko and a zh-CN interaction arrive THEN each is turned away in its own language", async () => {
    const show = (ctx: InteractionContext) => busy.fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand: "show", options: [{ name: "customer", type: 3, value: "acme" }] }));
    const taken = [show(busy.admin), show(busy.member)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const korean = await busy.callback(show({ ...busy.member, locale: "ko" }));
    expect(korean.body.data.flags).toBe(64);
    expect(korean.body.data.embeds[0].title).toBe("지금은 요청이 많아 처리할 수 없습니다 (대기 중인 요청 1건).");
    const chinese = await busy.callback(show({ ...busy.admin, locale: "zh-CN" }));
    expect(chinese.body.data.embeds[0].title).toBe("Rapport 当前繁忙（1 个请求排队中），请稍后再试。");
    for (const interaction of taken) await busy.callback(interaction);
  });
});
