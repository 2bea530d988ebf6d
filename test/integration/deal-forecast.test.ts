/**
 * The forecast's one statement (src/data/deal-forecast.ts) against the forecast as it was added up
 * before: every (owner, stage, currency, status) group of the deals themselves, its weighted
 * amount rounded per group, then the member, stage and currency figures added up here. Seeded
 * random deals with amounts that round on halves, owners without a member or sharing a name, a
 * stage no longer in the list; whole months (the monthly totals) and other windows (the deals).
 * Also the deal list's page, read in one statement with its names, against the deals one by one.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import { effectiveProbability, type DealStage, type DealStatus } from "../../src/core/deal-store.js";
import type { Store } from "../../src/core/store.js";
import { forecastFigures, type ForecastFigures } from "../../src/commands/forecast.js";

type Window = { from: string; to: string };
type SeededDeal = { ownerId: number | null; stage: string; currency: string | null; status: DealStatus; amount: number; probability: number | null; closeOn: string | null; closedOn: string | null };

const NO_OWNER = "(no owner)";
const OPEN_STAGES = ["lead", "qualified", "proposal", "negotiation"];
const CURRENCIES = [null, "EUR", "KRW", "CNY"];
// Amounts whose weighted share ends in exactly half a minor unit at 10, 50 and 75 percent.
const AMOUNTS = [1, 3, 5, 15, 101, 1_005, 12_345, 99_999, 2_500_000];

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function day(next: () => number): string {
  const start = Date.UTC(2025, 5, 1);
  return new Date(start + Math.floor(next() * 640) * 86_400_000).toISOString().slice(0, 10);
}

/** The forecast as it was computed before the one statement, from the deals themselves. */
function expectedFigures(deals: readonly SeededDeal[], input: { window: Window; earlier: Window; ownerId?: number }, stages: readonly DealStage[], names: ReadonlyMap<number, string>): ForecastFigures[] {
  type Group = { ownerName: string | null; stage: string; currency: string | null; status: DealStatus; count: number; amount: number; weighted: number };
  const groupsOf = (window: Window) => {
    const groups = new Map<string, Group & { explicit: number; unset: number }>();
    for (const deal of deals) {
      if (input.ownerId !== undefined && deal.ownerId !== input.ownerId) continue;
      const on = deal.status === "open" ? deal.closeOn : deal.closedOn;
      if (!on || on < window.from || on > window.to) continue;
      const key = [deal.ownerId, deal.stage, deal.currency, deal.status].join("|");
      const ownerName = deal.ownerId === null ? null : (names.get(deal.ownerId) ?? null);
      const group = groups.get(key) ?? { ownerName, stage: deal.stage, currency: deal.currency, status: deal.status, count: 0, amount: 0, weighted: 0, explicit: 0, unset: 0 };
      group.count += 1;
      group.amount += deal.amount;
      if (deal.probability === null) group.unset += deal.amount;
      else group.explicit += deal.amount * deal.probability;
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const percent = effectiveProbability({ probability: null, stage: group.stage, status: "open" }, stages);
      group.weighted = group.status === "open" ? Math.round(group.explicit / 100 + (group.unset * percent) / 100) : group.amount;
    }
    return [...groups.values()];
  };
  const current = groupsOf(input.window);
  const lastYear = groupsOf(input.earlier).filter((group) => group.status !== "open");
  const currencies = [...new Set([...current, ...lastYear].map((group) => group.currency))].sort((a, b) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)));
  const order = new Map(stages.map((stage, index) => [stage.key, index]));
  const sum = (rows: readonly Group[], pick: (group: Group) => number) => rows.reduce((total, group) => total + pick(group), 0);
  return currencies.map((currency) => {
    const groups = current.filter((group) => group.currency === currency);
    const open = groups.filter((group) => group.status === "open");
    const won = groups.filter((group) => group.status === "won");
    const previous = lastYear.filter((group) => group.currency === currency);
    const members = new Map<string, ForecastFigures["members"][number]>();
    for (const group of [...open, ...won]) {
      const name = group.ownerName ?? NO_OWNER;
      const row = members.get(name) ?? { name, open: 0, weighted: 0, won: 0 };
      if (group.status === "open") {
        row.open += group.amount;
        row.weighted += group.weighted;
      } else row.won += group.amount;
      members.set(name, row);
    }
    const byStage = new Map<string, ForecastFigures["stages"][number]>();
    for (const group of open) {
      const row = byStage.get(group.stage) ?? { stage: group.stage, count: 0, open: 0, weighted: 0 };
      row.count += group.count;
      row.open += group.amount;
      row.weighted += group.weighted;
      byStage.set(group.stage, row);
    }
    return {
      currency,
      open: sum(open, (group) => group.amount),
      weighted: sum(open, (group) => group.weighted),
      won: sum(won, (group) => group.amount),
      lost: sum(groups.filter((group) => group.status === "lost"), (group) => group.count),
      wonLastYear: previous.length ? sum(previous.filter((group) => group.status === "won"), (group) => group.amount) : null,
      members: [...members.values()].sort((a, b) => b.weighted + b.won - (a.weighted + a.won) || a.name.localeCompare(b.name)),
      stages: [...byStage.values()].sort((a, b) => (order.get(a.stage) ?? 99) - (order.get(b.stage) ?? 99)),
    };
  });
}

