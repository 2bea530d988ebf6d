/**
 * Hostile and deceptive text in every stored field, round-tripped through every renderer (console
 * text, Slack Block Kit with its Home tab, forms and pickers, Discord embeds, forms and
 * autocomplete): no live mention, no spoofed link, limits respected, no crash, and no bidi control,
 * invisible character, control character or lone surrogate in any text-bearing part (text-check.ts).
 * A second run with the neutraliser replaced by the identity must report violations on every
 * surface and in every kind of part, or the check could not have failed.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { testTargets } from "../support/test-databases.js";
import { refreshSearchKeys } from "../../src/data/store.js";
import type { Reply } from "../../src/core/reply.js";
import { recordResult } from "./results.js";
import { everyPartReply, inspectMessages, inspectParts, renderersWith, renderEverywhere, type RenderedPart, type Violation } from "./text-check.js";

const HOSTILE = [
  "<!channel> pay now",
  "<!here>",
  "@everyone @here",
  "<@U123ABC> <@&987654321> <#C024BE91L>",
  "<https://evil.example|acme.com>",
  "[acme.com](https://evil.example) **bold** __u__ ~~s~~ `code` ```block```",
  "\u202Egnp.exe\u202C right-to-left",
  "'; DROP TABLE customers; -- {{7*7}} ${process.env.SLACK_BOT_TOKEN} <script>alert(1)</script>",
  "bell\u0007 and escape\u001b[31m red",
  "x".repeat(10_000),
];

/** Text that deceives without any markup: bidi controls, zero-width and other invisible characters. */
const DECEPTIVE = [
  "Invoice \u202Efdp.exe\u202C and \u202Doverride\u202C",
  "\u202Aembedded\u202C \u202Bright-to-left embedding\u202C",
  "\u2066isolate\u2069 \u2067rtl isolate\u2069 \u2068first strong\u2069 dangling \u2067",
  "\u200Eleft mark \u200Fright mark \u061Carabic mark",
  "Acme\u200BCorp Ac\u200Cme Ac\u200Dme \u2060joined\uFEFF",
  "hidden\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}\u{E007F} tags, soft\u00ADhyphen, \u3164filler",
];

/** Cannot be stored (UTF-8 has no lone surrogates), but a damaged value or a naive cut makes them. */
const SPLIT_SURROGATES = ["split high \uD83D", "\uDE00 split low", "pair reversed \uDE00\uD83D", "👨‍👩‍👧".repeat(1500), "🇰🇷".repeat(2000), `${"a".repeat(79)}😀${"b".repeat(300)}`];

/** Must come through unchanged: joiners inside emoji and Persian words, flags, combining marks, CJK, Hangul. */
const LEGITIMATE = ["👨‍👩‍👧 👩🏽‍💻 🏳️‍🌈 🇰🇷 🏴󠁧󠁢󠁳󠁣󠁴󠁿", "می\u200Cخواهم café 上海宏达 台灣宏達 삼성전자"];

type Observation = { replies: number; parts: number; violations: Violation[]; messageProblems: string[]; legitimateKept: boolean; partKinds: Set<string> };

function observe(replies: readonly Reply[], strings: readonly string[], identity: boolean): Observation {
  const renderers = renderersWith(identity ? (text) => text : undefined);
  const parts: RenderedPart[] = renderEverywhere(renderers, replies, strings);
  const all = parts.map((part) => part.text).join("\n");
  return {
    replies: replies.length,
    parts: parts.length,
    violations: inspectParts(parts),
    messageProblems: inspectMessages(renderers, replies),
    legitimateKept: LEGITIMATE.every((text) => text.split(" ").every((word) => all.includes(word))),
    partKinds: new Set(parts.map((part) => `${part.surface}: ${part.part}`)),
  };
}

function summarise(violations: readonly Violation[]): string {
  const counts = new Map<string, number>();
  for (const v of violations) counts.set(`${v.surface} ${v.part}: ${v.problem}`, (counts.get(`${v.surface} ${v.part}: ${v.problem}`) ?? 0) + 1);
  return [...counts].map(([key, count]) => `${key} x${count}`).join("; ");
}

/** Parts the check must have seen: if a renderer stops producing one, the check no longer covers it. */
const REQUIRED_PARTS = [
  "console: console line",
  "slack: notification text",
  "slack: section",
  "slack: field",
  "slack: context",
  "slack: button",
  "slack: header",
  "slack: option",
  "slack: modal title",
  "slack: modal input",
  "slack: modal error",
  "discord: embed title",
  "discord: embed description",
  "discord: field name",
  "discord: field value",
  "discord: footer",
  "discord: button",
  "discord: modal title",
  "discord: modal input",
  "discord: autocomplete choice",
];

/**
 * Kinds of part where the identity run must find deceptive characters (proof the check reads them).
 * Not footers: only page counts and notes written by Rapport reach them (they are still checked).
 */
const MUTANT_MUST_FLAG = ["console", "slack section", "slack field", "slack context", "slack button", "slack option", "slack header", "discord embed title", "discord embed description", "discord field value", "discord button", "discord autocomplete choice"];

