/**
 * The delivery notice: an order remembers the channel it was entered in, and a shipment recorded
 * from another channel posts the notice there, once the shipment is committed. Both databases.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";

const SALES = "console:file:/tmp/rapport-sales.log";
const WAREHOUSE = "console:stdout";

describe.each(testTargets)("shipment notices on $name", (target) => {
  let app: TestApp;
  let poster: RecordingPoster;
  let inSales: Actor;
  let inWarehouse: Actor;

  const orderNumber = (title: string) => /SO-\d+/.exec(title)![0];
  /** Notices are posted after the command returns: wait for the recording poster to see them. */
  const postsSettled = () => new Promise((resolve) => setTimeout(resolve, 50));

  beforeAll(async () => {
    app = await createTestApp(target);
    const admin = app.actor("notice-team", "you");
    inSales = { ...admin, channelRef: SALES };
    inWarehouse = { ...admin, channelRef: WAREHOUSE };
    const { tenant } = await app.rapport.identify(admin);
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
    poster = createRecordingPoster();
    app.useDigests(createDigestService({ store: app.digestStore, poster, sleep: async () => undefined }));
  });
  afterAll(async () => app?.drop());

  test("a shipment recorded in another channel posts the notice where the order was entered", async () => {
    const entered = await app.rapport.runText({ actor: inSales, text: "order new lumiere WID-100 10 12.50; WID-200 2 100" });
    expect(entered.isError, JSON.stringify(entered.blocks)).toBeFalsy();
    const number = orderNumber(entered.title);
    expect((await app.database.prisma.order.findFirstOrThrow({ where: { number } })).channelRef).toBe(SALES);

    const shipped = await app.rapport.runText({ actor: inWarehouse, text: `ship ${number} WID-100 4 carrier=DHL` });
    expect(shipped.isError, JSON.stringify(shipped.blocks)).toBeFalsy();
    expect(renderText(shipped)).toContain("also posted in");
    await postsSettled();
    expect(poster.posts.map((post) => post.channelRef)).toEqual([SALES]);
    const notice = renderText(poster.posts[0]!.reply);
    expect(notice).toContain(`Delivery notice: order ${number} for Café Lumière SARL`);
    expect(notice).toContain("WID-100 × 6");
    expect(notice).not.toContain("Undo");
  });

  test("a shipment recorded in the order's own channel, or refused, posts nothing", async () => {
    const entered = await app.rapport.runText({ actor: inSales, text: "order new lumiere WID-100 3 12.50" });
    const number = orderNumber(entered.title);
    const before = poster.posts.length;
    const refused = await app.rapport.runText({ actor: inWarehouse, text: `ship ${number} WID-100 99` });
    expect(refused.isError).toBe(true);
    const sameChannel = await app.rapport.runText({ actor: inSales, text: `ship ${number}` });
    expect(sameChannel.isError, JSON.stringify(sameChannel.blocks)).toBeFalsy();
    expect(renderText(sameChannel)).not.toContain("also posted in");
    await postsSettled();
    expect(poster.posts.length).toBe(before);
  });

  test("without a poster (digests not set up) the reply still carries the notice and nothing is posted", async () => {
    const entered = await app.rapport.runText({ actor: inSales, text: "order new lumiere WID-100 2 12.50" });
    const number = orderNumber(entered.title);
    app.useDigests(null);
    try {
      const shipped = await app.rapport.runText({ actor: inWarehouse, text: `ship ${number}` });
      expect(renderText(shipped)).toContain(`Delivery notice: order ${number}`);
      expect(renderText(shipped)).not.toContain("also posted in");
    } finally {
      app.useDigests(createDigestService({ store: app.digestStore, poster, sleep: async () => undefined }));
    }
  });
});
