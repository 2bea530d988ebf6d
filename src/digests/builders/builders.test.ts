import { describe, expect, test } from "vitest";
import { buildFollowUpsDigest } from "./followups.js";
import { buildOverdueDigest, suggestedNextStep } from "./overdue.js";
import { buildChurnDigest } from "./churn.js";
import { buildPipelineDigest } from "./pipeline.js";
import type { DigestContext } from "./types.js";
import { mention, mentionsAsNames } from "../mention.js";

const ctx: DigestContext = { now: new Date("2026-11-23T08:00:00Z"), today: "2026-11-23", timeZone: "UTC", currency: "USD", full: false };
const alice = { id: 1, externalId: "U1", displayName: "Alice" };

describe("follow-ups digest", () => {
  test("GIVEN nothing due THEN a short all-clear marked empty", () => {
    expect(buildFollowUpsDigest({ weekEnd: "2026-11-29", totals: { overdue: 0, today: 0, week: 0 }, owners: [], ownerCount: 0 }, ctx)).toEqual({
      empty: true,
      reply: { title: "Follow-ups for 2026-11-23", blocks: [{ type: "text", text: "No follow-ups due this week. All clear." }], visibility: "channel" },
    });
  });

  test("GIVEN an owner with more than shown THEN summary, mention, buttons on urgent items and 'and N more'", () => {
    const built = buildFollowUpsDigest(
      {
        weekEnd: "2026-11-29",
        totals: { overdue: 2, today: 1, week: 2 },
        ownerCount: 2,
        owners: [
          {
            owner: alice,
            overdue: 2,
            today: 1,
            week: 1,
            items: [
              { customerId: 7, customerName: "Acme \uE000@U9|x\uE001", nextFollowUp: "2026-11-20" },
              { customerId: 8, customerName: "Globex", nextFollowUp: "2026-11-23" },
              { customerId: 9, customerName: "Initech", nextFollowUp: "2026-11-26" },
            ],
          },
        ],
      },
      ctx,
    );
    expect(built.empty).toBe(false);
    expect(built.reply.title).toBe("Follow-ups for 2026-11-23: 1 due today, 2 overdue");
    expect(built.reply.blocks).toEqual([
      { type: "text", text: "1 customer due today, 2 overdue, 2 more by 2026-11-29 (2 owners)." },
      {
        type: "list",
        title: `${mention(alice)}: 1 today, 2 overdue, 1 later this week`,
        items: [
          {
            title: "Acme @U9|x #7", // forged mention markers in CRM data are stripped
            detail: "due 2026-11-20 (3 days overdue)",
            buttons: [
              { label: "Log call", action: { kind: "form", command: "log", prefill: { customer: "#7", channel: "call" } } },
              { label: "Snooze 1 day", action: { kind: "run", command: "followup #7 2026-11-24" } },
            ],
          },
          {
            title: "Globex #8",
            detail: "due 2026-11-23 (today)",
            buttons: [
              { label: "Log call", action: { kind: "form", command: "log", prefill: { customer: "#8", channel: "call" } } },
              { label: "Snooze 1 day", action: { kind: "run", command: "followup #8 2026-11-24" } },
            ],
          },
          { title: "Initech #9", detail: "due 2026-11-26 (in 3 days)" },
        ],
      },
      { type: "text", tone: "muted", text: "…and 1 more. See all: /crm followups week #1" },
      { type: "text", tone: "muted", text: "…and 1 more owner with follow-ups. See all: /crm followups week all" },
    ]);
    expect(mentionsAsNames(JSON.stringify(built.reply))).not.toContain("\uE000");
  });
});

