/**
 * `api.suggest` (Discord autocomplete for free text, issue 20) on both databases: dates in the
 * member's own language and zone, the workspace's own stages, open deals and open quotes, mine first.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

describe.each(testTargets)("suggestions on $name", (target) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(async () => app?.drop());

  const suggest = (actor: ReturnType<TestApp["actor"]>, command: string, option: string, query: string) =>
    app.rapport.suggest!({ actor, command, option, query, limit: 25 });

  test("GIVEN a member in Seoul who reads Korean THEN dates are Seoul's, in Korean", async () => {
    const mi = app.actor("guild-s", "mi");
    await app.rapport.runText({ actor: mi, text: "settings timezone Asia/Seoul" });
    await app.rapport.runText({ actor: mi, text: "settings language ko" });
    // 2026-11-23 15:00 UTC is already Tuesday 24 Nov in Seoul.
    expect((await suggest(mi, "task", "date", ""))[0]).toEqual({ label: "내일 — 11월 25일 (수)", value: "2026-11-25" });
    expect(await suggest(mi, "log", "next", "모레")).toEqual([{ label: "모레 — 11월 26일 (목)", value: "2026-11-26" }]);
    // An option with nothing to suggest, or no such option: nothing, never an error.
    expect(await suggest(mi, "deal", "title", "x")).toEqual([]);
    expect(await suggest(mi, "nope", "date", "")).toEqual([]);
  });

  test("GIVEN the workspace's own stages, deals and quotes THEN those, open ones only, the member's first", async () => {
    const boss = app.actor("guild-t", "boss", { displayName: "Boss", isPlatformAdmin: true });
    const rep = app.actor("guild-t", "rep");
    await app.rapport.runText({ actor: boss, text: "settings workspace language en" });
    const set = await app.rapport.runText({ actor: boss, text: "deal stages set lead:10 pilot:60" });
    expect(JSON.stringify(set)).toContain("pilot");
    expect((await suggest(rep, "deal", "stage", "")).map((o) => o.value)).toEqual(["lead", "pilot", "won"]);

    await app.rapport.runText({ actor: boss, text: "new Nordwind GmbH" });
    await app.rapport.runText({ actor: rep, text: "new Kestrel Ltd" });
    await app.rapport.runText({ actor: boss, text: "deal new nordwind Turbines amount=1000" });
    await app.rapport.runText({ actor: rep, text: "deal new kestrel Valves amount=500" });
    await app.rapport.runText({ actor: boss, text: "deal new nordwind Gearboxes amount=800" });
    const deals = await app.database.prisma.deal.findMany({ where: { title: { in: ["Turbines", "Valves", "Gearboxes"] } }, orderBy: { id: "asc" } });
    expect(deals).toHaveLength(3);
    const gearboxes = deals.find((d) => d.title === "Gearboxes")!;
    await app.rapport.runText({ actor: boss, text: `deal lost ${gearboxes.id} reason=price` });
    // The rep's own open deal only; the boss (owner of the others) sees theirs, not the lost one.
    expect((await suggest(rep, "deal", "id", "")).map((o) => o.label)).toEqual([expect.stringMatching(/^#\d+ · Valves · Kestrel Ltd$/)]);
    expect((await suggest(boss, "deal", "id", "")).map((o) => o.label)).toEqual([expect.stringMatching(/^#\d+ · Turbines · Nordwind GmbH$/)]);

    // The rep's quote is older than the boss's: the rep still sees theirs first.
    const repQuote = await app.rapport.runText({ actor: rep, text: "quote new kestrel WID-2 1 50" });
    const bossQuote = await app.rapport.runText({ actor: boss, text: "quote new nordwind WID-1 2 100" });
    const rejected = await app.rapport.runText({ actor: boss, text: "quote new nordwind WID-3 1 10" });
    const numbers = (await app.database.prisma.quote.findMany({ orderBy: { id: "asc" }, where: { customer: { name: { in: ["Nordwind GmbH", "Kestrel Ltd"] } } } })).map((q) => q.number);
    expect(numbers, JSON.stringify([bossQuote, repQuote, rejected])).toHaveLength(3);
    await app.rapport.runText({ actor: boss, text: `quote reject ${numbers[2]} reason=too expensive` });
    const forRep = await suggest(rep, "quote", "number", "");
    expect(forRep.map((o) => o.value)).toEqual([numbers[0], numbers[1]]);
    expect(forRep[0]!.label).toBe(`${numbers[0]} · Kestrel Ltd · Draft`);
    expect((await suggest(boss, "quote", "number", "")).map((o) => o.value)).toEqual([numbers[1], numbers[0]]);
    expect((await suggest(boss, "quote", "number", numbers[1]!.slice(-4))).map((o) => o.value)).toEqual([numbers[1]]);
  });
});
