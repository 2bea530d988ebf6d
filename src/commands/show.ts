import { defineCommand } from "../core/command.js";
import { reply, type Block } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { customerReference } from "./shared/arguments.js";
import { customerCard } from "./shared/customer-card.js";
import { localTime, money } from "./shared/format.js";

export const showCommand = defineCommand({
  name: "show",
  summary: "The customer file: key facts, contacts, recent contacts, open orders, money",
  usage: "show <customer>",
  examples: ["show acme", "show #42"],
  options: { customer: { kind: "customer", description: "Customer name fragment or #id", required: true, typed: "rest", schema: customerReference } },
  writes: false,
  async handler({ customer: reference }, ctx) {
    const customer = await resolveCustomer(ctx, reference, (ref) => `show ${ref}`);
    const profile = (await ctx.store.customers.profile(customer.id, ctx.today))!;
    const c = profile.customer;
    const blocks: Block[] = [customerCard(ctx, profile)];
    blocks.push({
      type: "fields",
      fields: [
        { label: "Customer since", value: c.firstOrderAt ?? "no orders yet", inline: true },
        { label: "Last order", value: c.lastOrderAt ?? "-", inline: true },
        { label: "Orders", value: String(c.orderCount), inline: true },
        { label: "Lifetime sales", value: money(ctx, c.lifetimeSales), inline: true },
        { label: "Gross margin", value: profile.grossMargin === null ? "costs unknown" : money(ctx, profile.grossMargin), inline: true },
        { label: "Purchase cycle", value: c.avgCycleDays === null ? "-" : `${Math.round(c.avgCycleDays)} days`, inline: true },
        { label: "Next purchase expected", value: c.predictedNextAt ?? "-", inline: true },
        ...(c.phone ? [{ label: "Phone", value: c.phone, inline: true }] : []),
        ...(c.email ? [{ label: "Email", value: c.email, inline: true }] : []),
        ...(c.website ? [{ label: "Website", value: c.website, inline: true }] : []),
        ...(c.aliases.length ? [{ label: "Also known as", value: c.aliases.join(", ") }] : []),
      ],
    });
    if (profile.contacts.length) {
      blocks.push({
        type: "list",
        title: "Contacts",
        items: profile.contacts.map((contact) => ({
          title: `${contact.name}${contact.title ? `, ${contact.title}` : ""}${contact.isPrimary ? " (primary)" : ""}`,
          detail: [contact.phone, contact.email].filter(Boolean).join(" · ") || undefined,
        })),
      });
    }
    if (profile.recentInteractions.length) {
      blocks.push({
        type: "list",
        title: "Recent contacts",
        items: profile.recentInteractions.map((item) => ({
          title: `${localTime(ctx, item.occurredAt)} ${item.channel}${item.outcome ? ` (${item.outcome})` : ""}${item.loggedByName ? ` by ${item.loggedByName}` : ""}`,
          detail: item.summary,
        })),
      });
    }
    if (profile.openOrders.length) {
      blocks.push({
        type: "table",
        title: "Open orders",
        columns: ["Order", "Date", "Status", "Total"],
        align: ["left", "left", "left", "right"],
        rows: profile.openOrders.map((order) => [order.number, order.orderedOn, order.status, money(ctx, order.total)]),
      });
    }
    if (c.notes) blocks.push({ type: "text", text: `Notes: ${c.notes}` });
    return reply.of(c.name, blocks);
  },
});