describe("overdue digest", () => {
  test.each([
    ["0-30", null, "Send a friendly payment reminder."],
    ["0-30", 100, "Send a friendly payment reminder; hold new orders (over credit limit)."],
    ["61-90", null, "Escalate to the account owner's manager; ask for a payment plan."],
    [">180", 100, "Hand over to collections or review for write-off."],
  ] as const)("GIVEN oldest %s and limit %s THEN %s", (oldestBucket, creditLimit, expected) => {
    expect(suggestedNextStep({ oldestBucket, balance: 500, creditLimit })).toBe(expected);
  });

  test("GIVEN debtors THEN buckets with totals, largest debtors with next step, over-limit list", () => {
    const built = buildOverdueDigest(
      {
        totals: { "0-30": 10_000, "31-60": 0, "61-90": 0, "91-180": 0, ">180": 50_000 },
        total: 60_000,
        customerCount: 3,
        debtors: [
          { customerId: 2, customerName: "Old Co", overdue: 50_000, buckets: { "0-30": 0, "31-60": 0, "61-90": 0, "91-180": 0, ">180": 50_000 }, oldestBucket: ">180", balance: 50_000, creditLimit: null, owner: alice },
        ],
        overLimit: [{ customerId: 5, customerName: "Big Co", balance: 30_000, creditLimit: 20_000 }],
        overLimitCount: 1,
      },
      ctx,
    );
    expect(built.reply.title).toBe("Overdue payments on 2026-11-23: $600.00");
    expect(built.reply.blocks).toEqual([
      { type: "text", text: "$600.00 overdue across 3 customers; $500.00 of it more than 90 days. 1 customer over their credit limit." },
      {
        type: "table",
        title: "Ageing (days past due)",
        columns: ["0-30", "31-60", "61-90", "91-180", ">180", "Total"],
        align: ["right", "right", "right", "right", "right", "right"],
        rows: [["$100.00", "$0.00", "$0.00", "$0.00", "$500.00", "$600.00"]],
      },
      {
        type: "list",
        title: "Largest debtors",
        items: [{ title: "Old Co #2: $500.00 overdue (oldest >180 days)", detail: `${mention(alice)} · Next step: Hand over to collections or review for write-off.` }],
      },
      { type: "text", tone: "muted", text: "…and 2 more. See all: /crm overdue" },
      { type: "list", title: "Over credit limit", items: [{ title: "Big Co #5", detail: "balance $300.00, limit $200.00 (over by $100.00)" }] },
    ]);
  });
});

describe("churn and pipeline digests", () => {
  test("GIVEN no risk THEN empty", () => {
    const built = buildChurnDigest({ pastDue: { count: 0, items: [] }, silent: { count: 0, items: [], fromDays: 180, toDays: 365 }, lost: { count: 0, items: [], days: 30 } }, ctx);
    expect(built.empty).toBe(true);
  });

  test("GIVEN a late repeat customer THEN days late, cycle and a log-call button", () => {
    const built = buildChurnDigest(
      {
        pastDue: { count: 1, items: [{ customerId: 3, customerName: "Acme", owner: alice, lastOrderAt: "2026-10-01", predictedNextAt: "2026-10-31", avgCycleDays: 30, lifetimeSales: 750_000 }] },
        silent: { count: 0, items: [], fromDays: 180, toDays: 365 },
        lost: { count: 0, items: [], days: 30 },
      },
      ctx,
    );
    expect(built.reply.blocks[1]).toEqual({
      type: "list",
      title: "Late to reorder (largest accounts first)",
      items: [
        {
          title: "Acme #3: expected 2026-10-31 (23 days late)",
          detail: `orders every ~30 days, last 2026-10-01, lifetime $7,500.00 · ${mention(alice)}`,
          buttons: [{ label: "Log call", action: { kind: "form", command: "log", prefill: { customer: "#3", channel: "call" } } }],
        },
      ],
    });
  });

  test("GIVEN activity THEN signings against the previous period and per-member rates", () => {
    const built = buildPipelineDigest(
      {
        from: "2026-11-17",
        to: "2026-11-23",
        newCustomers: 2,
        updated: 5,
        won: 1,
        lost: 1,
        signed: { month: { current: 3, previous: 2 }, quarter: { current: 4, previous: 0 }, year: { current: 0, previous: 0 } },
        members: [{ member: alice, contacts: 4, rated: 4, successful: 3, won: 1, lost: 1 }],
      },
      ctx,
    );
    expect(built.reply.blocks.slice(0, 3)).toEqual([
      { type: "text", text: "Last 7 days: 2 new customers, 5 updated, 1 won, 1 lost." },
      {
        type: "fields",
        fields: [
          { label: "Signed this month", value: "3 (+50% vs 2)", inline: true },
          { label: "Signed this quarter", value: "4 (none in the same span before)", inline: true },
          { label: "Signed this year", value: "0", inline: true },
        ],
      },
      {
        type: "table",
        title: "Per member (last 7 days)",
        columns: ["Member", "Contacts", "Success rate", "Won", "Lost", "Lost-deal rate"],
        align: ["left", "right", "right", "right", "right", "right"],
        rows: [["Alice", "4", "75%", "1", "1", "50%"]],
      },
    ]);
  });
});
