/**
 * Languages on Discord over the real core: the interaction's `locale` picks the reply language,
 * `settings language` overrides it, and the renderer's own words (Share, paging) follow.
 */
import { describe, expect, test } from "vitest";
import { chatInputInteraction, type InteractionContext, type SlashOption } from "../../fakes/discord/payloads.js";
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

  test("GIVEN help THEN the list is Korean, with Korean command words next to the English usage, and a Korean Share button", async () => {
    const data = await run(korean(), "help");
    expect(data.embeds[0]!.title).toBe("Rapport 명령어");
    const text = JSON.stringify(data.embeds);
    expect(text).toContain("검색");
    expect(text).toContain("find");
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
