/**
 * Autocomplete for free text whose values Rapport knows (issue 20): dates, deal stages, deal ids and
 * quote numbers, through the real discord.js client against the fake Discord and the real core on
 * PGlite with the demo data. The clock is fixed at Monday 23 Nov 2026, 15:00 UTC.
 */
import { describe, expect, test } from "vitest";
import { commands } from "../../../src/commands/index.js";
import { buildDiscordCommands } from "../../../src/adapters/discord/commands/slash-commands.js";
import { autocompleteInteraction, type InteractionContext } from "../../fakes/discord/payloads.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();

async function complete(ctx: InteractionContext, subcommand: string, name: string, value: string) {
  const interaction = h.fake.dispatchInteraction(autocompleteInteraction(ctx, { subcommand, options: [{ name, type: 3, value, focused: true }] }));
  const call = await h.callback(interaction);
  expect(call.body.type).toBe(8);
  return call.body.data.choices as { name: string; value: string }[];
}

describe("registered options", () => {
  test("date options and deal stage / id and quote number ask for autocomplete; other text does not", () => {
    const { subcommands, body } = buildDiscordCommands(commands);
    const optionOf = (top: string, sub: string, name: string) => {
      const command = body.find((c) => c.name === top) as { options: { name: string; options: { name: string; autocomplete?: boolean; choices?: unknown }[] }[] };
      return command.options.find((o) => o.name === sub)!.options.find((o) => o.name === name)!;
    };
    expect(subcommands.has("crm task")).toBe(true);
    expect(optionOf("crm", "task", "date").autocomplete).toBe(true);
    expect(optionOf("crm", "log", "next").autocomplete).toBe(true);
    expect(optionOf("sales", "deal", "close").autocomplete).toBe(true);
    expect(optionOf("sales", "deal", "stage").autocomplete).toBe(true);
    expect(optionOf("sales", "deal", "id").autocomplete).toBe(true);
    expect(optionOf("sales", "quote", "number").autocomplete).toBe(true);
    expect(optionOf("sales", "deal", "title").autocomplete).toBeUndefined();
  });
});

describe("suggestions from the real core", () => {
  test("a date option: usual phrases with their dates, what was typed echoed or refused, in the member's language", async () => {
    const phrases = await complete(h.member, "task", "date", "");
    expect(phrases[0]).toEqual({ name: "tomorrow — Tue 24 Nov", value: "2026-11-24" });
    expect(phrases).toContainEqual({ name: "next fri — Fri 4 Dec", value: "2026-12-04" });

    expect(await complete(h.member, "task", "date", "in 3 days")).toEqual([{ name: "in 3 days — Thu 26 Nov", value: "2026-11-26" }]);
    expect(await complete(h.member, "task", "date", "someday")).toEqual([
      { name: '"someday" is not a date Rapport reads. Try tomorrow, next fri, 2026-12-01', value: "someday" },
    ]);

    // A Korean client: the member's language comes from Discord's locale for them.
    const korean: InteractionContext = { ...h.member, locale: "ko", actor: { ...h.member.actor, user: { id: "500000000000000031", username: "minsu", global_name: "Minsu" } } };
    const ko = await complete(korean, "log", "next", "내일");
    expect(ko[0]).toEqual({ name: "내일 — 11월 24일 (화)", value: "2026-11-24" });
  });

  test("deal stage: the workspace's stages in order; deal id: open deals matching what was typed", async () => {
    const stages = await complete(h.admin, "deal", "stage", "");
    expect(stages.map((c) => c.value)).toEqual(["lead", "qualified", "proposal", "negotiation", "won"]);
    expect(await complete(h.admin, "deal", "stage", "prop")).toEqual([{ name: "Proposal · 50%", value: "proposal" }]);

    const heavy = await h.prisma.deal.findFirstOrThrow({ where: { tenantId: h.tenantA.id, title: "Heavy-duty widgets" }, include: { customer: true } });
    const deals = await complete(h.admin, "deal", "id", "heavy");
    expect(deals).toEqual([{ name: `#${heavy.id} · Heavy-duty widgets · ${heavy.customer.name}`, value: String(heavy.id) }]);
    // Lost and won deals are not offered.
    expect(await complete(h.admin, "deal", "id", "Software licences")).toEqual([]);
  });

  test("quote number: open quotes only, matching what was typed; another guild's never", async () => {
    const open = await h.prisma.quote.findMany({ where: { tenantId: h.tenantA.id, status: { in: ["draft", "sent"] } }, select: { number: true } });
    const closed = await h.prisma.quote.findMany({ where: { tenantId: h.tenantA.id, status: { in: ["accepted", "rejected"] } }, select: { number: true } });
    expect(open.length).toBeGreaterThan(0);
    const choices = await complete(h.member, "quote", "number", "");
    expect(choices.map((c) => c.value).sort()).toEqual(open.map((q) => q.number).sort());
    for (const quote of closed) expect(choices.map((c) => c.value)).not.toContain(quote.number);
    expect(choices.find((c) => c.value === "QT-2001")?.name).toMatch(/^QT-2001 · .+ · Sent$/);
    expect((await complete(h.member, "quote", "number", "qt-2")).map((c) => c.value)).toEqual(["QT-2001"]);
  });

  test("a slow database: answered in time with no choices rather than a dead interaction", async () => {
    h.slow.ms = 5_000;
    try {
      expect(await complete(h.member, "deal", "stage", "")).toEqual([]);
    } finally {
      h.slow.ms = 0;
    }
  });
});
