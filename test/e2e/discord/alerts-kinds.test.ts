/**
 * Every personal alert kind on Discord end to end: a manager's writes (typed, and `/sales quote
 * action:accept` through discord.js and the fake Discord) in the real core (PGlite, demo data, the
 * harness's clock) raise alerts for Ana, who reads Simplified Chinese and lives in Seoul; the
 * flusher posts them through the real Discord poster (REST: open the DM channel, post in it) as ONE
 * direct message per batch: a credit limit passed by an order and by an accepted quote, the quote
 * accepted, the morning scan (overdue, expiring quote, today's tasks), a hand-over, quiet hours in
 * Seoul, two flushers posting once, and twelve assignments batched.
 */
import { describe, expect, test } from "vitest";
import { createDiscordDigestPoster } from "../../../src/adapters/discord/index.js";
import type { Actor } from "../../../src/core/actor.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createRoutingPoster } from "../../../src/digests/routing-poster.js";
import { renderText } from "../../../src/adapters/console/render-text.js";
import { chatInputInteraction, type InteractionContext, type SlashOption } from "../../fakes/discord/payloads.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const opt = (name: string, value: string): SlashOption => ({ name, type: 3, value });

describe("every personal alert kind on Discord (real core, fake Discord)", () => {
  const actor = (ctx: InteractionContext, admin: boolean): Actor => ({
    platform: "discord",
    tenantExternalId: ctx.guild.id,
    userExternalId: ctx.actor.user.id,
    profile: { displayName: ctx.actor.user.global_name ?? ctx.actor.user.username, isPlatformAdmin: admin },
  });
  const ana = () => actor(h.member, false);
  const max = () => actor(h.admin, true);
  const run = async (who: Actor, text: string) => renderText(await h.app.rapport.runText({ actor: who, text }));
  const ids: Record<string, number> = {};

  const scheduler = (scan = false) =>
    createAlertScheduler({
      store: createAlertDeliveryStore(h.prisma),
      poster: createRoutingPoster({ discord: createDiscordDigestPoster({ config: { token: h.fake.token, apiUrl: h.fake.apiUrl } }) }),
      ...(scan ? {} : { weekdays: [] }),
    });
  const toAna = () => {
    const dm = h.fake.directChannel(h.member.actor.user.id);
    return dm ? [...h.fake.messages.values()].filter((message) => message.channel_id === dm.id).map((message) => JSON.stringify(message.embeds)) : [];
  };
  const alertsOfAna = (where: Record<string, unknown> = {}) => h.prisma.alert.findMany({ where: { memberId: ids.ana, ...where }, orderBy: { id: "asc" } });

  test("Ana reads Simplified Chinese and lives in Seoul", async () => {
    expect(await run(ana(), "settings language zh-CN")).toContain("简体中文");
    await run(ana(), "settings timezone Asia/Seoul");
    const row = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: h.member.actor.user.id } });
    expect([row.locale, row.timeZone]).toEqual(["zh-CN", "Asia/Seoul"]);
    ids.ana = row.id;
    const tenantId = h.tenantA.id;
    ids.hanil = (await h.prisma.customer.create({ data: { tenantId, name: "Hanil Trading", ownerId: row.id, creditLimit: 10_000n } })).id;
    ids.daehan = (await h.prisma.customer.create({ data: { tenantId, name: "Daehan Logistics", ownerId: row.id } })).id;
    const maxRow = await h.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: h.admin.actor.user.id } });
    for (let index = 1; index <= 13; index++) {
      ids[`batch${index}`] = (await h.prisma.customer.create({ data: { tenantId, name: `Batch Trading ${index}`, ownerId: maxRow.id } })).id;
    }
  });

  test("creditLimit: an order the manager allowed over the limit reaches Ana once, in Chinese", async () => {
    h.clock.now = new Date("2026-11-23T05:00:00Z"); // 14:00 in Seoul
    await run(max(), `order new #${ids.hanil} WID-100 10 50`);
    expect(await alertsOfAna()).toEqual([]);
    const created = await run(max(), `order new #${ids.hanil} WID-100 10 50 override`);
    const orderNumber = /SO-\d+/.exec(created)?.[0];
    expect(orderNumber, created).toBeDefined();
    await scheduler().tick(new Date("2026-11-23T05:01:00Z"));
    await scheduler().tick(new Date("2026-11-23T05:02:00Z"));
    expect(toAna()).toHaveLength(1);
    const text = toAna()[0]!;
    expect(text).toContain("Ana Rep，你负责的业务有 1 条新动态");
    expect(text).toContain(`Hanil Trading #${ids.hanil} 已超出信用额度：占用 US$500.00，额度 US$100.00`);
    expect(text).toContain(`订单 ${orderNumber} · 操作人：Max Boss`);
  });

  test("quoteAccepted and creditLimit: /sales quote action:accept over the limit makes both, in one DM", async () => {
    h.clock.now = new Date("2026-11-23T05:10:00Z");
    const made = await run(max(), `quote new #${ids.hanil} WID-300 3 1000`);
    const quote = /Q-\d{4}-\d{4}/.exec(made)?.[0];
    expect(quote, made).toBeDefined();
    const interaction = h.fake.dispatchInteraction(chatInputInteraction(h.admin, { subcommand: "quote", options: [opt("action", "accept"), opt("number", quote!)] }));
    const call = await h.callback(interaction, 15_000);
    expect(JSON.stringify(call.body.data)).toContain(quote!);
    expect((await alertsOfAna({ sentAt: null })).map((alert) => alert.kind)).toEqual(["quoteAccepted", "creditLimit"]);
    await scheduler().tick(new Date("2026-11-23T05:11:00Z"));
    expect(toAna()).toHaveLength(2);
    const text = toAna()[1]!;
    expect(text).toContain("Ana Rep，你负责的业务有 2 条新动态");
    expect(text).toContain(`Hanil Trading #${ids.hanil} 已接受报价单 ${quote}：US$3,000.00`);
    expect(text).toContain(`Hanil Trading #${ids.hanil} 已超出信用额度：占用 US$3,500.00，额度 US$100.00`);
    expect(text).toContain("操作人：Max (Sales lead)"); // as the slash command named him: his server nickname
  });

  test("the morning scan at 08:30 in Seoul: an overdue invoice, an expiring quote and today's tasks as ONE DM", async () => {
    const tenantId = h.tenantA.id;
    await h.prisma.invoice.create({ data: { tenantId, number: "INV-8801", customerId: ids.daehan!, issuedOn: day("2026-10-01"), dueOn: day("2026-11-20"), amount: 42_000n } });
    await h.prisma.quote.create({ data: { tenantId, number: "Q-2026-8802", customerId: ids.daehan!, status: "sent", issuedOn: day("2026-11-01"), validUntil: day("2026-11-26"), total: 150_000n } });
    for (const text of ["Call Daehan about the PO", "Send Daehan the price list"]) {
      await h.prisma.task.create({ data: { tenantId, customerId: ids.daehan!, assigneeId: ids.ana, dueOn: day("2026-11-24"), text } });
    }
    const before = toAna().length;
    // Tuesday 2026-11-24 08:29 in Seoul is 23:29 UTC on Monday.
    await scheduler(true).tick(new Date("2026-11-23T23:29:00Z"));
    expect(toAna()).toHaveLength(before);
    await scheduler(true).tick(new Date("2026-11-23T23:31:00Z"));
    await scheduler(true).tick(new Date("2026-11-24T01:00:00Z"));
    expect(toAna()).toHaveLength(before + 1);
    const text = toAna().at(-1)!;
    expect(text).toContain(`Daehan Logistics #${ids.daehan} 的账单 INV-8801 已逾期，未收 US$420.00`);
    expect(text).toContain(`Daehan Logistics #${ids.daehan} 的报价单 Q-2026-8802 将于`);
    expect(text).toContain("今天到期和已逾期的待办共 2 项");
    expect(text).toContain("Call Daehan about the PO");
    expect(text).toContain("Send Daehan the price list");
    expect((await alertsOfAna({ createdAt: new Date("2026-11-23T23:31:00Z") })).map((alert) => alert.kind)).toEqual(["overdue", "quoteExpiring", "tasks"]);
  });

  test("assigned by hand-over: Ana is told how many customers came to her", async () => {
    const bob = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: "bob" } });
    const bobs = await h.prisma.customer.count({ where: { tenantId: h.tenantA.id, ownerId: bob.id } });
    expect(bobs).toBeGreaterThan(1);
    h.clock.now = new Date("2026-11-24T03:00:00Z");
    await run(max(), `handover #${bob.id} #${ids.ana} --keep-active`);
    expect((await alertsOfAna({ sentAt: null })).map((alert) => alert.kind)).toEqual(["assigned"]);
    const before = toAna().length;
    await scheduler().tick(new Date("2026-11-24T03:01:00Z"));
    expect(toAna()).toHaveLength(before + 1);
    expect(toAna().at(-1)).toContain(`已有 ${bobs} 个客户交接给你`);
    expect(toAna().at(-1)).toContain("操作人：Max Boss");
  });

  test("quiet hours 22:00-07:00 in Seoul hold an alert raised at 23:30 Seoul until 07:00 Seoul (22:00 UTC), then post it once", async () => {
    expect(await run(ana(), "settings quiet 22:00-07:00")).toContain("22:00-07:00");
    h.clock.now = new Date("2026-11-24T14:30:00Z"); // 23:30 in Seoul
    await run(max(), `assign #${ids.batch13} #${ids.ana}`);
    const [held] = await alertsOfAna({ sentAt: null });
    expect(held!.dueAt).toEqual(new Date("2026-11-24T22:00:00Z"));
    const before = toAna().length;
    await scheduler().tick(new Date("2026-11-24T14:31:00Z"));
    await scheduler().tick(new Date("2026-11-24T21:59:00Z"));
    expect(toAna()).toHaveLength(before);
    await scheduler().tick(new Date("2026-11-24T22:00:00Z"));
    await scheduler().tick(new Date("2026-11-24T22:01:00Z"));
    expect(toAna()).toHaveLength(before + 1);
    expect(toAna().at(-1)).toContain(`Batch Trading 13 #${ids.batch13} 已分配给你`);
    await run(ana(), "settings quiet off");
  });

  test("exactly once: two flushers (two processes) ticking together post one DM", async () => {
    h.clock.now = new Date("2026-11-25T03:00:00Z");
    await run(max(), `assign #${ids.daehan} max`);
    await run(max(), `assign #${ids.daehan} #${ids.ana}`);
    const before = toAna().length;
    const [first, second] = await Promise.all([scheduler().tick(new Date("2026-11-25T03:00:30Z")), scheduler().tick(new Date("2026-11-25T03:00:30Z"))]);
    expect(first!.sent + second!.sent).toBe(1);
    await Promise.all([scheduler().tick(new Date("2026-11-25T03:01:30Z")), scheduler().tick(new Date("2026-11-25T03:01:30Z"))]);
    expect(toAna()).toHaveLength(before + 1);
    expect(toAna().at(-1)).toContain(`Daehan Logistics #${ids.daehan} 已分配给你`);
  });

  test("batched: twelve assignments at once make ONE DM listing ten and “另有 2 条”", async () => {
    h.clock.now = new Date("2026-11-25T04:00:00Z");
    for (let index = 1; index <= 12; index++) await run(max(), `assign #${ids[`batch${index}`]} #${ids.ana}`);
    expect(await alertsOfAna({ sentAt: null })).toHaveLength(12);
    const before = toAna().length;
    expect(await scheduler().tick(new Date("2026-11-25T04:01:00Z"))).toMatchObject({ sent: 1, alerts: 12 });
    expect(toAna()).toHaveLength(before + 1);
    const text = toAna().at(-1)!;
    expect(text).toContain("Ana Rep，你负责的业务有 12 条新动态");
    expect(text).toContain(`Batch Trading 10 #${ids.batch10} 已分配给你`);
    expect(text).not.toContain("Batch Trading 11 #");
    expect(text).toContain("……另有 2 条。");
  });
  test("tasks: with the other daily kinds off, the morning list alone is ONE DM in Chinese that reads as the morning reminder", async () => {
    expect(await run(ana(), "settings alerts overdue off")).toContain("overdue");
    expect(await run(ana(), "settings alerts quote-expiring off")).toContain("quoteExpiring");
    await h.prisma.task.create({ data: { tenantId: h.tenantA.id, customerId: ids.hanil!, assigneeId: ids.ana, dueOn: day("2026-11-26"), text: "Visit Hanil" } });
    const due = await h.prisma.task.count({ where: { tenantId: h.tenantA.id, assigneeId: ids.ana, doneAt: null, dueOn: { lte: day("2026-11-26") } } });
    const before = toAna().length;
    // Thursday 2026-11-26, 08:31 in Seoul (23:31 UTC on Wednesday).
    await scheduler(true).tick(new Date("2026-11-25T23:31:00Z"));
    await scheduler(true).tick(new Date("2026-11-25T23:32:00Z"));
    expect(toAna()).toHaveLength(before + 1);
    const text = toAna().at(-1)!;
    expect(text).toContain(`Ana Rep，早上好！今天到期和已逾期的待办共 ${due} 项`);
    expect(text).toContain("Visit Hanil");
    expect(text).toContain("Call Daehan about the PO");
    expect(text).not.toMatch(/已逾期，未收|将于|新动态/);
    expect((await alertsOfAna({ createdAt: new Date("2026-11-25T23:31:00Z") })).map((alert) => alert.kind)).toEqual(["tasks"]);
  });
});
