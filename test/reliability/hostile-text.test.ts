/**
 * Hostile text in every stored field, round-tripped through every renderer (console text, Slack
 * Block Kit, Discord embeds): no live mention, no spoofed link, limits respected, no crash.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { testTargets } from "../support/test-databases.js";
import { renderText } from "../../src/adapters/console/render-text.js";
import { renderMessage } from "../../src/adapters/slack/render/render-reply.js";
import { renderReply } from "../../src/adapters/discord/render/render-reply.js";
import { createButtonCodec } from "../../src/adapters/discord/render/button-codec.js";
import { refreshSearchKeys } from "../../src/data/store.js";
import type { Reply } from "../../src/core/reply.js";
import { recordResult } from "./results.js";

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

/** Slack mrkdwn control sequences that would ping or link if they arrived unescaped. */
const SLACK_LIVE = /<[!@#]|<https?:[^>]*\|/;

describe.each(testTargets.slice(0, 1))("hostile text on $name", (target) => {
  let app: TestApp;
  const actor = { platform: "console" as const, tenantExternalId: "hostile", userExternalId: "you", profile: { timeZone: "UTC" } };
  let customerIds: number[] = [];

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant, member } = await app.rapport.identify(actor);
    const prisma = app.database.prisma;
    for (const [index, text] of HOSTILE.entries()) {
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
  afterAll(async () => app?.drop());

  test("every reply about hostile data renders safely on every surface", async () => {
    const replies: Reply[] = [];
    for (const id of customerIds) {
      for (const line of [`show #${id}`, `orders #${id}`, `overdue #${id}`, `log #${id} note checked`]) {
        replies.push(await app.rapport.runText({ actor, text: line }));
      }
    }
    for (const line of ["followups week all", "overdue", "find channel", "find everyone", "find drop table", "find xxxxxxxx"]) {
      replies.push(await app.rapport.runText({ actor, text: line }));
    }
    const codec = createButtonCodec();
    let problems = 0;
    for (const reply of replies) {
      expect(reply.title).not.toMatch(/Sorry, something went wrong/);
      const text = renderText(reply);
      if (/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E]/.test(text)) problems++;

      const slack = renderMessage(reply);
      const slackJson = JSON.stringify(slack);
      if (SLACK_LIVE.test(slackJson)) problems++;
      if (slack.blocks.length > 50) problems++;
      for (const block of slack.blocks as { text?: { text: string } }[]) if ((block.text?.text.length ?? 0) > 3000) problems++;

      const discord = renderReply(reply, codec);
      if (discord.allowedMentions.parse.length !== 0) problems++;
      if (discord.embeds.length > 10) problems++;
      for (const embed of discord.embeds) {
        const total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) +
          (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
        if (total > 6000 || (embed.fields?.length ?? 0) > 25) problems++;
      }
    }
    recordResult({
      test: "10. hostile text through every renderer",
      injected: `${HOSTILE.length} hostile values in every customer, contact and interaction field; ${replies.length} replies x 3 renderers`,
      figure: `${problems} live mentions, spoofed links, control characters or limit breaches`,
      pass: problems === 0,
    });
    expect(problems).toBe(0);
  });
});