describe.each(testTargets.slice(0, 1))("hostile text on $name", (target) => {
  let app: TestApp;
  const actor = { platform: "console" as const, tenantExternalId: "hostile", userExternalId: "you", profile: { timeZone: "UTC", isPlatformAdmin: true } };
  const customerIds: number[] = [];
  const stored = [...HOSTILE, ...DECEPTIVE, ...LEGITIMATE];
  const replies: Reply[] = [];
  const pickerLabels: string[] = [];
  let real: Observation | undefined;
  let synthetic: Observation | undefined;
  let mutant: Observation | undefined;

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant, member } = await app.rapport.identify(actor);
    const prisma = app.database.prisma;
    for (const [index, text] of stored.entries()) {
      // Written straight into the database: imports and other tools may store anything.
      const customer = await prisma.customer.create({
        data: {
          tenantId: tenant.id,
          name: `${text} ${index}`,
          aliases: [text],
          city: text,
          industry: text,
          notes: text,
          phone: text.slice(0, 100),
          email: text.slice(0, 100),
          website: text.slice(0, 100),
          ownerId: member.id,
          nextFollowUp: new Date("2026-11-23T00:00:00Z"),
          contacts: { create: [{ tenantId: tenant.id, name: text, title: text, email: text.slice(0, 100) }] },
        },
      });
      await prisma.interaction.create({
        data: { tenantId: tenant.id, customerId: customer.id, channel: "note", summary: text, occurredAt: new Date("2026-11-22T10:00:00Z"), loggedById: member.id },
      });
      await prisma.invoice.create({
        data: { tenantId: tenant.id, customerId: customer.id, number: `INV-H${index}`, issuedOn: new Date("2026-08-01"), dueOn: new Date("2026-09-01"), amount: 1000n },
      });
      await refreshSearchKeys(prisma, tenant.id, customer.id);
      customerIds.push(customer.id);
    }
  });

  afterAll(async () => {
    // One row, written even when a test above threw: a missing observation is a FAIL.
    const mutantFlagged = mutant ? MUTANT_MUST_FLAG.filter((kind) => mutant!.violations.some((v) => `${v.surface} ${v.part}`.startsWith(kind))) : [];
    const pass =
      real !== undefined &&
      synthetic !== undefined &&
      mutant !== undefined &&
      real.violations.length + real.messageProblems.length === 0 &&
      synthetic.violations.length + synthetic.messageProblems.length === 0 &&
      real.legitimateKept &&
      synthetic.legitimateKept &&
      mutantFlagged.length === MUTANT_MUST_FLAG.length;
    recordResult({
      test: "10. hostile and deceptive text through every renderer",
      injected:
        `${HOSTILE.length} hostile and ${DECEPTIVE.length} deceptive values (bidi overrides, isolates, marks, zero-width, tags) in every stored field, ` +
        `plus ${SPLIT_SURROGATES.length} split-surrogate and over-long emoji values in every reply part; console, Slack (messages, Home, forms, pickers), Discord (embeds, buttons, forms, autocomplete)`,
      figure:
        real && synthetic && mutant
          ? `${real.violations.length + synthetic.violations.length} deceptive characters, lone surrogates, live mentions or limit breaches in ${real.parts + synthetic.parts} text parts ` +
            `(${real.replies + synthetic.replies} replies); ${real.messageProblems.length + synthetic.messageProblems.length} message-limit breaches; ` +
            `emoji/Persian joiners kept: ${real.legitimateKept && synthetic.legitimateKept ? "yes" : "NO"}; ` +
            `with the neutraliser disabled the check flags ${mutant.violations.length} (${mutantFlagged.length}/${MUTANT_MUST_FLAG.length} part kinds)`
          : "did not complete (a test threw or timed out)",
      pass,
    });
    await app?.drop();
  });

  test("every reply about hostile data renders safely on every surface", async () => {
    for (const id of customerIds) {
      for (const line of [`show #${id}`, `orders #${id}`, `overdue #${id}`, `log #${id} note checked`]) {
        replies.push(await app.rapport.runText({ actor, text: line }));
      }
    }
    for (const line of ["followups week all", "overdue", "find channel", "find everyone", "find drop table", "find xxxxxxxx", "find gnp", "find acme", "find 삼성전자"]) {
      replies.push(await app.rapport.runText({ actor, text: line }));
    }
    for (const reply of replies) expect(reply.title).not.toMatch(/Sorry, something went wrong/);
    for (const query of ["gnp", "acme", "isolate", "x", "삼성"]) {
      for (const option of await app.rapport.pick({ actor, kind: "customer", query, limit: 20 })) pickerLabels.push(option.label);
    }
    expect(pickerLabels.length).toBeGreaterThan(0);

    real = observe(replies, [...stored, ...pickerLabels], false);
    expect(summarise(real.violations)).toEqual("");
    expect(real.messageProblems).toEqual([]);
    expect(real.legitimateKept).toBe(true);
  });

  test("every part of the reply model, with split surrogates and over-long emoji, renders honestly", () => {
    const values = [...HOSTILE, ...DECEPTIVE, ...SPLIT_SURROGATES, ...LEGITIMATE];
    synthetic = observe(values.map(everyPartReply), values, false);
    expect(summarise(synthetic.violations)).toEqual("");
    expect(synthetic.messageProblems).toEqual([]);
    expect(synthetic.legitimateKept).toBe(true);
    const missing = REQUIRED_PARTS.filter((kind) => !synthetic!.partKinds.has(kind));
    expect(missing).toEqual([]);
  });

  test("GIVEN the neutraliser replaced by the identity THEN the same check reports violations on every surface and part", () => {
    const values = [...DECEPTIVE, ...SPLIT_SURROGATES.slice(0, 3)];
    mutant = observe([...replies, ...values.map(everyPartReply)], [...values, ...pickerLabels], true);
    const flagged = MUTANT_MUST_FLAG.filter((kind) => mutant!.violations.some((v) => `${v.surface} ${v.part}`.startsWith(kind)));
    expect(flagged).toEqual(MUTANT_MUST_FLAG);
    const problems = new Set(mutant.violations.map((v) => v.problem));
    for (const problem of ["bidi control", "zero-width character", "other invisible format character", "lone surrogate"]) expect(problems).toContain(problem);
  });
});
