/**
 * Personal alerts on Discord end to end: a manager's writes in the real core (PGlite, demo data)
 * raise alerts for Ana; the flusher posts them through the real Discord poster (REST: open the DM
 * channel, then post in it) to the fake Discord as ONE direct message in Korean, after her quiet
 * hours, and never twice.
 */
import { describe, expect, test } from "vitest";
import { createDiscordDigestPoster } from "../../../src/adapters/discord/index.js";
import type { Actor } from "../../../src/core/actor.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createRoutingPoster } from "../../../src/digests/routing-poster.js";
import { renderText } from "../../../src/adapters/console/render-text.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();

describe("personal alerts on Discord (real core, fake Discord)", () => {
  test("a manager's assignments and a deal moved reach Ana as one Korean DM after her quiet hours, once", async () => {
    const actor = (ctx: typeof h.member, admin: boolean): Actor => ({
      platform: "discord",
      tenantExternalId: ctx.guild.id,
      userExternalId: ctx.actor.user.id,
      profile: { displayName: ctx.actor.user.global_name ?? ctx.actor.user.username, isPlatformAdmin: admin },
    });
    const ana = actor(h.member, false);
    const max = actor(h.admin, true);
    const run = async (who: Actor, text: string) => renderText(await h.app.rapport.runText({ actor: who, text }));

    expect(await run(ana, "설정 언어 ko")).toContain("한국어");
    // 15:00 UTC now; Ana is on UTC: quiet from 14:00 to 16:00.
    expect(await run(ana, "설정 방해금지 14:00-16:00")).toContain("방해 금지 시간을 설정했습니다");
    const anaRow = await h.prisma.member.findFirstOrThrow({ where: { tenantId: h.tenantA.id, externalId: h.member.actor.user.id } });
    const [first, second] = await h.prisma.customer.findMany({ where: { tenantId: h.tenantA.id }, orderBy: { id: "asc" }, take: 2 });
    await run(max, `assign #${first!.id} #${anaRow.id}`);
    await run(max, `assign #${second!.id} #${anaRow.id}`);
    const deal = await run(max, `deal new #${first!.id} Spring order amount=1000 owner=#${anaRow.id}`);
    const dealId = /#(\d+)/.exec(deal)?.[1];
    await run(max, `deal stage ${dealId} negotiation`);
    expect((await h.prisma.alert.findMany({ where: { memberId: anaRow.id } })).map((alert) => alert.kind).sort()).toEqual(["assigned", "assigned", "dealStage"]);

    const poster = createRoutingPoster({ discord: createDiscordDigestPoster({ config: { token: h.fake.token, apiUrl: h.fake.apiUrl } }) });
    const scheduler = createAlertScheduler({ store: createAlertDeliveryStore(h.prisma), poster, weekdays: [] });
    await scheduler.tick(new Date("2026-11-23T15:01:00Z"));
    expect(h.fake.directChannel(h.member.actor.user.id)).toBeUndefined();
    await scheduler.tick(new Date("2026-11-23T16:00:00Z"));
    await scheduler.tick(new Date("2026-11-23T16:05:00Z"));
    const dm = h.fake.directChannel(h.member.actor.user.id);
    expect(dm).toBeDefined();
    const sent = [...h.fake.messages.values()].filter((message) => message.channel_id === dm!.id);
    expect(sent).toHaveLength(1);
    const text = JSON.stringify(sent[0]!.embeds);
    expect(text).toContain("Ana Rep님, 담당 업무에 새 소식이 3건 있습니다");
    expect(text).toContain(`새 담당 거래처: ${first!.name}`);
    expect(text).toContain(`새 담당 거래처: ${second!.name}`);
    expect(text).toContain(`영업 기회 #${dealId} Spring order`);
    expect(text).toContain("단계 변경: 협상");
    expect(text).toContain("처리: Max Boss");
  });
});
