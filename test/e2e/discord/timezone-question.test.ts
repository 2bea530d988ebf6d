/**
 * Discord tells bots no time zone, so Rapport asks once: the first time a member with no zone of
 * their own gets an answer, an ephemeral follow-up offers the zones likely for their language.
 * Real discord.js Client against the fake Discord, real core on PGlite.
 */
import { describe, expect, test } from "vitest";
import { buttonInteraction, chatInputInteraction, PERMISSIONS, type InteractionContext, type SlashOption } from "../../fakes/discord/payloads.js";
import type { RecordedCall } from "../../fakes/discord/fake-discord.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness({ askTimeZone: true });

let nextUser = 700000000000000001n;
/** A member Rapport has never seen, in the fake guild. */
function newcomer(locale: string): InteractionContext {
  const id = String(nextUser++);
  return { applicationId: h.fake.applicationId, guild: h.fake.guild, locale, actor: { user: { id, username: `user${id.slice(-3)}`, global_name: `User ${id.slice(-3)}` }, permissions: PERMISSIONS.member } };
}

const opt = (name: string, value: string): SlashOption => ({ name, type: 3, value });

type Question = { content: string; flags: number; components: { components: { type: number; custom_id: string; placeholder: string; options: { label: string; value: string; description?: string }[] }[] }[] };

const followUpsOf = (interaction: { token: string }): RecordedCall[] =>
  h.fake.calls.filter((call) => call.method === "POST" && call.path === `/webhooks/${h.fake.applicationId}/${interaction.token}`);

async function run(ctx: InteractionContext, subcommand: string, options: SlashOption[] = []) {
  const interaction = h.fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand, options }));
  const answer = await h.callback(interaction, 10_000);
  return { interaction, answer };
}

async function questionAfter(interaction: { id: string; token: string }): Promise<{ call: RecordedCall; question: Question }> {
  const call = await h.fake.waitForCall((candidate) => candidate.method === "POST" && candidate.path === `/webhooks/${h.fake.applicationId}/${interaction.token}`, 10_000);
  return { call, question: call.body as Question };
}

/** Waits long enough for a follow-up that should not come. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

async function memberRow(ctx: InteractionContext) {
  return h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: ctx.actor.user.id } });
}

describe("the one-time time zone question", () => {
  test("GIVEN a new Korean member WHEN their first command is answered THEN a Korean question offers Asia/Seoul first, only to them", async () => {
    const korean = newcomer("ko");
    const { interaction, answer } = await run(korean, "help");
    expect(answer.body.type).toBe(4);
    const { question } = await questionAfter(interaction);
    expect(question.flags & 64).toBe(64);
    expect(question.content).toContain("어느 시간대에 계십니까?");
    expect(question.content).toContain("/crm settings timezone Asia/Seoul");
    const select = question.components[0]!.components[0]!;
    expect(select).toMatchObject({ type: 3, custom_id: "rapport:timezone", placeholder: "시간대 선택" });
    expect(select.options[0]).toMatchObject({ label: "Asia/Seoul", value: "Asia/Seoul" });
    expect(select.options.map((option) => option.value)).toEqual(expect.arrayContaining(["Asia/Taipei", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "America/Los_Angeles", "America/New_York", "Europe/London", "UTC"]));
    expect(select.options.length).toBeLessThanOrEqual(25);
    expect((await memberRow(korean)).timeZoneAskedAt).not.toBeNull();
  });

  test("GIVEN zh-TW and zh-CN members THEN Asia/Taipei and Asia/Shanghai lead their lists", async () => {
    const taiwan = newcomer("zh-TW");
    const { question: tw } = await questionAfter((await run(taiwan, "help")).interaction);
    expect(tw.content).toContain("您在哪個時區？");
    expect(tw.components[0]!.components[0]!.options.slice(0, 2).map((option) => option.value)).toEqual(["Asia/Taipei", "Asia/Hong_Kong"]);
    const china = newcomer("zh-CN");
    const { question: cn } = await questionAfter((await run(china, "help")).interaction);
    expect(cn.content).toContain("您在哪个时区？");
    expect(cn.components[0]!.components[0]!.options[0]!.value).toBe("Asia/Shanghai");
  });

  test("GIVEN the question was asked and ignored THEN it is never asked again, and the workspace zone applies", async () => {
    const member = newcomer("ko");
    await questionAfter((await run(member, "help")).interaction);
    const second = await run(member, "help");
    await settle();
    expect(followUpsOf(second.interaction)).toEqual([]);
    const row = await memberRow(member);
    expect(row.timeZoneChosen).toBe(false);
    expect(row.timeZone).toBe(h.tenantA.timeZone);
  });

  test("GIVEN the member picks a zone THEN it is saved as with settings timezone, the question is answered in place, and not asked again", async () => {
    const member = newcomer("ko");
    const { question, call } = await questionAfter((await run(member, "help")).interaction);
    const posted = { ...(call.body as Record<string, unknown>), id: String((h.fake.calls.length + 1) * 7), channel_id: h.fake.guild.channelId };
    const press = buttonInteraction(member, { customId: "rapport:timezone", message: posted as never, ephemeral: true });
    const choice = h.fake.dispatchInteraction({ ...press, data: { custom_id: question.components[0]!.components[0]!.custom_id, component_type: 3, values: ["Asia/Seoul"] } });
    const answer = await h.callback(choice, 10_000);
    expect(answer.body.type).toBe(7);
    expect(JSON.stringify(answer.body.data.embeds)).toContain("Asia/Seoul");
    const row = await memberRow(member);
    expect(row).toMatchObject({ timeZone: "Asia/Seoul", timeZoneChosen: true });
    const later = await run(member, "help");
    await settle();
    expect(followUpsOf(later.interaction)).toEqual([]);
  });

  test("GIVEN a new member whose first command sets a time zone THEN nothing is asked", async () => {
    const member = newcomer("zh-TW");
    const { interaction } = await run(member, "settings", [opt("setting", "timezone"), opt("value", "Asia/Taipei")]);
    await settle();
    expect(followUpsOf(interaction)).toEqual([]);
    expect(await memberRow(member)).toMatchObject({ timeZone: "Asia/Taipei", timeZoneChosen: true, timeZoneAskedAt: null });
  });

  test("GIVEN a command that fails THEN the question waits for one that succeeds", async () => {
    const member = newcomer("en-US");
    const failed = await run(member, "show", [opt("customer", "no such customer zzz")]);
    await settle();
    expect(followUpsOf(failed.interaction)).toEqual([]);
    const { question } = await questionAfter((await run(member, "help")).interaction);
    expect(question.content).toContain("Which time zone are you in?");
    expect(question.content).toContain(`until you choose, it uses this server's zone (${h.tenantA.timeZone})`);
    expect(question.components[0]!.components[0]!.options[0]!.value).toBe("America/New_York");
  });
});