const WINDOWS: { name: string; window: Window; earlier: Window }[] = [
  { name: "a month (monthly totals)", window: { from: "2026-11-01", to: "2026-11-30" }, earlier: { from: "2025-11-01", to: "2025-11-30" } },
  { name: "a quarter (monthly totals)", window: { from: "2026-01-01", to: "2026-03-31" }, earlier: { from: "2025-01-01", to: "2025-03-31" } },
  { name: "six months (monthly totals)", window: { from: "2025-10-01", to: "2026-03-31" }, earlier: { from: "2025-06-01", to: "2025-09-30" } },
  { name: "part months (the deals)", window: { from: "2025-11-10", to: "2026-02-20" }, earlier: { from: "2025-06-03", to: "2025-08-17" } },
];

describe.each(testTargets)("the forecast's one statement on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let tenantId: number;
  const deals: SeededDeal[] = [];
  const names = new Map<number, string>();
  const owners: (number | null)[] = [];

  const freshStore = async (): Promise<Store> => (await app.rapport.identify(admin)).store; // the stage list is read once per store

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("forecast-sql", "you");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    for (const [user, displayName] of [["ann", "Ann Ng"], ["ben", "Ben Ode"], ["sam1", "Sam Lee"], ["sam2", "Sam Lee"]] as const) {
      const { member } = await app.rapport.identify(app.actor("forecast-sql", user, { displayName, timeZone: "UTC" }));
      names.set(member.id, displayName);
      owners.push(member.id);
    }
    // No owner, and an owner who is no member of this workspace: both read as "no owner".
    owners.push(null, 987_654);
    const reply = await app.rapport.runText({ actor: admin, text: "new Forecast Works city=Lyon" });
    expect(reply.isError, reply.title).toBeFalsy();
    const customer = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Forecast Works" } });
    const next = random(17);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    for (let i = 0; i < 700; i++) {
      const roll = next();
      const status: DealStatus = roll < 0.5 ? "open" : roll < 0.8 ? "won" : "lost";
      deals.push({
        ownerId: pick(owners),
        stage: status === "open" ? pick(OPEN_STAGES) : status,
        currency: pick(CURRENCIES),
        status,
        amount: pick(AMOUNTS) * (1 + Math.floor(next() * 3)),
        probability: next() < 0.35 ? Math.floor(next() * 101) : null,
        closeOn: status === "open" ? day(next) : next() < 0.3 ? day(next) : null,
        closedOn: status === "open" ? null : day(next),
      });
    }
    const date = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);
    await app.database.prisma.deal.createMany({
      data: deals.map((deal, index) => ({
        tenantId,
        customerId: customer.id,
        title: `Deal ${index}`,
        ownerId: deal.ownerId,
        stage: deal.stage,
        currency: deal.currency,
        status: deal.status,
        amount: BigInt(deal.amount),
        probability: deal.probability,
        closeOn: date(deal.closeOn),
        closedOn: date(deal.closedOn),
      })),
    });
    // Moved deals leave rows of zero deals in the monthly totals, which must not show as groups.
    const [ann, ben] = owners as [number, number];
    await app.database.prisma.deal.updateMany({ where: { tenantId, ownerId: ben, currency: "EUR" }, data: { ownerId: ann } });
    for (const deal of deals) if (deal.ownerId === ben && deal.currency === "EUR") deal.ownerId = ann;
  }, 120_000);
  afterAll(async () => app?.drop());

  test.each(WINDOWS)("$name: the same figures as the groups added up one by one, team and each owner", async ({ window, earlier }) => {
    const store = await freshStore();
    const stages = await store.deals.stages();
    for (const ownerId of [undefined, ...owners.filter((id): id is number => id !== null)]) {
      const sums = await store.deals.forecast({ from: window.from, to: window.to, earlier, ...(ownerId === undefined ? {} : { ownerId }) });
      const expected = expectedFigures(deals, { window, earlier, ...(ownerId === undefined ? {} : { ownerId }) }, stages, names);
      expect(forecastFigures(sums, stages, NO_OWNER), `owner ${ownerId ?? "all"}`).toEqual(expected);
    }
  });

  test("a workspace's own stage list weighs the forecast; a stage no longer in it weighs 0", async () => {
    // Negotiation is left out: its open deals count after the listed stages, those without a
    // probability of their own at 0 percent.
    await app.database.prisma.dealStage.createMany({
      data: [
        { tenantId, key: "lead", name: null, position: 1, probability: 15, kind: "open" },
        { tenantId, key: "qualified", name: "Discovery", position: 2, probability: 45, kind: "open" },
        { tenantId, key: "proposal", name: null, position: 3, probability: 55, kind: "open" },
        { tenantId, key: "won", name: null, position: 100, probability: 100, kind: "won" },
        { tenantId, key: "lost", name: null, position: 101, probability: 0, kind: "lost" },
      ],
    });
    try {
      const store = await freshStore();
      const stages = await store.deals.stages();
      expect(stages.map((stage) => stage.probability)).toEqual([15, 45, 55, 100, 0]);
      for (const { window, earlier } of WINDOWS) {
        const figures = forecastFigures(await store.deals.forecast({ from: window.from, to: window.to, earlier }), stages, NO_OWNER);
        expect(figures).toEqual(expectedFigures(deals, { window, earlier }, stages, names));
        expect(figures.some((figure) => figure.stages.at(-1)?.stage === "negotiation")).toBe(true);
      }
    } finally {
      await app.database.prisma.dealStage.deleteMany({ where: { tenantId } });
    }
  });

  test("the deal list's page, read with its names in one statement, is the deals one by one in close order", async () => {
    const store = await freshStore();
    for (const filter of [{ status: "open" as const }, { status: "open" as const, ownerId: 987_654 }, { status: "won" as const, stage: "won" }]) {
      const { items, total } = await store.deals.list({ ...filter, limit: 10, offset: 20 });
      expect(items).toHaveLength(10);
      expect(total).toBe(deals.filter((deal) => deal.status === filter.status && (filter.ownerId === undefined || deal.ownerId === filter.ownerId)).length);
      const oneByOne = await Promise.all(items.map((item) => store.deals.get(item.id)));
      expect(items).toEqual(oneByOne);
      const order = items.map((item) => [item.closeOn ?? "9999", item.id] as const);
      expect(order).toEqual([...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])));
      for (const item of items) expect(item.ownerName).toBe(item.ownerId === null ? null : (names.get(item.ownerId) ?? null));
    }
  });
});
