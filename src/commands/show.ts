import { defineCommand } from "../core/command.js";
import { reply, type Block } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { customerReference } from "./shared/arguments.js";
import { customerCard } from "./shared/customer-card.js";
import { withRecordLink } from "./shared/record-link.js";
import { localTime, money } from "./shared/format.js";
import { contactReach } from "./contact-view.js";
import { openDealsBlock } from "./deal-view.js";
import { notesBlock, notesReply, parseShowWords } from "./show-notes.js";

export const showCommand = defineCommand({
  name: "show",
  summary: "The customer file: key facts, contacts, recent contacts, open orders, money",
  usage: "show <customer>",
  examples: ["show acme", "show #42"],
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, typed: "rest", schema: customerReference },
    // `show #3 notes`: the whole notes, which the file cuts when they are long.
    section: { kind: "choice", description: "Only this part of the customer file: notes shows the whole notes", choices: ["notes"], inForms: false },
  },
  parseText: parseShowWords,
  writes: false,
  async handler({ customer: reference, section }, ctx) {
    const customer = await resolveCustomer(ctx, reference, (ref) => `show ${ref}`);
    if (section === "notes") return notesReply(ctx, customer);
    const profile = (await ctx.store.customers.profile(customer.id, ctx.today))!;
    const c = profile.customer;
    const { t } = ctx;
    const blocks: Block[] = [customerCard(ctx, profile)];
    blocks.push({
      type: "fields",
      fields: [
        { label: t("show.customerSince"), value: c.firstOrderAt ?? t("show.noOrdersYet"), inline: true },
        { label: t("show.lastOrder"), value: c.lastOrderAt ?? "-", inline: true },
        { label: t("show.orders"), value: String(c.orderCount), inline: true },
        { label: t("show.lifetimeSales"), value: money(ctx, c.lifetimeSales, c.currency), inline: true },
        { label: t("show.grossMargin"), value: profile.grossMargin === null ? t("show.costsUnknown") : money(ctx, profile.grossMargin, c.currency), inline: true },
        { label: t("show.purchaseCycle"), value: c.avgCycleDays === null ? "-" : t("show.cycleDays", { days: Math.round(c.avgCycleDays) }), inline: true },
        { label: t("show.nextPurchase"), value: c.predictedNextAt ?? "-", inline: true },
        ...(c.phone ? [{ label: t("show.phone"), value: c.phone, inline: true }] : []),
        ...(c.email ? [{ label: t("show.email"), value: c.email, inline: true }] : []),
        ...(c.website ? [{ label: t("show.website"), value: c.website, inline: true }] : []),
        ...(c.aliases.length ? [{ label: t("show.aliases"), value: c.aliases.join(", ") }] : []),
      ],
    });
    if (profile.contacts.length) {
      blocks.push({
        type: "list",
        title: t("show.contacts"),
        items: profile.contacts.map((contact) => {
          const named = contact.title ? t("show.contactWithTitle", { name: contact.name, title: contact.title }) : contact.name;
          return {
            title: contact.isPrimary ? t("show.primaryContact", { contact: named }) : named,
            detail: contactReach(t, contact),
          };
        }),
      });
    }
    if (profile.recentInteractions.length) {
      blocks.push({
        type: "list",
        title: t("show.recentContacts"),
        items: profile.recentInteractions.map((item) => {
          const channel = t("interaction.channel", { channel: item.channel });
          const what = item.outcome ? t("show.interactionOutcome", { channel, outcome: t("interaction.outcome", { outcome: item.outcome.replace(/-/g, "_") }) }) : channel;
          return {
            title: `${localTime(ctx, item.occurredAt)} ${item.loggedByName ? t("show.interactionBy", { what, name: item.loggedByName }) : what}`,
            detail: item.summary,
          };
        }),
      });
    }
    if (profile.openOrders.length) {
      blocks.push({
        type: "table",
        title: t("show.openOrders"),
        columns: [t("column.order"), t("column.date"), t("column.status"), t("column.total")],
        align: ["left", "left", "left", "right"],
        rows: profile.openOrders.map((order) => [order.number, order.orderedOn, t("order.status", { status: order.status }), money(ctx, order.total, c.currency)]),
      });
    }
    const deals = await openDealsBlock(ctx, c.id);
    if (deals) blocks.push(deals);
    if (c.notes) blocks.push(notesBlock(ctx, c.id, c.notes));
    return reply.of(c.name, withRecordLink(ctx, blocks, "customer", c.id));
  },
});
